"""The bureau's verifications of projects (核查): who records them, what a false finding needs,
withdrawal, the project page, the API, and scope."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from config.errors import DomainError
from projects import services
from projects.models import CheckResult, ProjectCheck
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 1)


@pytest.fixture
def project(region_a):
    return ProjectFactory(region=region_a)


def test_bureau_records_a_false_finding(project, bureau_user):
    check = services.check_record(
        user=bureau_user,
        project=project,
        checked_on=DAY,
        result=CheckResult.FALSIFIED,
        finding="  现场无施工  ",
    )
    check.refresh_from_db()
    assert (check.result, check.finding, check.checked_by) == (
        "falsified",
        "现场无施工",
        bureau_user,
    )
    assert check.counts


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"finding": "  "}, "finding"),
        ({"result": "maybe"}, "result"),
        ({"checked_on": None}, "checked_on"),
        ({"checked_on": dt.date(2099, 1, 1)}, "checked_on"),
        ({"checked_on": dt.date(2025, 12, 31)}, "checked_on"),  # before the intent date
    ],
)
def test_refused_input_names_the_field(project, bureau_user, changes, field):
    data = {"checked_on": DAY, "result": "falsified", "finding": "虚报"} | changes
    with pytest.raises(DomainError) as exc:
        services.check_record(user=bureau_user, project=project, **data)
    assert exc.value.field == field
    assert not ProjectCheck.objects.exists()


def test_district_and_liaison_staff_record_no_checks(project, district_user, liaison_user):
    for user in (district_user, liaison_user):
        with pytest.raises(PermissionDenied):
            services.check_record(
                user=user, project=project, checked_on=DAY, result="confirmed", finding="属实"
            )
    assert not ProjectCheck.objects.exists()


def test_withdrawal_keeps_the_finding_with_its_reason(project, bureau_user):
    check = services.check_record(
        user=bureau_user, project=project, checked_on=DAY, result="falsified", finding="虚报"
    )
    with pytest.raises(DomainError) as exc:
        services.check_withdraw(user=bureau_user, check=check, reason=" ")
    assert exc.value.field == "reason"
    services.check_withdraw(user=bureau_user, check=check, reason="复核后属实")
    check.refresh_from_db()
    assert check.withdrawn_at
    assert check.withdrawal_reason == "复核后属实"
    assert not check.counts
    assert ProjectCheck.objects.count() == 1
    with pytest.raises(DomainError):
        services.check_withdraw(user=bureau_user, check=check, reason="again")


def test_project_page_warns_of_a_standing_false_finding(
    client, project, bureau_user, district_user
):
    check = services.check_record(
        user=bureau_user, project=project, checked_on=DAY, result="falsified", finding="未见合同"
    )
    client.force_login(district_user)
    url = reverse("projects:detail", args=[project.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="falsified"' in html
    assert "未见合同" in html
    assert 'data-testid="record-check"' not in html  # district staff only read them
    services.check_withdraw(user=bureau_user, check=check, reason="复核属实")
    html = client.get(url).content.decode()
    assert 'data-testid="falsified"' not in html
    assert "复核属实" in html


def test_check_pages_bureau_only_and_scoped(
    client, project, bureau_user, district_user, district_user_b
):
    create = reverse("projects:check_create", args=[project.pk])
    client.force_login(district_user)
    assert client.get(create).status_code == 403
    client.force_login(district_user_b)
    assert client.get(create).status_code == 404
    client.force_login(bureau_user)
    response = client.post(
        create, {"checked_on": "2026-06-01", "result": "falsified", "finding": ""}
    )
    assert response.status_code == 200
    assert "finding" in response.context["form"].errors
    response = client.post(
        create, {"checked_on": "2026-06-01", "result": "falsified", "finding": "虚报开工"}
    )
    assert response.status_code == 302
    check = ProjectCheck.objects.get()
    withdraw = reverse("projects:check_withdraw", args=[project.pk, check.pk])
    client.force_login(district_user)
    assert client.post(withdraw, {"reason": "x"}).status_code == 403
    client.force_login(bureau_user)
    assert client.post(withdraw, {"reason": "申诉成立"}).status_code == 302
    check.refresh_from_db()
    assert check.withdrawal_reason == "申诉成立"


def test_api_lists_records_and_withdraws(
    api_as, project, bureau_user, district_user, district_user_b
):
    url = "/api/v1/project-checks/"
    body = {"project": project.pk, "checked_on": "2026-06-01", "result": "falsified"}
    body["finding"] = "虚报"
    assert api_as(district_user).post(url, body, format="json").status_code == 403
    response = api_as(bureau_user).post(url, {**body, "finding": ""}, format="json")
    assert response.status_code == 400
    assert "finding" in response.json()
    response = api_as(bureau_user).post(url, {**body, "project": 999999}, format="json")
    assert response.status_code == 400
    assert "project" in response.json()
    response = api_as(bureau_user).post(url, body, format="json")
    assert response.status_code == 201
    pk = response.json()["id"]
    assert response.json()["counts"] is True
    listed = api_as(district_user).get(f"{url}?project={project.pk}").json()["results"]
    assert [c["id"] for c in listed] == [pk]
    assert api_as(district_user_b).get(url).json()["count"] == 0
    assert api_as(district_user_b).get(f"{url}{pk}/").status_code == 404
    withdraw = f"{url}{pk}/withdraw/"
    assert api_as(district_user).post(withdraw, {"reason": "x"}, format="json").status_code == 403
    response = api_as(bureau_user).post(withdraw, {"reason": "申诉成立"}, format="json")
    assert response.status_code == 200
    assert response.json()["counts"] is False
    again = api_as(bureau_user).post(withdraw, {"reason": "again"}, format="json")
    assert again.status_code == 400


def test_api_project_filter_hides_other_regions_projects(
    api_as, project, bureau_user, district_user_b
):
    """Filtering by another region's project is an invalid choice, as for a project that does
    not exist: the answer does not tell which ids exist elsewhere."""
    services.check_record(
        user=bureau_user, project=project, checked_on=DAY, result="confirmed", finding="属实"
    )
    url = "/api/v1/project-checks/"
    outside = api_as(district_user_b).get(url, {"project": project.pk})
    unknown = api_as(district_user_b).get(url, {"project": 999999})
    assert outside.status_code == unknown.status_code == 400
    assert outside.json().keys() == unknown.json().keys() == {"project"}
    assert api_as(bureau_user).get(url, {"project": project.pk}).json()["count"] == 1


def test_list_and_api_filter_the_projects_found_falsely_reported(
    client, api_as, project, bureau_user, region_a
):
    other = ProjectFactory(region=region_a)
    withdrawn = ProjectFactory(region=region_a)
    services.check_record(
        user=bureau_user, project=project, checked_on=DAY, result="falsified", finding="虚报"
    )
    services.check_record(
        user=bureau_user, project=other, checked_on=DAY, result="confirmed", finding="属实"
    )
    check = services.check_record(
        user=bureau_user, project=withdrawn, checked_on=DAY, result="falsified", finding="x"
    )
    services.check_withdraw(user=bureau_user, check=check, reason="申诉成立")
    client.force_login(bureau_user)
    shown = client.get(reverse("projects:list"), {"falsified": "true"}).context["page"]
    assert [p.pk for p in shown] == [project.pk]
    ids = {
        r["id"]
        for r in api_as(bureau_user).get("/api/v1/projects/?falsified=false").json()["results"]
    }
    assert ids == {other.pk, withdrawn.pk}


def test_a_false_finding_tells_the_district_and_shows_on_its_dashboard(
    client, django_capture_on_commit_callbacks, mailoutbox, project, bureau_user,
    district_user, district_user_b, region_a
):  # fmt: skip
    from tests.factories import RegionFactory

    district_user.email, district_user_b.email = "a@example.org", "b@example.org"
    district_user.save()
    district_user_b.save()
    zone_project = ProjectFactory(region=RegionFactory(parent=region_a, kind="zone"))
    with django_capture_on_commit_callbacks(execute=True):
        services.check_record(
            user=bureau_user, project=project, checked_on=DAY, result="confirmed", finding="属实"
        )
    assert mailoutbox == []  # a confirmation tells no one
    with django_capture_on_commit_callbacks(execute=True):
        services.check_record(
            user=bureau_user,
            project=zone_project,
            checked_on=DAY,
            result="falsified",
            finding="开工照片系他处项目",
        )
    (mail,) = mailoutbox
    assert mail.to == ["a@example.org"]  # the district over the zone, not another district
    assert "开工照片系他处项目" in mail.body
    client.force_login(district_user)
    findings = client.get(reverse("staff:dashboard")).context["false_findings"]
    assert [c.project_id for c in findings["rows"]] == [zone_project.pk]
    client.force_login(district_user_b)
    assert client.get(reverse("staff:dashboard")).context["false_findings"]["rows"] == []
    client.force_login(bureau_user)
    assert client.get(reverse("staff:dashboard")).context["false_findings"]["total"] == 1


def test_false_findings_are_for_those_who_check_or_correct(
    project, bureau_user, district_user, liaison_user, office110_user
):
    from projects.selectors import standing_false_findings

    services.check_record(
        user=bureau_user, project=project, checked_on=DAY, result="falsified", finding="虚报"
    )
    assert standing_false_findings(bureau_user).count() == 1
    assert standing_false_findings(district_user).count() == 1
    assert standing_false_findings(liaison_user).count() == 0
    assert standing_false_findings(office110_user).count() == 0
