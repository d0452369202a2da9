"""Issue #12 item 3: selects read All / — choose —, the grouped project form, the ISO 4217
currency list, the move form's choices and the link from a blocked move to the field."""

import re

import pytest
from django.utils import timezone

from projects.models import CapitalArrival, StageMove
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(region_a):
    return ProjectFactory(region=region_a, name_en="Board plant", investor=None)


@pytest.mark.parametrize(
    ("lang", "all_label", "choose"), [("en", "All", "— choose —"), ("zh-hans", "全部", "请选择")]
)
def test_no_select_reads_dashes(client, bureau_user, project, lang, all_label, choose):
    client.force_login(bureau_user)
    for path in (
        "/staff/projects/",
        "/staff/projects/new/",
        f"/staff/projects/{project.pk}/edit/",
        "/staff/investors/",
        "/staff/investors/new/",
    ):
        body = client.get(f"/{lang}{path}").content.decode()
        assert "---------" not in body, path
    filters = client.get(f"/{lang}/staff/projects/").content.decode()
    # Region, stage, status, industry, capital source, category, introducer: all "All".
    assert filters.count(f'<option value="" selected>{all_label}</option>') >= 7
    form = client.get(f"/{lang}/staff/projects/new/").content.decode()
    assert f'<option value="" selected>{choose}' in form


def test_project_form_is_grouped_with_one_save_at_the_end(client, bureau_user):
    client.force_login(bureau_user)
    body = client.get("/en/staff/projects/new/").content.decode()
    legends = re.findall(r"<legend>(.*?)</legend>", body)
    assert legends == ["The project", "The investor", "The money", "The introducer"]
    form = body[body.index('data-testid="project-form"') :]
    form = form[: form.index("</form>")]
    assert form.count('type="submit"') == 1
    assert form.rindex('type="submit"') > form.rindex("</fieldset>")
    assert 'name="total_investment_cny_10k"' in form[form.index("The money") :]


def test_currency_is_an_iso_4217_select_in_both_languages(client, bureau_user, project):
    client.force_login(bureau_user)
    body = client.get(f"/en/staff/projects/{project.pk}/arrivals/new/").content.decode()
    select = body[body.index('name="currency"') :]
    select = select[: select.index("</select>")]
    assert '<option value="USD" selected>USD · US Dollar</option>' in select
    assert 'value="EUR"' in select
    assert 'value="DEM"' not in select  # withdrawn
    assert 'value="XAU"' not in select  # gold is not money a project receives
    zh = client.get(f"/zh-hans/staff/projects/{project.pk}/arrivals/new/").content.decode()
    assert "USD · 美元" in zh
    resp = client.post(
        f"/en/staff/projects/{project.pk}/arrivals/new/",
        {"date": "2026-03-01", "amount": "100", "currency": "EUR", "usd_rate": "1.1"},
    )
    assert resp.status_code == 302
    assert CapitalArrival.objects.get().currency == "EUR"
    resp = client.post(
        f"/en/staff/projects/{project.pk}/arrivals/new/",
        {"date": "2026-03-01", "amount": "100", "currency": "DEM", "usd_rate": "1.1"},
    )
    assert resp.status_code == 200
    assert CapitalArrival.objects.count() == 1


def test_move_form_offers_only_the_next_stage_and_names_a_stale_choice(
    client, district_user, project
):
    client.force_login(district_user)
    body = client.get(f"/en/staff/projects/{project.pk}/move/").content.decode()
    options = re.findall(r'<option value="(\w+)"', body[body.index('name="to"') :])
    assert options == ["contract"]
    resp = client.post(
        f"/en/staff/projects/{project.pk}/move/", {"to": "operation", "date": "2026-02-01"}
    )
    body = resp.content.decode()
    assert "Select a valid choice" not in body
    assert "can move only to its next stage" in body
    assert not StageMove.objects.exists()


def test_blocked_move_links_to_the_missing_field(client, district_user, project):
    client.force_login(district_user)
    resp = client.post(
        f"/en/staff/projects/{project.pk}/move/",
        {"to": "contract", "date": timezone.localdate().isoformat()},
    )
    body = resp.content.decode()
    assert "A signed contract needs the investor." in body
    assert f'href="/en/staff/projects/{project.pk}/edit/#id_investor"' in body
    assert not StageMove.objects.exists()
    edit = client.get(f"/en/staff/projects/{project.pk}/edit/").content.decode()
    assert 'id="id_investor"' in edit
