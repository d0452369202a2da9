"""The chain pages role by role (the access matrix of issue 25's pages): every role reads the
chains, their maps, PDFs and links; the bureau, administrators and the chain's own office
change them (another office's chain: 403); the workspace is the industry office's alone."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.factories import ChainFactory, ChainLinkFactory

pytestmark = pytest.mark.django_db

ROLES = ("admin", "bureau", "district", "liaison", "office110", "chain_office")
_READ = dict.fromkeys(ROLES, (200, 200))
_WRITE = {"admin": (400, 400), "bureau": (400, 400), "district": (403, 403),
          "liaison": (403, 403), "office110": (403, 403), "chain_office": (400, 403)}  # fmt: skip
PAGES = {
    ("chains:list", "get"): dict.fromkeys(ROLES, 200),
    ("chains:targets", "get"): dict.fromkeys(ROLES, 200),
    ("chains:targets", "post"): {
        "admin": 400,
        "bureau": 400,
        "district": 403,
        "liaison": 403,
        "office110": 403,
        "chain_office": 403,
    },
    ("chains:workspace", "get"): {**dict.fromkeys(ROLES, 403), "chain_office": 200},
    ("chains:map", "get"): _READ,
    ("chains:map_pdf", "get"): _READ,
    ("chains:link", "get"): _READ,
    ("chains:link_gap", "post"): _WRITE,
    ("chains:link_target_add", "post"): _WRITE,
    ("chains:link_project_add", "post"): _WRITE,
}


@time_machine.travel(dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC), tick=False)
def test_chain_pages_answer_as_the_matrix_says(request, client, chain_office):
    users = {
        role: request.getfixturevalue(f"{role}_user")
        for role in ("admin", "bureau", "district", "liaison", "office110", "chain_office")
    }
    own = ChainLinkFactory(chain=ChainFactory(office=chain_office))
    other = ChainLinkFactory(chain=ChainFactory())
    seen = {}
    for (name, method), _row in PAGES.items():
        row = {}
        for role, user in users.items():
            client.force_login(user)
            call = getattr(client, method)
            if name in ("chains:map", "chains:map_pdf"):
                row[role] = tuple(
                    call(reverse(name, args=[x.chain_id])).status_code for x in (own, other)
                )
            elif name.startswith("chains:link"):
                row[role] = tuple(
                    call(reverse(name, args=[x.pk])).status_code for x in (own, other)
                )
            else:
                row[role] = call(reverse(name)).status_code
        seen[(name, method)] = row
    wrong = {k: (PAGES[k], v) for k, v in seen.items() if PAGES[k] != v}
    assert wrong == {}, "(expected, observed) per page: " + repr(wrong)


def test_unknown_chain_or_link_is_404(client, bureau_user):
    client.force_login(bureau_user)
    assert client.get(reverse("chains:map", args=[999999])).status_code == 404
    assert client.get(reverse("chains:link", args=[999999])).status_code == 404


def test_public_sector_page_shows_the_map_without_targets(client, bureau_user):
    from chains import services
    from tests.factories import InvestorFactory
    from website.models import Industry

    industry = Industry.objects.create(slug="pharmaceuticals", name_zh_hans="生物医药",
                                       name_en="Pharmaceuticals", status="published")  # fmt: skip
    link = ChainLinkFactory(chain=ChainFactory(site_slug=industry.slug), gap="missing")
    services.target_company_add(user=bureau_user, link=link,
                                investor=InvestorFactory(name_en="Secret Target GmbH"))  # fmt: skip
    html = client.get(f"/en/industries/{industry.slug}/").content.decode()
    assert 'data-testid="public-chain"' in html
    assert 'data-gap="missing"' in html
    assert "Secret Target" not in html
    assert f'data-testid="targets-{link.pk}"' not in html


@time_machine.travel(dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC), tick=False)
def test_office_saves_its_chains_project_on_the_edit_page(client, chain_office_user, bureau_user):
    from chains import services
    from tests.factories import ProjectFactory

    project = ProjectFactory()
    services.project_link_add(
        user=bureau_user,
        project=project,
        link=ChainLinkFactory(chain=ChainFactory(office=chain_office_user.chain_office)),
    )
    client.force_login(chain_office_user)
    url = reverse("projects:edit", args=[project.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "tags"}
    data |= {
        "region": project.region_id,
        "name_en": "Renamed by the office",
        "intent_date": project.intent_date.isoformat(),
    }
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    project.refresh_from_db()
    assert project.name_en == "Renamed by the office"


def test_targets_page_shows_the_chain_targets_with_the_person(client, bureau_user, district_user):
    from chains import services

    chain = ChainFactory(name_en="Pharma chain")
    services.chain_target_set(user=bureau_user, chain=chain, year=2026, person_name="刘洋",
                              person_title="副市长", approved=3)  # fmt: skip
    client.force_login(bureau_user)
    html = client.get(reverse("projects:targets") + "?year=2026").content.decode()
    assert 'data-testid="chain-targets"' in html
    assert "刘洋" in html
    client.force_login(district_user)
    html = client.get(reverse("projects:targets") + "?year=2026").content.decode()
    assert 'data-testid="chain-targets"' not in html
