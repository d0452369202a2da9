import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from investors import services
from investors.merge import MERGE_RELATIONS, NOT_MOVED, investor_merge, merge_preview, merge_undo
from investors.models import Contact, FollowUp, Interaction, Investor
from projects import services as project_services
from tests.factories import InvestorFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_every_relation_to_investors_is_declared():
    """A new model pointing at investors must say whether a merge moves it."""
    declared = set(MERGE_RELATIONS) | set(NOT_MOVED)
    found = set()
    for rel in Investor._meta.related_objects:
        found.add((rel.related_model._meta.label, rel.field.name))
    missing = found - declared
    assert not missing, f"declare in investors.merge: {sorted(missing)}"


@pytest.fixture
def pair(bureau_user, region_a, region_b):
    keep = InvestorFactory(
        name_zh_hans="巴斯特", name_en="Baster Chemie", country="DE", owner_region=region_a
    )
    dup = InvestorFactory(
        name_zh_hans="巴斯特化工", name_en="Baster", country="HK", owner_region=region_b
    )
    services.contact_create(user=bureau_user, investor=dup, data={"name": "Anna"})
    today = timezone.localdate()
    services.interaction_log(
        user=bureau_user,
        investor=dup,
        kind="call",
        date=today,
        summary="call",
        next_follow_up=today + dt.timedelta(days=5),
    )
    project = ProjectFactory(region=region_b, investor=dup)
    introduced = ProjectFactory(
        region=region_a, introducer_kind="enterprise", introducer_enterprise=dup
    )
    arrival = project_services.capital_arrival_create(
        user=bureau_user,
        project=project,
        date=dt.date(2026, 2, 1),
        amount=Decimal("5"),
        currency="USD",
    )
    act = services.activity_create(
        user=bureau_user,
        data={
            "name_zh_hans": "展会",
            "kind": "fair",
            "start_date": dt.date(2026, 1, 1),
            "end_date": dt.date(2026, 1, 2),
            "organiser_region": region_a,
            "cost_cny_10k": Decimal("1"),
        },
        investors_met=[dup],
    )
    return keep, dup, project, introduced, arrival, act


def test_preview_counts_what_moves(pair):
    keep, dup, *_ = pair
    counts = {r["relation"]: r["count"] for r in merge_preview(source=dup, target=keep)}
    assert counts["investors.Contact.investor"] == 1
    assert counts["investors.Interaction.investor"] == 1
    assert counts["projects.Project.investor"] == 1
    assert counts["projects.Project.introducer_enterprise"] == 1
    assert counts["investors.PromotionActivity.investors_met"] == 1


def test_merge_keeps_everything_and_undo_restores(bureau_user, pair):
    keep, dup, project, introduced, arrival, act = pair
    merge = investor_merge(user=bureau_user, source=dup, target=keep)
    dup.refresh_from_db()
    assert dup.merged_into == keep  # archived, never deleted
    assert Contact.objects.get().investor == keep
    assert Interaction.objects.get().investor == keep
    assert FollowUp.objects.get().investor == keep
    project.refresh_from_db()
    introduced.refresh_from_db()
    assert project.investor == keep
    assert introduced.introducer_enterprise == keep
    arrival.refresh_from_db()
    assert arrival.country == "DE"  # statistics follow the surviving investor's country
    assert list(act.investors_met.all()) == [keep]
    # The pipeline's history records the move with the acting user.
    last = project.history.order_by("-history_id").first()
    assert last.investor_id == keep.pk
    assert last.history_user == bureau_user
    assert dup not in Investor.objects.current()

    merge_undo(user=bureau_user, merge=merge)
    dup.refresh_from_db()
    assert dup.merged_into is None
    assert Contact.objects.get().investor == dup
    assert Interaction.objects.get().investor == dup
    project.refresh_from_db()
    introduced.refresh_from_db()
    assert project.investor == dup
    assert introduced.introducer_enterprise == dup
    arrival.refresh_from_db()
    assert arrival.country == "HK"
    assert list(act.investors_met.all()) == [dup]
    with pytest.raises(services.DomainError):
        merge_undo(user=bureau_user, merge=merge)


def test_only_bureau_merges(district_user, pair):
    keep, dup, *_ = pair
    with pytest.raises(PermissionDenied):
        investor_merge(user=district_user, source=dup, target=keep)
    assert Investor.objects.get(pk=dup.pk).merged_into is None


def test_merge_pages_three_steps(client, bureau_user, district_user, pair):
    keep, dup, *_ = pair
    client.force_login(district_user)
    assert client.get("/en/staff/investors/merge/").status_code == 403
    client.force_login(bureau_user)
    page = client.get(f"/en/staff/investors/merge/?source={dup.pk}&target={keep.pk}")
    assert page.status_code == 200
    assert 'data-testid="preview"' in page.content.decode()
    assert Investor.objects.get(pk=dup.pk).merged_into is None  # preview writes nothing
    resp = client.post(
        "/en/staff/investors/merge/", {"source": dup.pk, "target": keep.pk, "confirm": "1"}
    )
    assert resp.status_code == 302
    assert Investor.objects.get(pk=dup.pk).merged_into == keep
