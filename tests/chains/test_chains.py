"""Industrial chains: the map's counts against plain queries, the outreach workflow, the chain
filter and scope of the statistics, the industry office's scope, the PDF and the public page."""

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.urls import reverse

from chains import selectors, services
from chains.models import OutreachStep, ProjectLink, TargetCompany
from config.errors import DomainError
from investors.models import Interaction
from projects.models import Project
from stats import services as stats_services
from tests.factories import (
    ChainFactory,
    ChainLinkFactory,
    InvestorFactory,
    ProjectFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def chain(chain_office):
    return ChainFactory(office=chain_office)


@pytest.fixture
def links(chain):
    return (
        ChainLinkFactory(chain=chain, segment="upstream", gap="strong"),
        ChainLinkFactory(chain=chain, segment="midstream", gap="missing"),
    )


def _link(user, project, link):
    return services.project_link_add(user=user, project=project, link=link)


@time_machine.travel(TODAY, tick=False)
def test_map_counts_equal_plain_queries(bureau_user, links, region_a, region_b):
    up, mid = links
    projects = [
        ProjectFactory(region=region_a, stage="intent"),
        ProjectFactory(region=region_b, stage="approval"),
        ProjectFactory(region=region_a, stage="operation"),
        ProjectFactory(region=region_a, stage="intent", status="dropped"),
    ]
    for p in projects:
        _link(bureau_user, p, up)
    _link(bureau_user, projects[0], mid)  # a project in two links of one chain
    services.local_enterprise_add(user=bureau_user, link=up, investor=InvestorFactory())
    for _ in range(3):
        services.target_company_add(user=bureau_user, link=mid, investor=InvestorFactory())
    found = {c.link.pk: c for c in selectors.chain_map(up.chain, bureau_user).cards}

    for link in links:
        active = Project.objects.filter(chain_links__link=link, status="active")
        by_stage = dict(active.values_list("stage").annotate(n=Count("pk")))
        card = found[link.pk]
        assert {k: v for k, v in card.pipeline.items() if v} == by_stage
        landed = active.filter(stage__in=("approval", "groundbreaking", "operation")).count()
        hand = link.local_enterprises.count()
        assert card.local_enterprises == landed + hand
        assert card.targets == TargetCompany.objects.filter(link=link).count()
    assert found[up.pk].local_enterprises == 3  # approval + operation + one by hand
    assert found[mid.pk].targets_by_state == {"not_contacted": 3}
    # The chain filter: each project once, the dropped one too (a filter, not a count).
    assert selectors.chain_projects(up.chain_id).count() == 4


@time_machine.travel(TODAY, tick=False)
def test_district_map_counts_only_its_projects(
    bureau_user, district_user, links, region_a, region_b
):
    up, _mid = links
    _link(bureau_user, ProjectFactory(region=region_a), up)
    _link(bureau_user, ProjectFactory(region=region_b), up)
    card = selectors.chain_map(up.chain, district_user).cards[0]
    assert card.pipeline_total == 1


@time_machine.travel(TODAY, tick=False)
def test_outreach_moves_one_step_and_each_is_an_interaction(chain_office_user, links):
    _up, mid = links
    RegionFactory(kind="city", name_zh_hans="本市")
    target = services.target_company_add(
        user=chain_office_user,
        link=mid,
        new_investor={"name_zh_hans": "远方制药", "name_en": "Far Pharma", "country": "CH"},
        priority="high",
    )
    assert target.investor.owner_region.kind == "city"
    with pytest.raises(DomainError) as exc:
        services.target_company_move(
            user=chain_office_user,
            target=target,
            state="visiting",
            date=dt.date(2026, 11, 1),
            summary="跳级",
        )
    assert exc.value.field == "state"
    step = services.target_company_move(
        user=chain_office_user,
        target=target,
        state="contacted",
        date=dt.date(2026, 11, 2),
        summary="首次电话",
        kind="call",
    )
    target.refresh_from_db()
    assert (target.state, target.last_contact_on) == ("contacted", dt.date(2026, 11, 2))
    interaction = Interaction.objects.get(pk=step.interaction_id)
    assert (interaction.investor_id, interaction.summary) == (target.investor_id, "首次电话")
    assert OutreachStep.objects.filter(target=target).count() == 1
    for to in ("visiting", "negotiating"):
        services.target_company_move(
            user=chain_office_user, target=target, state=to, date=dt.date(2026, 11, 3), summary=to
        )
    with pytest.raises(DomainError) as exc:
        services.target_company_move(
            user=chain_office_user,
            target=target,
            state="project",
            date=dt.date(2026, 11, 4),
            summary="签约",
        )
    assert exc.value.field == "project"
    project = ProjectFactory(investor=target.investor)
    services.target_company_move(
        user=chain_office_user,
        target=target,
        state="project",
        date=dt.date(2026, 11, 4),
        summary="签约",
        project=project,
    )
    assert ProjectLink.objects.filter(project=project, link=mid).exists()
    assert Interaction.objects.filter(investor=target.investor).count() == 4


@time_machine.travel(TODAY, tick=False)
def test_other_offices_and_read_only_roles_may_not_work_a_chain(
    links, office110_user, district_user
):
    other = UserFactory(role="chain_office", chain_office=ChainFactory().office)
    for user in (other, office110_user, district_user):
        with pytest.raises(PermissionDenied):
            services.link_rate_gap(
                user=user, link=links[0], gap="weak", reason="x", rated_on=dt.date(2026, 11, 1)
            )


@time_machine.travel(TODAY, tick=False)
def test_gap_rating_keeps_its_record_and_the_latest_stands(bureau_user, links):
    link = links[0]
    services.link_rate_gap(
        user=bureau_user, link=link, gap="missing", reason="无企业", rated_on=dt.date(2026, 11, 10)
    )
    services.link_rate_gap(
        user=bureau_user, link=link, gap="weak", reason="旧评", rated_on=dt.date(2026, 10, 1)
    )
    link.refresh_from_db()
    assert (link.gap, link.gap_reason) == ("missing", "无企业")
    assert link.ratings.count() == 2
    with pytest.raises(DomainError) as exc:
        services.link_rate_gap(
            user=bureau_user, link=link, gap="weak", reason=" ", rated_on=dt.date(2026, 11, 1)
        )
    assert exc.value.field == "reason"


@time_machine.travel(TODAY, tick=False)
def test_office_reads_the_city_and_edits_its_chain_only(
    chain_office_user, bureau_user, links, region_a, region_b, api_as
):
    mine = ProjectFactory(region=region_a)
    other = ProjectFactory(region=region_b)
    _link(bureau_user, mine, links[0])
    _link(bureau_user, other, ChainLinkFactory())  # another office's chain
    assert set(Project.objects.for_user(chain_office_user)) == {mine, other}
    assert list(Project.objects.editable_by(chain_office_user)) == [mine]
    api = api_as(chain_office_user)
    url = reverse("project-detail", args=[mine.pk])
    assert api.patch(url, {"name_en": "Ours"}, format="json").status_code == 200
    other_url = reverse("project-detail", args=[other.pk])
    assert api.get(other_url).status_code == 200
    assert api.patch(other_url, {"name_en": "Theirs"}, format="json").status_code == 403
    assert api.post(reverse("project-list"), {}, format="json").status_code == 403


@time_machine.travel(TODAY, tick=False)
def test_project_list_and_api_filter_by_chain_and_link(bureau_user, links, api_as, client):
    up, mid = links
    a, b, c = (ProjectFactory() for _ in range(3))
    _link(bureau_user, a, up)
    _link(bureau_user, a, mid)
    _link(bureau_user, b, mid)
    api = api_as(bureau_user)
    ids = lambda q: sorted(r["id"] for r in api.get(reverse("project-list") + q).json()["results"])  # noqa: E731
    assert ids(f"?chain={up.chain_id}") == sorted([a.pk, b.pk])
    assert ids(f"?chain_link={up.pk}") == [a.pk]
    assert ids("?chain=999999") == []
    assert api.get(reverse("project-list") + "?chain=1.5").status_code == 400
    client.force_login(bureau_user)
    page = client.get(reverse("projects:list") + f"?chain_link={mid.pk}")
    assert page.status_code == 200
    assert {p.pk for p in page.context["page"]} == {a.pk, b.pk}
    assert c.pk not in {p.pk for p in page.context["page"]}


@time_machine.travel(TODAY, tick=False)
def test_chain_scope_figures_by_hand(bureau_user, links, approve, arrive, region_a, api_as):
    up, mid = links
    p1 = approve(dt.date(2026, 3, 10), region=region_a, total="1000", fdi="200")
    p2 = approve(dt.date(2025, 3, 10), region=region_a, total="500", fdi="80")
    outside = approve(dt.date(2026, 3, 11), region=region_a, total="9000", fdi="900")
    domestic = approve(dt.date(2026, 3, 12), region=region_a, total="700", source="domestic")
    for p in (p1, p2, domestic):
        _link(bureau_user, p, up)
    _link(bureau_user, p1, mid)  # twice in the chain, counted once
    arrive(p1, dt.date(2026, 4, 2), "30")
    arrive(p2, dt.date(2025, 4, 2), "20")
    arrive(outside, dt.date(2026, 4, 3), "500")
    run = stats_services.stats_run_create(user=bureau_user, year=2026, month=10)
    stats_services.stats_run_execute(run_id=run.pk)
    body = (
        api_as(bureau_user)
        .get(reverse("api-stats-fdi") + f"?period=2026-10&scope=chain:{up.chain_id}")
        .json()
    )
    m = body["metrics"]
    assert body["scope"]["type"] == "chain"
    assert (m["new_fie_count"]["ytd"], m["new_fie_count"]["ytd_last_year"]) == (1, 1)
    assert D(m["contracted_fdi_usd_10k"]["ytd"]) == D("200")
    assert D(m["contracted_fdi_usd_10k"]["cumulative"]) == D("280")
    assert D(m["utilized_fdi_usd_10k"]["ytd"]) == D("30")
    assert D(m["utilized_fdi_usd_10k"]["ytd_last_year"]) == D("20")
    assert D(m["total_investment_cny_10k"]["ytd"]) == D("1000")


@time_machine.travel(TODAY, tick=False)
def test_chain_target_progress_names_the_person(
    bureau_user, links, approve, arrive, region_a, region_b
):
    up, _mid = links
    p = approve(dt.date(2026, 3, 10), region=region_a, fdi="100")
    q = approve(dt.date(2026, 5, 10), region=region_b, fdi="100")
    for x in (p, q):
        _link(bureau_user, x, up)
    arrive(p, dt.date(2026, 6, 1), "40")
    services.chain_target_set(
        user=bureau_user,
        chain=up.chain,
        year=2026,
        person_name="刘洋",
        person_title="副市长",
        approved=4,
        utilized_fdi_usd_10k=D(80),
    )
    services.chain_target_set(
        user=bureau_user, chain=up.chain, region=region_a, year=2026, person_name="赵刚", approved=1
    )
    rows = selectors.chain_target_progress(2026)
    city = next(r for r in rows if r.target.region_id is None)
    own = next(r for r in rows if r.target.region_id == region_a.pk)
    assert (city.achieved.approved, city.achieved.utilized_fdi_usd_10k) == (2, D(40))
    assert (city.cells[1]["pct"], city.cells[3]["pct"]) == (D("50.0"), D("50.0"))
    assert (own.achieved.approved, own.target.person_name_zh_hans) == (1, "赵刚")


@time_machine.travel(TODAY, tick=False)
def test_targets_not_contacted_in_90_days(bureau_user, links):
    mid = links[1]
    cold, warm = (
        services.target_company_add(user=bureau_user, link=mid, investor=InvestorFactory())
        for _ in range(2)
    )
    TargetCompany.objects.filter(pk=cold.pk).update(created_at=TODAY - dt.timedelta(days=120))
    TargetCompany.objects.filter(pk=warm.pk).update(created_at=TODAY - dt.timedelta(days=120))
    services.target_company_move(
        user=bureau_user, target=warm, state="contacted", date=dt.date(2026, 10, 1), summary="电话"
    )
    assert list(selectors.targets_not_contacted([mid.chain])) == [cold]


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("lang", "words"), [("zh-hans", ("上游", "产业链")), ("en", ("Upstream", "Target companies"))]
)
def test_map_pdf_opens_in_both_languages(client, bureau_user, links, lang, words, tmp_path):
    assert shutil.which("pdftotext"), "install Debian's poppler-utils"
    services.target_company_add(
        user=bureau_user, link=links[1], investor=InvestorFactory(name_en="Acme Pharma")
    )
    client.force_login(bureau_user)
    response = client.get(reverse("chains:map_pdf", args=[links[0].chain_id]) + f"?lang={lang}")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    path = tmp_path / "map.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext"), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    flat = " ".join(text.split())
    for word in words:
        assert word in flat


@time_machine.travel(TODAY, tick=False)
def test_map_api(api_as, bureau_user, links):
    up, mid = links
    _link(bureau_user, ProjectFactory(stage="contract"), mid)
    body = api_as(bureau_user).get(reverse("chain-map", args=[up.chain_id])).json()
    assert [s["segment"] for s in body["segments"]] == [
        "upstream",
        "midstream",
        "downstream",
        "services",
    ]
    card = body["segments"][1]["links"][0]
    assert (card["id"], card["gap"], card["pipeline"]["contract"]) == (mid.pk, "missing", 1)


@time_machine.travel(TODAY, tick=False)
def test_chain_targets_api_adds_and_moves(api_as, chain_office_user, links):
    api = api_as(chain_office_user)
    investor = InvestorFactory()
    created = api.post(
        reverse("chain-target-list"),
        {"link": links[1].pk, "investor": investor.pk, "priority": "high"},
        format="json",
    )
    assert created.status_code == 201, created.content
    moved = api.post(
        reverse("chain-target-move", args=[created.json()["id"]]),
        {"state": "contacted", "date": "2026-11-10", "summary": "电话"},
        format="json",
    )
    assert moved.status_code == 200, moved.content
    listed = api.get(
        reverse("chain-target-list") + f"?chain={links[1].chain_id}&state=contacted"
    ).json()
    assert [r["id"] for r in listed["results"]] == [created.json()["id"]]
    other = ChainLinkFactory()
    refused = api.post(
        reverse("chain-target-list"), {"link": other.pk, "investor": investor.pk}, format="json"
    )
    assert refused.status_code == 403


@time_machine.travel(TODAY, tick=False)
def test_merging_investors_moves_their_target_companies(bureau_user, links):
    from investors.merge import investor_merge, merge_undo

    up, mid = links
    source, target = InvestorFactory(), InvestorFactory()
    moved = services.target_company_add(user=bureau_user, link=up, investor=source)
    kept = services.target_company_add(user=bureau_user, link=mid, investor=source)
    services.target_company_add(user=bureau_user, link=mid, investor=target)  # already courted
    merge = investor_merge(user=bureau_user, source=source, target=target)
    moved.refresh_from_db()
    kept.refresh_from_db()
    assert (moved.investor_id, kept.investor_id) == (target.pk, source.pk)
    merge_undo(user=bureau_user, merge=merge)
    moved.refresh_from_db()
    assert moved.investor_id == source.pk
