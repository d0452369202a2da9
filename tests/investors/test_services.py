import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from config.errors import DomainError
from investors import services
from investors.models import FollowUp, Interaction, Investor, SourceGroup, source_group_of
from projects import services as project_services
from tests.factories import InvestorFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_source_group():
    assert source_group_of("TW") == SourceGroup.HMT
    assert source_group_of("HK") == SourceGroup.HMT
    assert source_group_of("MO") == SourceGroup.HMT
    assert source_group_of("CN") == SourceGroup.DOMESTIC
    assert source_group_of("DE") == SourceGroup.FOREIGN


def test_taiwan_hong_kong_macao_names_in_both_languages(region_a):
    from django.utils import translation

    inv = InvestorFactory(country="TW", owner_region=region_a)
    with translation.override("zh-hans"):
        assert str(inv.country.name) == "中国台湾"
        assert str(InvestorFactory(country="HK").country.name) == "中国香港"
        assert str(InvestorFactory(country="MO").country.name) == "中国澳门"
        assert str(InvestorFactory(country="DE").country.name) == "德国"
    with translation.override("en"):
        assert str(inv.country.name) == "Taiwan, China"


def test_unknown_country_refused(bureau_user, region_a):
    with pytest.raises(DomainError) as exc:
        services.investor_create(
            user=bureau_user, data={"name_en": "X", "country": "XX", "owner_region": region_a}
        )
    assert exc.value.field == "country"
    assert not Investor.objects.exists()


def test_district_creates_only_for_own_region(district_user, region_a, region_b):
    inv = services.investor_create(
        user=district_user, data={"name_en": "Own", "country": "DE", "owner_region": region_a}
    )
    assert inv.owner_region == region_a
    assert inv.created_by == district_user
    with pytest.raises(DomainError):
        services.investor_create(
            user=district_user,
            data={"name_en": "Other", "country": "DE", "owner_region": region_b},
        )


def test_liaison_and_110_cannot_create(liaison_user, office110_user, region_a):
    for user in (liaison_user, office110_user):
        with pytest.raises(PermissionDenied):
            services.investor_create(
                user=user, data={"name_en": "X", "country": "DE", "owner_region": region_a}
            )


def test_update_by_owner_region_or_bureau_only_with_history(
    district_user, district_user_b, bureau_user, region_a
):
    inv = InvestorFactory(owner_region=region_a)
    services.investor_update(user=district_user, investor=inv, data={"notes": "met in March"})
    with pytest.raises(PermissionDenied):
        services.investor_update(user=district_user_b, investor=inv, data={"notes": "x"})
    services.investor_update(user=bureau_user, investor=inv, data={"size": "large"})
    inv.refresh_from_db()
    assert inv.notes == "met in March"
    assert inv.size == "large"
    users = list(
        inv.history.order_by("history_id").values_list("history_user__username", flat=True)
    )
    assert users[-2:] == ["t_district_a", "t_bureau"]


def test_country_change_recopied_onto_capital_arrivals(bureau_user, region_a):
    """The statistics group arrivals by the country copied from the investor."""
    inv = InvestorFactory(country="DE", owner_region=region_a)
    project = ProjectFactory(region=region_a, investor=inv)
    arrival = project_services.capital_arrival_create(
        user=bureau_user,
        project=project,
        date=dt.date(2026, 2, 1),
        amount=Decimal("10"),
        currency="USD",
    )
    assert arrival.country == "DE"
    services.investor_update(user=bureau_user, investor=inv, data={"country": "HK"})
    arrival.refresh_from_db()
    assert arrival.country == "HK"
    assert Investor.objects.get(pk=inv.pk).source_group == "hmt"


def test_investors_imports_nothing_from_projects():
    """The investor database stands below the pipeline (imports run one way)."""
    import ast
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "investors"
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in {"projects", "liaison", "stats"}, (path, name)


def test_interaction_opens_follow_up_and_closes_earlier_ones(district_user, bureau_user, region_a):
    inv = InvestorFactory(owner_region=region_a)
    today = timezone.localdate()
    first = services.interaction_log(
        user=district_user,
        investor=inv,
        kind="call",
        date=today,
        summary="Call",
        next_follow_up=today + dt.timedelta(days=3),
        staff=[bureau_user],
    )
    assert set(first.staff.all()) == {district_user, bureau_user}
    fu = FollowUp.objects.get(interaction=first)
    assert fu.owner == district_user
    assert fu.is_open
    services.interaction_log(
        user=district_user, investor=inv, kind="visit", date=today, summary="Visit"
    )
    fu.refresh_from_db()
    assert fu.done_at is not None
    assert Interaction.objects.filter(investor=inv).count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"date": dt.date(2100, 1, 1)}, "date"),
        ({"summary": "  "}, "summary"),
        ({"next_follow_up": dt.date(2000, 1, 1)}, "next_follow_up"),
        ({"kind": "telepathy"}, "kind"),
    ],
)
def test_interaction_refusals_name_the_field(district_user, region_a, kwargs, field):
    inv = InvestorFactory(owner_region=region_a)
    base = {"kind": "call", "date": timezone.localdate(), "summary": "ok"}
    with pytest.raises(DomainError) as exc:
        services.interaction_log(user=district_user, investor=inv, **{**base, **kwargs})
    assert exc.value.field == field
    assert not Interaction.objects.exists()


def test_liaison_cannot_log_interactions(liaison_user, region_a):
    with pytest.raises(PermissionDenied):
        services.interaction_log(
            user=liaison_user,
            investor=InvestorFactory(owner_region=region_a),
            kind="call",
            date=timezone.localdate(),
            summary="x",
        )


def test_dismissing_a_follow_up_hides_it_but_keeps_it(district_user, region_a):
    from investors.selectors import my_follow_ups

    inv = InvestorFactory(owner_region=region_a)
    today = timezone.localdate()
    services.interaction_log(
        user=district_user,
        investor=inv,
        kind="call",
        date=today,
        summary="x",
        next_follow_up=today,
    )
    fu = FollowUp.objects.get()
    assert list(my_follow_ups(district_user)) == [fu]
    services.follow_up_dismiss(user=district_user, follow_up=fu)
    assert list(my_follow_ups(district_user)) == []
    assert FollowUp.objects.filter(pk=fu.pk, dismissed_at__isnull=False).exists()


def test_activity_organiser_region_scoped(district_user, region_a, region_b):
    data = {
        "name_zh_hans": "赴德小分队",
        "kind": "delegation",
        "start_date": dt.date(2026, 3, 1),
        "end_date": dt.date(2026, 3, 5),
        "cost_cny_10k": Decimal("20"),
    }
    act = services.activity_create(user=district_user, data={**data, "organiser_region": region_a})
    assert act.organiser_region == region_a
    with pytest.raises(DomainError) as exc:
        services.activity_create(user=district_user, data={**data, "organiser_region": region_b})
    assert exc.value.field == "organiser_region"
    with pytest.raises(DomainError) as exc:
        services.activity_update(
            user=district_user, activity=act, data={"end_date": dt.date(2026, 2, 1)}
        )
    assert exc.value.field == "end_date"


def test_activity_returns_count_credited_projects(bureau_user, region_a):
    from investors.models import PromotionActivity
    from investors.returns import activity_returns, ranked

    data = {
        "kind": "fair",
        "start_date": dt.date(2026, 1, 10),
        "end_date": dt.date(2026, 1, 12),
        "organiser_region": region_a,
    }
    good = services.activity_create(
        user=bureau_user, data={**data, "name_zh_hans": "好", "cost_cny_10k": Decimal("10")}
    )
    poor = services.activity_create(
        user=bureau_user, data={**data, "name_zh_hans": "差", "cost_cny_10k": Decimal("100")}
    )
    p = ProjectFactory(region=region_a, source_activity=good, contracted_fdi_usd_10k=300)
    ProjectFactory(region=region_a, source_activity=poor, contracted_fdi_usd_10k=50)
    project_services.capital_arrival_create(
        user=bureau_user, project=p, date=dt.date(2026, 2, 1), amount=Decimal("200"), currency="USD"
    )
    good.investors_met.add(p.investor)
    rows = ranked(activity_returns(PromotionActivity.objects.all()))
    assert [r.activity for r in rows] == [good, poor]
    assert rows[0].projects == 1
    assert rows[0].contracted_fdi_usd_10k == 300
    assert rows[0].utilized_fdi_usd_10k == 200
    assert rows[0].utilized_per_cost == Decimal("20.00")
    assert rows[0].investors_met == 1
    assert rows[1].utilized_per_cost == 0


def test_agent_district_region(district_user, region_a, region_b):
    a = services.agent_create(user=district_user, data={"name": "刘", "region": region_a})
    assert a.region == region_a
    with pytest.raises(DomainError):
        services.agent_create(user=district_user, data={"name": "王", "region": region_b})
    with pytest.raises(DomainError) as exc:
        services.agent_create(
            user=district_user, data={"name": "王", "region": region_a, "email": "nope"}
        )
    assert exc.value.field == "email"


def test_contact_email_checked(bureau_user, region_a):
    inv = InvestorFactory(owner_region=region_a)
    with pytest.raises(DomainError) as exc:
        services.contact_create(user=bureau_user, investor=inv, data={"name": "A", "email": "bad@"})
    assert exc.value.field == "email"
    assert not inv.contacts.exists()
    assert mail.outbox == []
