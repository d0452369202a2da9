"""A link's local enterprises found from its GB/T 4754 classes, the industrial targets without
a chain, and the project list's chain selects."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse as _reverse
from django.utils import translation

from chains import selectors, services
from projects.models import Project
from reference.models import IndustrySection
from tests.factories import ChainFactory, ChainLinkFactory, InvestorFactory, ProjectFactory

pytestmark = pytest.mark.django_db
D = Decimal


def reverse(*args, **kwargs):
    """The English page (the site's default language is Chinese)."""
    with translation.override("en"):
        return _reverse(*args, **kwargs)


TODAY = dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC)
LANDED = ("approval", "groundbreaking", "operation")


@pytest.fixture
def chain(chain_office):
    return ChainFactory(office=chain_office, name_en="Pharmaceuticals", name_zh_hans="生物医药")


@pytest.fixture
def links(chain):
    return (
        ChainLinkFactory(chain=chain, segment="midstream", industry_classes=["C271", "C2720"]),
        ChainLinkFactory(chain=chain, segment="downstream", industry_classes=["C"]),
    )


def _project(code, stage="approval", status="active", **kw):
    section = IndustrySection.objects.get(code="C")
    return ProjectFactory(industry=section, industry_class=code, stage=stage, status=status, **kw)


@time_machine.travel(TODAY, tick=False)
def test_local_enterprises_from_the_links_classes_equal_plain_queries(
    sections, bureau_user, district_user, links, region_a, region_b
):
    api_link, section_only = links
    found = [
        _project("2710", region=region_a),  # class under group 271
        _project("271", stage="operation", region=region_b),  # the group itself
        _project("2720", stage="groundbreaking", region=region_a),  # the class named
    ]
    _project("2710", stage="contract", region=region_a)  # not landed yet
    _project("2710", status="dropped", region=region_a)  # dropped
    _project("27", region=region_a)  # the division only: less specific than the link
    _project("2730", region=region_a)  # another group
    both = found[0]
    services.project_link_add(user=bureau_user, project=both, link=api_link)  # counted once
    by_hand = services.project_link_add(
        user=bureau_user, project=ProjectFactory(stage="operation", region=region_b), link=api_link
    ).project  # linked, no class
    services.local_enterprise_add(user=bureau_user, link=api_link, investor=InvestorFactory())

    cards = {c.link.pk: c for c in selectors.chain_map(api_link.chain, bureau_user).cards}
    plain = Project.objects.filter(status="active", stage__in=LANDED).filter(
        industry_class__regex=r"^(271|2720)"
    ) | Project.objects.filter(chain_links__link=api_link, status="active", stage__in=LANDED)
    assert {p.pk for p in plain} == {*(p.pk for p in found), by_hand.pk}
    assert cards[api_link.pk].landed_projects == plain.distinct().count() == 4
    assert cards[api_link.pk].local_enterprises == 4 + 1
    # A section letter alone finds nothing by class.
    assert cards[section_only.pk].local_enterprises == 0
    # The link's page lists the same projects; a district reads its own only.
    assert set(selectors.landed_projects(api_link, bureau_user)) == set(plain)
    district = {c.link.pk: c for c in selectors.chain_map(api_link.chain, district_user).cards}
    mine = {p.pk for p in plain if p.region_id == region_a.pk}
    assert district[api_link.pk].landed_projects == len(mine) == 2


@time_machine.travel(TODAY, tick=False)
def test_map_api_local_enterprises_follow_the_classes(sections, api_as, bureau_user, links):
    api_link, _ = links
    _project("2711")
    _project("2721")  # group 272 is not the link's class 2720
    body = api_as(bureau_user).get(f"/api/v1/chains/{api_link.chain_id}/map/").json()
    cards = {c["id"]: c for s in body["segments"] for c in s["links"]}
    assert cards[api_link.pk]["local_enterprises"] == 1


@time_machine.travel(TODAY, tick=False)
def test_link_page_lists_the_landed_projects_of_its_classes(sections, client, bureau_user, links):
    api_link, _ = links
    p = _project("2710")
    client.force_login(bureau_user)
    html = client.get(reverse("chains:link", args=[api_link.pk])).content.decode()
    assert f'data-testid="landed-{p.pk}"' in html


@time_machine.travel(TODAY, tick=False)
def test_industrial_target_without_a_chain_counts_the_regions_industrial_projects(
    bureau_user, approve, arrive, region_a, region_b, links
):
    p = approve(dt.date(2026, 3, 10), region=region_a, fdi="100", industry="C")
    approve(dt.date(2026, 4, 10), region=region_a, fdi="100", industry="B")
    approve(dt.date(2026, 4, 10), region=region_a, fdi="100", industry="F")  # not industry
    approve(dt.date(2026, 4, 10), region=region_b, fdi="100", industry="C")  # another region
    arrive(p, dt.date(2026, 6, 1), "40")
    services.chain_target_set(
        user=bureau_user, chain=None, region=region_a, year=2026, person_name="周强",
        person_title="区长", approved=4, utilized_fdi_usd_10k=D(80),
    )  # fmt: skip
    # The same region's chain target stays apart.
    services.chain_target_set(
        user=bureau_user, chain=links[0].chain, region=region_a, year=2026, person_name="刘洋"
    )
    rows = selectors.chain_target_progress(2026)
    own = next(r for r in rows if r.target.chain_id is None)
    plain = Project.objects.filter(
        region=region_a, industry__code__in=("B", "C", "D"), approval_date__year=2026
    ).count()
    assert (own.achieved.approved, plain) == (2, 2)
    assert own.achieved.utilized_fdi_usd_10k == D(40)
    assert (own.cells[1]["pct"], own.cells[3]["pct"]) == (D("50.0"), D("50.0"))
    assert (own.target.person_name_zh_hans, own.target.person_title_zh_hans) == ("周强", "区长")
    assert next(r for r in rows if r.target.chain_id).achieved.approved == 0
    # Setting it again changes the one target.
    services.chain_target_set(
        user=bureau_user, chain=None, region=region_a, year=2026, person_name="周强", approved=5
    )
    assert len([r for r in selectors.chain_target_progress(2026) if r.target.chain_id is None]) == 1
    # An industry office's own targets leave it out.
    assert selectors.chain_target_progress(2026, chains=[links[0].chain])[0].target.chain_id


@time_machine.travel(TODAY, tick=False)
def test_industrial_target_on_the_targets_page_dashboard_and_appraisal(
    client, bureau_user, admin_user, region_a
):
    from appraisal import services as appraisal_services

    client.force_login(bureau_user)
    r = client.post(
        reverse("chains:targets"),
        {"year": 2026, "region": region_a.pk, "negotiated": 4, "approved": 2, "started": 1,
         "utilized_fdi_usd_10k": "500", "person_name_zh_hans": "周强",
         "person_title_zh_hans": "区长"},
    )  # fmt: skip
    assert r.status_code == 302
    pages = ("chains:targets", "staff:dashboard", "projects:targets")
    for url in (reverse(name) + "?year=2026" for name in pages):
        html = client.get(url).content.decode()
        assert "All industrial projects" in html, url
        assert "周强" in html, url
    appraisal_services.scheme_create(user=admin_user, year=2026)
    appraisal = appraisal_services.appraisal_execute(
        appraisal_id=appraisal_services.appraisal_create(user=admin_user, year=2026).pk
    )
    score = appraisal.scores.get(subject_key=f"region:{region_a.pk}")
    client.force_login(admin_user)
    page = client.get(f"/en/staff/appraisal/{appraisal.pk}/scores/{score.pk}/").content.decode()
    assert "All industrial projects" in page
    assert "周强" in page
    assert "0 / 2" in page


def test_project_list_offers_the_chains_and_links_as_selects(client, bureau_user, links):
    api_link, _other = links
    ChainFactory(name_en="", name_zh_hans="纺织")  # no English name yet
    client.force_login(bureau_user)
    html = client.get(reverse("projects:list") + f"?chain_link={api_link.pk}").content.decode()
    assert '<select name="chain"' in html
    assert '<select name="chain_link"' in html
    assert '<optgroup label="Pharmaceuticals">' in html
    assert f'<option value="{api_link.pk}" selected>' in html
    assert 'lang="zh-Hans">纺织</option>' in html
    zh = client.get("/zh-hans/staff/projects/").content.decode()
    assert '<optgroup label="生物医药">' in zh
    # The values stay ids; one that is no integer is a form error on the page.
    bad = client.get(reverse("projects:list") + "?chain=abc")
    assert bad.status_code == 200
    assert "chain" in bad.context["filter"].form.errors


def test_api_still_takes_chain_ids(api_as, bureau_user, links):
    api = api_as(bureau_user)
    r = api.get("/api/v1/projects/?chain_link=abc")
    assert r.status_code == 400
    assert "chain_link" in r.json()
    assert api.get(f"/api/v1/projects/?chain={links[0].chain_id}").status_code == 200


def test_without_chains_the_list_offers_no_chain_filter(client, bureau_user):
    client.force_login(bureau_user)
    html = client.get(reverse("projects:list")).content.decode()
    assert 'name="chain"' not in html


def test_one_industrial_target_per_region_and_year_even_without_a_chain(bureau_user, region_a):
    """A missing chain (all industrial projects) or region (the whole city) counts as equal in
    the constraint: a second call, or a second row, changes the one target."""
    from django.db import IntegrityError, transaction

    from chains.models import ChainTarget

    for approved in (4, 6):
        services.chain_target_set(
            user=bureau_user, chain=None, region=None, year=2026, person_name="周强",
            approved=approved,
        )  # fmt: skip
    assert ChainTarget.objects.filter(chain=None, region=None, year=2026).count() == 1
    assert ChainTarget.objects.get(chain=None, region=None, year=2026).approved == 6
    with pytest.raises(IntegrityError), transaction.atomic():
        ChainTarget.objects.create(chain=None, region=None, year=2026, person_name="李")
