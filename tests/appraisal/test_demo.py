"""The demo's appraisal (issue 20): a public notice that has ended, one objection answered,
final, with a liaison person named on the warning list and a list of introducers' rewards."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from appraisal.models import Appraisal, AppraisalStatus, ListKind
from appraisal.selectors import public_lists

pytestmark = pytest.mark.django_db


def test_demo_appraisal_has_been_noticed_objected_to_and_made_final(client):
    call_command("seed_demo", verbosity=0)
    a = Appraisal.objects.get(year=timezone.localdate().year)
    assert a.status == AppraisalStatus.FINAL
    assert a.notice_starts_on < a.notice_ends_on < timezone.localdate()
    objection = a.objections.get()
    assert objection.decision == "rejected"
    assert objection.reason
    assert a.notice_starts_on <= timezone.localdate(objection.filed_at) <= a.notice_ends_on
    assert a.rewards.count() >= 3
    _shown, lists = public_lists()
    people = [e for e in lists[ListKind.WARNING] if e.subject_kind == "person"]
    assert people, "a liaison person the enterprises rated poorly is named"
    assert lists[ListKind.REWARDS]
    en = client.get("/en/lists/").content.decode()
    assert "Introducers to be rewarded" in en
    assert people[0].label_en in en
