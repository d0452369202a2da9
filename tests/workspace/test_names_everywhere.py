"""Issue 27, point 2: one helper for every name (config/names.py). English pages show the
English name, or the Chinese one inside lang="zh-Hans" with a visible marker; never Chinese
outside lang="zh-Hans"."""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template import Context, Template
from django.utils import translation

from accounts.models import Role
from chains import services as chain_services
from chains.models import ChainTarget
from config.names import Bilingual, bilingual, name_text
from investors.models import Inquiry
from liaison.models import LiaisonAssignment
from tests.factories import (
    ChainFactory,
    InvestorFactory,
    LiaisonUnitFactory,
    ProjectFactory,
    UserFactory,
)
from tests.website.cjk import chinese_outside_zh

pytestmark = pytest.mark.django_db

MARKED = (
    '<span lang="zh-Hans">{}</span> <span class="missing-translation">(no English name yet)</span>'
)


def test_bilingual_reads_every_kind_of_holder_in_each_language(region_a):
    user = UserFactory.build(first_name="王敏", name_en="Wang Min")
    nameless = UserFactory.build(username="zt", first_name="周涛")
    latin = UserFactory.build(username="jdoe")
    row = {"name_zh_hans": "甲单位", "name_en": ""}
    with translation.override("en"):
        assert name_text(region_a) == "District A"
        assert name_text(user) == "Wang Min"
        assert name_text(nameless) == "周涛 (no English name yet)"
        assert name_text(latin) == "jdoe"  # Latin letters need no marker
        assert name_text(row) == "甲单位 (no English name yet)"
        assert bilingual(row).text == "甲单位"
        assert bilingual(row).missing
        assert name_text("Siemens AG") == "Siemens AG"
        # A single-language field (a contact's name): marked Chinese, but nothing to ask for.
        assert name_text("李雷") == "李雷"
        assert bilingual("李雷").html == '<span lang="zh-Hans">李雷</span>'
        assert name_text(None) == ""
        assert bilingual(nameless).lang == "zh-Hans"
    with translation.override("zh-hans"):
        assert name_text(region_a) == "甲区"
        assert name_text(nameless) == "周涛"
        assert name_text({"name_zh_hans": "", "name_en": "Only English"}) == "Only English"
        assert bilingual({"name_zh_hans": "", "name_en": "Only English"}).lang == "en"


def test_name_filter_marks_and_escapes():
    template = Template("{% load portal %}{{ x|name }}|{{ y|name }}")
    x = Bilingual("<b>甲</b>", "")
    with translation.override("en"):
        assert template.render(Context({"x": x, "y": Bilingual("乙", "B")})) == (
            MARKED.format("&lt;b&gt;甲&lt;/b&gt;") + "|B"
        )
    with translation.override("zh-hans"):
        assert template.render(Context({"x": x, "y": Bilingual("乙", "B")})) == (
            "&lt;b&gt;甲&lt;/b&gt;|乙"
        )


def test_users_plain_label_marks_a_missing_english_name():
    admin = UserFactory.build(username="zt", first_name="周涛", role=Role.ADMIN)
    with translation.override("en"):
        assert str(admin) == "Administrator · 周涛 (no English name yet)"
    with translation.override("zh-hans"):
        assert str(admin) == "管理员 · 周涛"


def _no_chinese_outside_zh(html):
    assert chinese_outside_zh(html) == []


def test_english_satisfaction_page_names_units_and_people_in_english(client, office110_user):
    from feedback.services import feedback_link_issue, feedback_submit, service_visit_create

    named = LiaisonUnitFactory(name_zh_hans="商务局", name_en="Commerce Bureau")
    unnamed = LiaisonUnitFactory(name_zh_hans="科技局", name_en="")
    wang = UserFactory(role=Role.LIAISON, liaison_unit=named, first_name="王敏", name_en="Wang Min")
    zhou = UserFactory(role=Role.LIAISON, liaison_unit=unnamed, first_name="周涛")
    for unit, person in ((named, wang), (unnamed, zhou)):
        project = ProjectFactory(stage="contract", contract_date=dt.date(2026, 2, 1))
        LiaisonAssignment.objects.create(
            project=project, unit=unit, person=person, start_date=dt.date(2026, 2, 1)
        )
        visit = service_visit_create(
            user=person, project=project, unit=unit, date=dt.date(2026, 11, 20), purpose="visit"
        )
        _row, token = feedback_link_issue(user=person, visit=visit)
        feedback_submit(token=token, overall=5, efficiency=4, quality=5, attitude=5)
    client.force_login(office110_user)
    html = client.get("/en/staff/service/satisfaction/").content.decode()
    assert "Commerce Bureau" in html
    assert "Wang Min" in html
    assert MARKED.format("科技局") in html
    assert MARKED.format("周涛") in html
    assert "商务局" not in html
    assert "王敏" not in html
    _no_chinese_outside_zh(html)
    zh = client.get("/zh-hans/staff/service/satisfaction/").content.decode()
    assert "商务局" in zh
    assert "王敏" in zh
    assert "no English name yet" not in zh


@pytest.fixture
def investors(region_a):
    return (
        InvestorFactory(name_zh_hans="巴斯特", name_en="Baster Chemie", owner_region=region_a),
        InvestorFactory(name_zh_hans="鼎盛集团", name_en="", owner_region=region_a),
    )


def test_inquirys_existing_investor_list_reads_in_english(client, bureau_user, investors):
    inquiry = Inquiry.objects.create(
        name="Jane Doe",
        organisation="Acme Foods Ltd",
        country="GB",
        email="jane@example.com",
        message="Food processing.",
        language="en",
        response_due=dt.date(2026, 11, 17),
    )
    client.force_login(bureau_user)
    html = client.get(f"/en/staff/investors/inquiries/{inquiry.pk}/").content.decode()
    assert ">Baster Chemie</option>" in html
    assert 'lang="zh-Hans">鼎盛集团 (no English name yet)</option>' in html
    assert "巴斯特" not in html
    _no_chinese_outside_zh(html)


def test_merge_page_names_investors_in_english(client, bureau_user, investors):
    client.force_login(bureau_user)
    html = client.get("/en/staff/investors/merge/").content.decode()
    assert ">Baster Chemie</option>" in html
    assert 'lang="zh-Hans">鼎盛集团 (no English name yet)</option>' in html
    assert "巴斯特" not in html
    _no_chinese_outside_zh(html)
    zh = client.get("/zh-hans/staff/investors/merge/").content.decode()
    assert ">巴斯特</option>" in zh
    assert ">鼎盛集团</option>" in zh


def test_chain_target_person_in_both_languages(client, bureau_user, region_a):
    chain = ChainFactory()
    client.force_login(bureau_user)
    resp = client.post(
        "/en/staff/chains/targets/",
        {
            "chain": chain.pk,
            "year": 2026,
            "negotiated": 2,
            "approved": 1,
            "started": 0,
            "utilized_fdi_usd_10k": "0",
            "person_name_zh_hans": "刘洋",
            "person_name_en": "Liu Yang",
            "person_title_zh_hans": "副市长",
            "person_title_en": "Vice Mayor",
        },
    )
    assert resp.status_code == 302
    target = ChainTarget.objects.get(chain=chain, year=2026)
    assert (target.person_name_zh_hans, target.person_name_en) == ("刘洋", "Liu Yang")
    assert (target.person_title_zh_hans, target.person_title_en) == ("副市长", "Vice Mayor")
    chain_services.chain_target_set(
        user=bureau_user, chain=chain, region=region_a, year=2026, person_name_zh_hans="赵刚"
    )
    html = client.get("/en/staff/chains/targets/?year=2026").content.decode()
    assert "Liu Yang" in html
    assert "Vice Mayor" in html
    assert MARKED.format("赵刚") in html
    assert "刘洋" not in html
    _no_chinese_outside_zh(html)
    zh = client.get("/zh-hans/staff/chains/targets/?year=2026").content.decode()
    assert "刘洋" in zh
    assert "副市长" in zh
    assert "赵刚" in zh


def test_chain_target_needs_a_name_in_one_language(client, bureau_user):
    chain = ChainFactory()
    client.force_login(bureau_user)
    resp = client.post(
        "/en/staff/chains/targets/",
        {"chain": chain.pk, "year": 2026, "negotiated": 0, "approved": 0, "started": 0,
         "utilized_fdi_usd_10k": "0"},
    )  # fmt: skip
    assert resp.status_code == 400
    assert "Name the person responsible." in resp.content.decode()
    assert not ChainTarget.objects.exists()
    chain_services.chain_target_set(
        user=bureau_user, chain=chain, year=2026, person_name_en="Liu Yang"
    )
    target = ChainTarget.objects.get()
    assert (target.person_name_zh_hans, target.person_name_en) == ("", "Liu Yang")


def test_migration_copies_the_written_names_to_chinese(bureau_user):
    chain = ChainFactory()
    target = chain_services.chain_target_set(
        user=bureau_user, chain=chain, year=2026, person_name_zh_hans="刘洋",
        person_title_zh_hans="副市长",
    )  # fmt: skip
    name = "0003_chain_target_person_in_both_languages"
    module = importlib.import_module(f"chains.migrations.{name}")
    # The models as the migration sees them (no modeltranslation rewriting of "person_name"),
    # and the row as it stood before: the text in the single column only.
    state = MigrationExecutor(connection).loader.project_state(("chains", name))
    state.apps.get_model("chains", "ChainTarget").objects.filter(pk=target.pk).update(
        person_name="刘洋", person_title="副市长", person_name_zh_hans="", person_title_zh_hans=""
    )
    module.copy_to_chinese(state.apps, None)
    target = ChainTarget.objects.get(pk=target.pk)
    assert (target.person_name_zh_hans, target.person_title_zh_hans) == ("刘洋", "副市长")


def test_every_select_marks_a_chinese_label_on_english_pages(client, bureau_user, region_a):
    """A list filter's regions come from Region.__str__ (config/names.py, plain text): a region
    without an English name reads as the marked Chinese name, and its option says lang."""
    from tests.factories import RegionFactory

    RegionFactory(name_zh_hans="丙区", name_en="")
    client.force_login(bureau_user)
    html = client.get("/en/staff/projects/").content.decode()
    assert 'lang="zh-Hans">丙区 (no English name yet)</option>' in html
    assert ">District A</option>" in html


def test_staff_filter_marks_unit_and_person_without_english():
    from tests.factories import RegionFactory

    region = RegionFactory(name_zh_hans="丁区", name_en="")
    user = UserFactory(role=Role.DISTRICT, region=region, first_name="李强")
    template = Template("{% load portal %}{{ u|staff }}")
    with translation.override("en"):
        html = template.render(Context({"u": user}))
        assert html == MARKED.format("丁区") + " · " + MARKED.format("李强")
        assert str(user) == "丁区 (no English name yet) · 李强 (no English name yet)"
        assert chinese_outside_zh(html) == []
    with translation.override("zh-hans"):
        assert template.render(Context({"u": user})) == "丁区 · 李强"


def test_appraisal_api_names_a_subject_in_the_requests_language():
    from appraisal.models import Score
    from appraisal.serializers import EntryOut, RewardSerializer

    score = Score(label_zh_hans="周涛", label_en="")
    with translation.override("en"):
        assert EntryOut().get_subject(score) == "周涛 (no English name yet)"
        assert RewardSerializer().get_subject(score) == "周涛 (no English name yet)"
    with translation.override("zh-hans"):
        assert EntryOut().get_subject(score) == "周涛"
