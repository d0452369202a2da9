"""Regions' monthly reports: who files them and when, how their state moves with time, the
grid and the report page in scope."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from config.errors import DomainError
from config.typography import typography_faults
from stats import services
from stats.models import MonthlyReport, ReportChannel, report_due
from stats.selectors import ReportState, report_state, reports_not_filed_by_due
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    """Pin the date: `today(d)` makes `timezone.localdate()` answer d."""

    def _set(day: dt.date):
        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)
        return day

    return _set


def _file(user, region, year=2026, month=3, **kw):
    if user.is_bureau_or_admin:
        kw.setdefault("receipt_note", "城东区报〔2026〕3号")
    return services.monthly_report_file(
        user=user, region=region, year=year, month=month, summary=kw.pop("summary", "走访3家"), **kw
    )


def test_due_day_is_in_the_next_month(settings):
    assert report_due(2026, 3) == dt.date(2026, 4, 10)  # a Friday
    # 2027-01-10 is a Sunday: the next working day, Monday the 11th.
    assert report_due(2026, 12) == dt.date(2027, 1, 11)
    settings.MONTHLY_REPORT_DUE_DAY = 5
    # 2026-04-05 is a Sunday inside Tomb-sweeping (4–6 April): Tuesday the 7th.
    assert report_due(2026, 3) == dt.date(2026, 4, 7)


def test_due_day_on_a_holiday_moves_to_the_next_working_day(settings):
    """National Day 2026: 1–7 October off, Saturday 10 October worked (调休)."""
    settings.MONTHLY_REPORT_DUE_DAY = 5
    assert report_due(2026, 9) == dt.date(2026, 10, 8)  # Monday the 5th is a holiday
    settings.MONTHLY_REPORT_DUE_DAY = 10
    assert report_due(2026, 9) == dt.date(2026, 10, 10)  # a make-up Saturday stays
    settings.MONTHLY_REPORT_DUE_DAY = 1
    # Spring Festival 2026: 15–23 February off; 1 February is an ordinary Sunday.
    assert report_due(2026, 1) == dt.date(2026, 2, 2)
    settings.MONTHLY_REPORT_DUE_DAY = 20
    assert report_due(2026, 1) == dt.date(2026, 2, 24)


def test_district_files_its_own_region_today(today, district_user, region_a):
    today(dt.date(2026, 4, 8))
    report = _file(district_user, region_a, problems="用地指标紧张")
    assert (report.filed_on, report.channel, report.recorded_by) == (
        dt.date(2026, 4, 8),
        ReportChannel.PORTAL,
        district_user,
    )
    assert report.on_time


def test_district_files_the_zones_under_it_but_not_another_region(
    today, district_user, region_a, region_b
):
    today(dt.date(2026, 4, 8))
    zone = RegionFactory(parent=region_a, kind="zone")
    assert _file(district_user, zone).region == zone
    with pytest.raises(PermissionDenied):
        _file(district_user, region_b)


@pytest.mark.parametrize(
    ("day", "year", "month", "field"),
    [
        (dt.date(2026, 3, 31), 2026, 3, "period"),  # the month has not ended
        (dt.date(2026, 4, 8), 2026, 13, "period"),
    ],
)
def test_period_must_have_ended(today, district_user, region_a, day, year, month, field):
    today(day)
    with pytest.raises(DomainError) as exc:
        _file(district_user, region_a, year=year, month=month)
    assert exc.value.field == field


def test_filed_once_and_needs_the_work(today, district_user, region_a):
    today(dt.date(2026, 4, 8))
    with pytest.raises(DomainError) as exc:
        _file(district_user, region_a, summary="  ")
    assert exc.value.field == "summary"
    _file(district_user, region_a)
    with pytest.raises(DomainError) as exc:
        _file(district_user, region_a)
    assert exc.value.field == "period"
    assert MonthlyReport.objects.count() == 1


def test_district_cannot_backdate(today, district_user, region_a):
    today(dt.date(2026, 4, 20))
    with pytest.raises(DomainError) as exc:
        _file(district_user, region_a, filed_on=dt.date(2026, 4, 9))
    assert exc.value.field == "filed_on"


def test_bureau_records_the_day_a_report_arrived(today, bureau_user, region_a):
    today(dt.date(2026, 4, 20))
    with pytest.raises(DomainError) as exc:
        _file(bureau_user, region_a)
    assert exc.value.field == "filed_on"
    for bad in (dt.date(2026, 3, 31), dt.date(2026, 4, 21)):
        with pytest.raises(DomainError) as exc:
            _file(bureau_user, region_a, filed_on=bad)
        assert exc.value.field == "filed_on"
    # Recorded after the due day as arrived by it: how it arrived must be said.
    with pytest.raises(DomainError) as exc:
        _file(bureau_user, region_a, filed_on=dt.date(2026, 4, 9), receipt_note=" ")
    assert exc.value.field == "receipt_note"
    report = _file(bureau_user, region_a, filed_on=dt.date(2026, 4, 9))
    assert report.channel == ReportChannel.RECEIVED
    assert report.on_time


def test_the_city_files_none(today, bureau_user):
    today(dt.date(2026, 4, 20))
    city = RegionFactory(kind="city")
    with pytest.raises(DomainError) as exc:
        _file(bureau_user, city, filed_on=dt.date(2026, 4, 9))
    assert exc.value.field == "region"


def test_liaison_and_office_file_none(today, liaison_user, office110_user, region_a):
    today(dt.date(2026, 4, 8))
    for user in (liaison_user, office110_user):
        with pytest.raises(PermissionDenied):
            _file(user, region_a)


def test_state_across_time(today, district_user, region_a):
    """Not yet → due → missing; filing after the due day makes it late, for good."""
    march = (2026, 3)
    assert report_state(*march, None, dt.date(2026, 3, 31)) == ReportState.NOT_YET
    assert report_state(*march, None, dt.date(2026, 4, 1)) == ReportState.DUE
    assert report_state(*march, None, dt.date(2026, 4, 10)) == ReportState.DUE
    assert report_state(*march, None, dt.date(2026, 4, 11)) == ReportState.MISSING
    today(dt.date(2026, 4, 15))
    report = _file(district_user, region_a)
    assert report_state(*march, report, dt.date(2026, 4, 15)) == ReportState.LATE
    assert report_state(*march, report, dt.date(2027, 6, 1)) == ReportState.LATE


def test_not_filed_by_due_counts_each_month_once_in_its_due_year(today, bureau_user, region_a):
    today(dt.date(2027, 1, 5))
    # December 2025 falls due in January 2026; December 2026 in 2027.
    _file(bureau_user, region_a, year=2025, month=12, filed_on=dt.date(2026, 1, 9))
    _file(bureau_user, region_a, month=1, filed_on=dt.date(2026, 2, 10))  # on the day: on time
    _file(bureau_user, region_a, month=2, filed_on=dt.date(2026, 3, 11))  # late
    for m in range(3, 12):
        _file(bureau_user, region_a, month=m, filed_on=report_due(2026, m))
    _file(bureau_user, region_a, month=12, filed_on=dt.date(2027, 1, 5))
    missed = reports_not_filed_by_due(2026, [region_a.pk], dt.date(2026, 12, 31))[region_a.pk]
    assert [(m["year"], m["month"], m["report"].filed_on) for m in missed] == [
        (2026, 2, dt.date(2026, 3, 11))
    ]
    # Halfway through the year only what has fallen due counts.
    MonthlyReport.objects.filter(year=2026, month__in=[5, 6]).delete()
    missed = reports_not_filed_by_due(2026, [region_a.pk], dt.date(2026, 7, 10))[region_a.pk]
    assert [(m["month"], m["report"]) for m in missed][1:] == [(5, None)]
    missed = reports_not_filed_by_due(2026, [region_a.pk], dt.date(2026, 7, 11))[region_a.pk]
    assert [m["month"] for m in missed] == [2, 5, 6]


def test_grid_scoped_by_role(
    client, today, bureau_user, district_user, liaison_user, office110_user, region_a, region_b
):
    today(dt.date(2026, 4, 20))
    report = _file(bureau_user, region_b, filed_on=dt.date(2026, 4, 9))
    url = reverse("stats:reports") + "?year=2026"
    client.force_login(office110_user)
    rows = client.get(url).context["rows"]
    assert [r["region"] for r in rows] == [region_a, region_b]
    cells = {r["region"]: r["cells"] for r in rows}
    assert cells[region_b][2]["state"] == ReportState.ON_TIME
    assert cells[region_a][2]["state"] == ReportState.MISSING
    assert cells[region_a][3]["state"] == ReportState.NOT_YET
    client.force_login(district_user)
    assert [r["region"] for r in client.get(url).context["rows"]] == [region_a]
    detail = reverse("stats:report", args=[report.pk])
    assert client.get(detail).status_code == 404
    assert client.get(reverse("stats:report_file")).status_code == 200
    client.force_login(liaison_user)
    assert client.get(url).status_code == 403
    assert client.get(detail).status_code == 403
    client.force_login(office110_user)
    assert client.get(detail).status_code == 200
    assert client.get(reverse("stats:report_file")).status_code == 403


def test_file_page_keeps_the_input_on_an_error(client, today, district_user, region_a):
    today(dt.date(2026, 4, 20))
    client.force_login(district_user)
    url = reverse("stats:report_file")
    _file(district_user, region_a)
    response = client.post(
        url, {"region": region_a.pk, "period": "2026-03", "summary": "招商推介会一场"}
    )
    assert response.status_code == 200
    assert "period" in response.context["form"].errors
    assert "招商推介会一场" in response.content.decode()
    response = client.post(
        url, {"region": region_a.pk, "period": "2026-02", "summary": "招商推介会一场"}
    )
    report = MonthlyReport.objects.get(month=2)
    assert response.status_code == 302
    assert response.url == reverse("stats:report", args=[report.pk])
    assert not report.on_time


def test_api_files_and_lists_in_scope(
    api_as, today, bureau_user, district_user, liaison_user, region_a, region_b
):
    today(dt.date(2026, 4, 20))
    body = {"region": region_a.pk, "year": 2026, "month": 3, "summary": "走访5家企业"}
    response = api_as(district_user).post("/api/v1/monthly-reports/", body, format="json")
    assert response.status_code == 201
    assert response.json()["on_time"] is False  # due 10 April
    assert response.json()["due"] == "2026-04-10"
    again = api_as(district_user).post("/api/v1/monthly-reports/", body, format="json")
    assert again.status_code == 400
    assert "period" in again.json()
    other = {**body, "region": region_b.pk}
    assert (
        api_as(district_user).post("/api/v1/monthly-reports/", other, format="json").status_code
        == 403
    )
    received = {**other, "filed_on": "2026-04-09"}
    response = api_as(bureau_user).post("/api/v1/monthly-reports/", received, format="json")
    assert response.status_code == 400
    assert "receipt_note" in response.json()
    received["receipt_note"] = "乙区报〔2026〕4号"
    response = api_as(bureau_user).post("/api/v1/monthly-reports/", received, format="json")
    assert response.status_code == 201
    assert response.json()["channel"] == "received"
    listed = api_as(district_user).get("/api/v1/monthly-reports/?year=2026").json()
    assert [r["region"] for r in listed["results"]] == [region_a.pk]
    assert api_as(bureau_user).get("/api/v1/monthly-reports/?year=2026").json()["count"] == 2
    assert api_as(liaison_user).get("/api/v1/monthly-reports/").status_code == 403


def test_reminders_three_days_before_and_on_the_due_day(
    mailoutbox, bureau_user, district_user, district_user_b, region_a, region_b
):
    from stats.services import monthly_report_reminders

    district_user.email, district_user_b.email = "a@example.org", "b@example.org"
    district_user.save()
    district_user_b.save()
    zone = RegionFactory(parent=region_a, kind="zone", name_zh_hans="甲区开发区")
    services.monthly_report_file(
        user=bureau_user, region=region_b, year=2026, month=3, summary="x",
        filed_on=dt.date(2026, 4, 2), receipt_note="文",
    )  # fmt: skip
    assert monthly_report_reminders(dt.date(2026, 4, 6)) == 0
    assert monthly_report_reminders(dt.date(2026, 4, 7)) == 1
    (mail,) = mailoutbox
    assert mail.to == ["a@example.org"]
    assert "2026年3月" in mail.subject
    assert "2026年4月10日" in mail.body  # the due day written out (config/typography.py)
    assert typography_faults(mail.subject + "\n" + mail.body) == []
    assert "甲区" in mail.body
    assert zone.name_zh_hans in mail.body
    assert monthly_report_reminders(dt.date(2026, 4, 7)) == 0  # once a day
    assert monthly_report_reminders(dt.date(2026, 4, 8)) == 0
    services.monthly_report_file(
        user=bureau_user, region=zone, year=2026, month=3, summary="x",
        filed_on=dt.date(2026, 4, 8), receipt_note="文",
    )  # fmt: skip
    assert monthly_report_reminders(dt.date(2026, 4, 10)) == 1
    assert zone.name_zh_hans not in mailoutbox[-1].body
    assert monthly_report_reminders(dt.date(2026, 4, 11)) == 0


def test_district_dashboard_lists_the_reports_to_file(
    client, today, bureau_user, district_user, region_a
):
    today(dt.date(2026, 4, 20))
    for month in (1, 2):
        _file(bureau_user, region_a, month=month, filed_on=report_due(2026, month))
    client.force_login(district_user)
    owed = client.get(reverse("staff:dashboard")).context["reports_to_file"]
    # December of last year and March are owed; April has not ended.
    assert [(r["period"], r["state"]) for r in owed] == [
        ("2025-12", ReportState.MISSING),
        ("2026-03", ReportState.MISSING),
    ]
    client.force_login(bureau_user)
    assert client.get(reverse("staff:dashboard")).context["reports_to_file"] == []


def test_months_before_reports_began_are_not_owed(settings, today, district_user, region_a):
    settings.MONTHLY_REPORTS_FROM = (2026, 3)
    today(dt.date(2026, 4, 20))
    assert report_state(2026, 2, None, dt.date(2026, 4, 20)) == ReportState.NOT_OWED
    with pytest.raises(DomainError) as exc:
        _file(district_user, region_a, month=2)
    assert exc.value.field == "period"
    missed = reports_not_filed_by_due(2026, [region_a.pk], dt.date(2026, 4, 20))[region_a.pk]
    assert [m["month"] for m in missed] == [3]  # not December, January or February


def test_a_filed_report_keeps_its_due_day(settings, today, district_user, region_a):
    today(dt.date(2026, 4, 8))
    report = _file(district_user, region_a)
    settings.MONTHLY_REPORT_DUE_DAY = 5  # changed afterwards
    report.refresh_from_db()
    assert report.due == dt.date(2026, 4, 10)
    assert report.on_time


def test_withdrawn_report_is_kept_and_the_month_filed_again(
    client, api_as, today, bureau_user, district_user, region_a
):
    today(dt.date(2026, 4, 8))
    wrong = _file(district_user, region_a, month=2)  # meant March
    with pytest.raises(PermissionDenied):
        services.monthly_report_withdraw(user=district_user, report=wrong, reason="x")
    with pytest.raises(DomainError) as exc:
        services.monthly_report_withdraw(user=bureau_user, report=wrong, reason=" ")
    assert exc.value.field == "reason"
    client.force_login(district_user)
    assert client.get(reverse("stats:report_withdraw", args=[wrong.pk])).status_code == 403
    client.force_login(bureau_user)
    url = reverse("stats:report_withdraw", args=[wrong.pk])
    assert client.post(url, {"reason": "误报为2月，应为3月"}).status_code == 302
    wrong.refresh_from_db()
    assert wrong.withdrawn_by == bureau_user
    assert "误报为2月" in client.get(reverse("stats:report", args=[wrong.pk])).content.decode()
    # February is owed again (and now late); the withdrawn one counts nowhere.
    today(dt.date(2026, 4, 9))
    again = _file(district_user, region_a, month=2)
    assert not again.on_time
    assert MonthlyReport.objects.filter(month=2).count() == 2
    missed = reports_not_filed_by_due(2026, [region_a.pk], dt.date(2026, 4, 9))[region_a.pk]
    assert [(m["month"], m["report"]) for m in missed if m["month"] == 2] == [(2, again)]
    response = api_as(bureau_user).post(
        f"/api/v1/monthly-reports/{again.pk}/withdraw/", {"reason": "重复"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["withdrawn_at"]
    denied = api_as(district_user).post(
        f"/api/v1/monthly-reports/{again.pk}/withdraw/", {"reason": "x"}, format="json"
    )
    assert denied.status_code == 403


def test_odd_year_parameters_never_fail(client, bureau_user):
    client.force_login(bureau_user)
    for raw in ("²⁰²⁶", "abc", "99999999999999999999", "", "1999"):
        response = client.get(reverse("stats:reports"), {"year": raw})
        assert response.status_code == 200, raw
    assert client.get(reverse("stats:reports"), {"year": "2025"}).context["year"] == 2025


def test_early_due_day_reminds_within_the_month_and_retries_a_failed_mail(
    settings, monkeypatch, mailoutbox, district_user, region_a
):
    from stats import services as stats_services

    settings.MONTHLY_REPORT_DUE_DAY = 2
    district_user.email = "a@example.org"
    district_user.save()
    # March's report is due on 2 April: three days before is 30 March.
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        raise OSError("mail server down")

    monkeypatch.setattr(stats_services, "send_mail", failing)
    assert stats_services.monthly_report_reminders(dt.date(2026, 3, 30)) == 0
    assert len(calls) == 1
    monkeypatch.undo()
    settings.MONTHLY_REPORT_DUE_DAY = 2
    assert stats_services.monthly_report_reminders(dt.date(2026, 3, 30)) == 1
    assert "2026年3月" in mailoutbox[0].subject
