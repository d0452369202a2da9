"""English without a Chinese word (issue 21, item 10): every English public page (the
sitemap plus the forms, their error states and the e-mails) has Chinese only inside an
element marked lang="zh-Hans"; items without English text are not featured on English lists;
the showcase lists only projects still seeking investment, once per name."""

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.utils import timezone

from investors.forms import inquiry_started_token
from reference.models import IndustrySection
from tests.factories import ProjectFactory
from tests.website.cjk import chinese_outside_zh
from website.models import NewsItem, Status


def test_the_checker_itself():
    assert chinese_outside_zh('<p>Hello</p><nav><a lang="zh-Hans">中文</a></nav>') == []
    assert chinese_outside_zh('<p lang="zh-hans"><b>税收</b><br>政策</p>') == []
    assert chinese_outside_zh("<p>Tax 税收</p>")
    assert chinese_outside_zh('<img alt="城市"><p lang="zh-Hans">x</p>')
    assert chinese_outside_zh('<div lang="zh-Hans"><p lang="en">英文</p></div>')


@pytest.fixture
def zh_only_news(db):
    return NewsItem.objects.create(
        date=dt.date(2026, 11, 20),
        title_zh_hans="市政务服务中心延长周末服务时间",
        body_zh_hans="自十二月起开放。",
        status=Status.PUBLISHED,
    )


@pytest.fixture
def zh_only_project(sections, industry, region_a):
    p = ProjectFactory(
        region=region_a,
        name_zh_hans="珍珠深加工项目",
        name_en="",
        description_zh_hans="寻求合作伙伴",
        industry=IndustrySection.objects.get(code="C"),
        is_published=True,
    )
    p.tags.set(industry.tags.all())
    # The factory's `name` lands in the active language's field: leave English empty.
    type(p).objects.filter(pk=p.pk).update(name_en="", description_en="")
    p.refresh_from_db()
    return p


@pytest.fixture
def feedback_token(region_a, unit_a, liaison_user):
    from feedback.services import feedback_link_issue, service_visit_create
    from liaison.models import LiaisonAssignment

    project = ProjectFactory(region=region_a, stage="contract", contract_date=dt.date(2026, 2, 1))
    LiaisonAssignment.objects.create(
        project=project, unit=unit_a, person=liaison_user, start_date=dt.date(2026, 2, 1)
    )
    visit = service_visit_create(
        user=liaison_user,
        project=project,
        unit=unit_a,
        date=dt.date(2026, 11, 20),
        purpose="了解用地手续进展",
    )
    return feedback_link_issue(user=liaison_user, visit=visit)[1]


def _english_sitemap_paths(client) -> list[str]:
    xml = client.get("/sitemap.xml").content.decode()
    paths = {urlparse(u).path for u in re.findall(r"<loc>([^<]+)</loc>", xml)}
    return sorted(p for p in paths if p.startswith("/en/"))


@pytest.mark.django_db
def test_every_english_public_page_has_chinese_only_inside_lang_zh(
    client,
    content_page,
    zh_only_page,
    news,
    zh_only_news,
    industry,
    contact_point,
    public_project,
    zh_only_project,
    feedback_token,
    sections,
):
    from website.models import Page

    # The shared fixture writes `title`, which lands in whichever language is active when it
    # runs: make sure this page really has no English text.
    Page.objects.filter(pk=zh_only_page.pk).update(title_en="", summary_en="", body_en="")
    paths = _english_sitemap_paths(client)
    assert "/en/inquiry/" in paths
    assert "/en/inquiry/track/" in paths
    assert f"/en/news/{zh_only_news.pk}/" in paths  # still reachable
    paths += [
        "/en/search/?q=textile",
        f"/en/inquiry/?project={public_project.pk}",
        f"/en/inquiry/?industry={industry.slug}",
        f"/en/feedback/{feedback_token}/",
        "/en/feedback/garbage/",
    ]
    problems = {}
    for path in paths:
        resp = client.get(path)
        assert resp.status_code in (200, 410), path
        found = chinese_outside_zh(resp.content.decode())
        if found:
            problems[path] = found
    # The forms with their errors.
    posts = {
        "/en/inquiry/": {"name": "", "country": "", "email": "bad", "message": ""},
        "/en/inquiry/track/": {"reference": "INQ-XXXXXXXX", "email": "a@example.com"},
        "/en/complaint/": {"subject": "", "description": ""},
        f"/en/feedback/{feedback_token}/": {"overall": 9},
    }
    for path, data in posts.items():
        resp = client.post(path, data)
        assert resp.status_code == 200, path
        found = chinese_outside_zh(resp.content.decode())
        if found:
            problems[f"POST {path}"] = found
    assert problems == {}, problems
    assert len(paths) >= 20


@pytest.mark.django_db
def test_english_emails_have_no_chinese(
    client, sections, bureau_user, django_capture_on_commit_callbacks
):
    from investors.models import Inquiry
    from investors.services import inquiry_answer

    data = {
        "name": "James Carter",
        "organisation": "Brightwater Fabrics Ltd",
        "country": "GB",
        "email": "james@brightwater.example",
        "message": "A site for a weaving plant.",
        "started": inquiry_started_token(timezone.now() - dt.timedelta(seconds=30)),
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/inquiry/", data).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        inquiry_answer(user=bureau_user, inquiry=Inquiry.objects.get(), text="Welcome.")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert not re.search(r"[\u3400-\u9fff]", message.subject + message.body), message.body


@pytest.mark.django_db
def test_items_without_english_are_not_featured_on_english_lists(
    client, public_project, zh_only_project, news, zh_only_news
):
    for path in ("/en/", "/en/projects/", "/en/news/", "/en/industries/textiles/"):
        body = client.get(path).content.decode()
        assert f"/en/projects/{zh_only_project.pk}/" not in body, path
        assert f"/en/news/{zh_only_news.pk}/" not in body, path
    home = client.get("/en/").content.decode()
    assert "High-end textile fabrics" in home
    assert "Textile project signed" in home
    zh_home = client.get("/zh-hans/").content.decode()
    assert "珍珠深加工项目" in zh_home
    assert "市政务服务中心延长周末服务时间" in zh_home
    detail = client.get(f"/en/projects/{zh_only_project.pk}/").content.decode()
    assert 'data-testid="chinese-only"' in detail
    assert '<span lang="zh-Hans">珍珠深加工项目</span>' in detail or "珍珠深加工项目" not in detail


@pytest.mark.django_db
def test_showcase_lists_only_projects_still_seeking_investment_once_per_name(
    client, sections, region_a
):
    def make(name, **kw):
        return ProjectFactory(
            region=region_a, name_zh_hans=name, name_en=f"{name} EN", is_published=True, **kw
        )

    seeking = make("光伏玻璃项目")
    invested = make("纺织产业园", stage="contract", contract_date=dt.date(2026, 3, 1))
    older_twin = make("食品加工项目")
    newer_twin = make("食品加工项目")
    body = client.get("/zh-hans/projects/").content.decode()
    assert f"/zh-hans/projects/{seeking.pk}/" in body
    assert f"/zh-hans/projects/{invested.pk}/" not in body
    assert body.count("食品加工项目") == 1
    assert f"/zh-hans/projects/{newer_twin.pk}/" in body
    assert client.get(f"/zh-hans/projects/{invested.pk}/").status_code == 404
    assert client.get(f"/zh-hans/projects/{older_twin.pk}/").status_code == 404
    home = client.get("/zh-hans/").content.decode()
    assert "纺织产业园" not in home
