"""Freshness (issue 21, item 8): every content item shows when it was last verified; staff
get the list of published content past WEBSITE_REVIEW_DAYS and mark items verified."""

import datetime as dt

import pytest
import time_machine

from website.models import ContactPoint, Industry, Page
from website.selectors import content_due_for_review

SH = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.datetime(2026, 12, 1, 10, 0, tzinfo=SH)

pytestmark = pytest.mark.django_db


def test_public_pages_show_the_last_verified_date(client, content_page, industry, contact_point):
    Page.objects.filter(pk=content_page.pk).update(reviewed_on=dt.date(2026, 10, 5))
    Industry.objects.filter(pk=industry.pk).update(reviewed_on=dt.date(2026, 9, 1))
    ContactPoint.objects.filter(pk=contact_point.pk).update(reviewed_on=dt.date(2026, 8, 2))
    for lang, label in (("en", "Last verified"), ("zh-hans", "最近核实")):
        page = client.get(f"/{lang}/page/{content_page.slug}/").content.decode()
        assert 'data-testid="last-verified"' in page
        assert label in page
        assert '<time datetime="2026-10-05">2026-10-05</time>' in page
        assert "2026-09-01" in client.get(f"/{lang}/industries/{industry.slug}/").content.decode()
        assert "2026-08-02" in client.get(f"/{lang}/contact/").content.decode()


def test_review_list_holds_published_items_past_the_interval(
    settings, content_page, zh_only_page, draft_page, industry, news
):
    settings.WEBSITE_REVIEW_DAYS = 180
    Page.objects.filter(pk=content_page.pk).update(reviewed_on=dt.date(2026, 6, 3))  # 181 d
    Page.objects.filter(pk=zh_only_page.pk).update(reviewed_on=dt.date(2026, 6, 4))  # 180 d
    Page.objects.filter(pk=draft_page.pk).update(reviewed_on=dt.date(2020, 1, 1))  # a draft
    Industry.objects.filter(pk=industry.pk).update(reviewed_on=None)  # never verified
    with time_machine.travel(TODAY, tick=False):
        due = content_due_for_review()
    assert due == [Industry.objects.get(pk=industry.pk), Page.objects.get(pk=content_page.pk)]
    settings.WEBSITE_REVIEW_DAYS = 30
    with time_machine.travel(TODAY, tick=False):
        assert len(content_due_for_review()) == 3  # news items are dated, not reviewed


def test_staff_review_page_and_mark_as_verified(client, bureau_user, content_page):
    Page.objects.filter(pk=content_page.pk).update(reviewed_on=dt.date(2026, 1, 1))
    client.force_login(bureau_user)
    with time_machine.travel(TODAY, tick=False):
        page = client.get("/en/staff/site/review/").content.decode()
        assert 'data-testid="review-list"' in page
        assert "2026-01-01" in page
        assert 'data-testid="review-due"' in client.get("/en/staff/site/").content.decode()
        resp = client.post(f"/en/staff/site/pages/{content_page.pk}/verify/")
        assert resp.status_code == 302
        content_page.refresh_from_db()
        assert content_page.reviewed_on == dt.date(2026, 12, 1)
        row = content_page.history.get(history_change_reason="verified")
        assert row.history_user == bureau_user
        assert 'data-testid="review-empty"' in client.get("/en/staff/site/review/").content.decode()
        assert client.get(f"/en/staff/site/pages/{content_page.pk}/verify/").status_code == 405


def test_saving_an_item_verifies_it(client, bureau_user, content_page):
    from website.services import content_save

    Page.objects.filter(pk=content_page.pk).update(reviewed_on=dt.date(2026, 1, 1))
    content_page.refresh_from_db()
    with time_machine.travel(TODAY, tick=False):
        content_save(user=bureau_user, obj=content_page)
    content_page.refresh_from_db()
    assert content_page.reviewed_on == dt.date(2026, 12, 1)


@pytest.mark.parametrize("role", ["district_user", "liaison_user", "office110_user"])
def test_only_site_editors_see_the_review_list(client, request, role, content_page):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/en/staff/site/review/").status_code == 403
    assert client.post(f"/en/staff/site/pages/{content_page.pk}/verify/").status_code == 403
