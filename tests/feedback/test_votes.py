"""Yearly ballots: one per enterprise and year, signed single-use links, up to three units and
three people, tallies for admins only."""

import pytest
from django.core.exceptions import PermissionDenied

from config.errors import DomainError
from feedback import services
from feedback.models import Ballot

pytestmark = pytest.mark.django_db


@pytest.fixture
def ballots(assigned, admin_user):
    return services.ballots_issue(user=admin_user, year=2026, base_url="http://x/en/vote")


def test_one_ballot_per_enterprise_and_year(ballots, admin_user, assigned):
    assert [b.project for b, _url in ballots] == [assigned]
    again = services.ballots_issue(user=admin_user, year=2026, base_url="http://x/en/vote")
    assert again == []
    assert Ballot.objects.count() == 1


def test_only_admins_issue(assigned, bureau_user):
    with pytest.raises(PermissionDenied):
        services.ballots_issue(user=bureau_user, year=2026, base_url="http://x")


def test_cast_once_with_at_most_three(ballots, unit_a, unit_b, liaison_user):
    token = ballots[0][1].rstrip("/").rsplit("/", 1)[-1]
    from tests.factories import LiaisonUnitFactory

    four = [unit_a, unit_b, LiaisonUnitFactory(), LiaisonUnitFactory()]
    with pytest.raises(DomainError) as err:
        services.ballot_cast(token=token, units=four, people=[])
    assert err.value.field == "units"
    services.ballot_cast(token=token, units=[unit_a], people=[liaison_user])
    with pytest.raises(services.LinkInvalid):
        services.ballot_cast(token=token, units=[unit_b], people=[])
    from feedback.selectors import vote_tally

    tally = vote_tally(2026)
    assert (tally["issued"], tally["cast"]) == (1, 1)
    assert [(u, u.votes) for u in tally["units"]] == [(unit_a, 1)]
    assert [(p, p.votes) for p in tally["people"]] == [(liaison_user, 1)]


def test_tampered_ballot(ballots):
    token = ballots[0][1].rstrip("/").rsplit("/", 1)[-1]
    with pytest.raises(services.LinkInvalid):
        services.ballot_check(token[:-2] + "xx")


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin_user", 200), ("bureau_user", 404), ("office110_user", 404), ("liaison_user", 404)],
)
def test_tally_page_for_admins(request, role, status, client):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/en/staff/service/votes/").status_code == status


def test_public_ballot_page(ballots, client, unit_a):
    url = ballots[0][1].replace("http://x", "")
    page = client.get(url)
    assert page.status_code == 200
    done = client.post(url, {"units": [unit_a.pk]})
    assert b"recorded" in done.content
    assert client.get(url).status_code == 410
