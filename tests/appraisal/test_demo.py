"""The demo's appraisal (issue 20): a public notice that has ended, one objection answered,
final, with a liaison person named on the warning list and a list of introducers' rewards."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from appraisal.demo import demo_year
from appraisal.models import Appraisal, AppraisalStatus, ListKind
from appraisal.selectors import public_lists
from tests.website.investor_content import chinese_outside_zh

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_demo_appraisal_has_been_noticed_objected_to_and_made_final(client):
    """The demo's story as seeded on its day (its visits and ratings are of the last months,
    its pipeline of 2025-2026); seeded on other days, every page still answers
    (tests/workspace/test_any_date.py)."""
    call_command("seed_demo", verbosity=0)
    a = Appraisal.objects.get(year=demo_year())
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
    # Names without an English form (introducers 黄志明, 刘建国) are marked as Chinese.
    assert chinese_outside_zh(en) == []
    assert people[0].label_en in en
