"""The public site: every page in both languages, published content only, the missing-English
notice, search, sitemap, hreflang, robots.txt and the error pages."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from website.models import Status

LANGS = ("zh-hans", "en")


def public_urls(content_page, news, industry, public_project):
    with override("en"):
        return [
            reverse("website:home"),
            reverse("website:section", args=["about"]),
            reverse("website:page", args=[content_page.slug]),
            reverse("website:industries"),
            reverse("website:industry", args=[industry.slug]),
            reverse("website:projects"),
            reverse("website:project", args=[public_project.pk]),
            reverse("website:news"),
            reverse("website:news_detail", args=[news.pk]),
            reverse("website:video"),
            reverse("website:contact"),
            reverse("website:inquiry"),
            reverse("feedback_public:complaint"),
            reverse("appraisal_public:lists"),
            reverse("website:search") + "?q=textile",
        ]


# A few UI strings per language that every public page shows (header and footer).
CHROME = {
    "zh-hans": ["招商项目", "投资咨询", "表彰与警示名单", "站内搜索"],
    "en": ["Projects seeking investment", "Talk to us", "Commendation and warning lists"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_every_public_page_renders_in_both_languages(
    client, lang, content_page, news, industry, public_project, contact_point
):
    for url in public_urls(content_page, news, industry, public_project):
        url = url.replace("/en/", f"/{lang}/", 1)
        resp = client.get(url)
        assert resp.status_code == 200, url
        body = resp.content.decode()
        assert f'<html lang="{lang}">' in body, url
        for text in CHROME[lang]:
            assert text in body, (url, text)
        # hreflang alternates for both languages, absolute, on every page
        assert 'hreflang="zh-hans" href="http://testserver/zh-hans/' in body, url
        assert 'hreflang="en" href="http://testserver/en/' in body, url
        assert 'property="og:title"' in body, url


@pytest.mark.django_db
def test_english_pages_show_no_chinese_ui_text(client, content_page):
    body = client.get("/en/").content.decode()
    for zh in ("招商项目", "投资咨询", "新闻动态", "优势产业"):
        assert zh not in body


@pytest.mark.django_db
def test_drafts_and_unpublished_projects_never_appear(
    client, content_page, draft_page, public_project, hidden_project, dropped_project
):
    for lang in LANGS:
        pages = [
            client.get(f"/{lang}/").content.decode(),
            client.get(f"/{lang}/projects/").content.decode(),
            client.get(f"/{lang}/s/about/").content.decode(),
            client.get(f"/{lang}/search/?q=project").content.decode(),
            client.get(f"/{lang}/search/?q=草稿").content.decode(),
            client.get("/sitemap.xml").content.decode(),
        ]
        for body in pages:
            assert "Internal pipeline project" not in body
            assert "内部项目" not in body
            assert "Dropped textile project" not in body
            assert "Draft page secret" not in body
            assert "草稿页面" not in body
            assert f"/projects/{hidden_project.pk}/" not in body
        assert client.get(f"/{lang}/projects/{hidden_project.pk}/").status_code == 404
        assert client.get(f"/{lang}/projects/{dropped_project.pk}/").status_code == 404
        assert client.get(f"/{lang}/page/{draft_page.slug}/").status_code == 404
    assert "High-end textile fabrics" in client.get("/en/projects/").content.decode()


@pytest.mark.django_db
def test_project_page_shows_public_fields_only_and_links_to_inquiry(client, public_project):
    body = client.get(f"/en/projects/{public_project.pk}/").content.decode()
    assert "High-end textile fabrics" in body
    assert "Looking for a partner in fabrics." in body
    assert "CNY 45 million" in body
    assert f"/en/inquiry/?project={public_project.pk}" in body
    investor = public_project.investor
    assert investor.name_en not in body
    assert investor.name_zh_hans not in body
    assert "4,500万元" in client.get(f"/zh-hans/projects/{public_project.pk}/").content.decode()


@pytest.mark.django_db
def test_project_filters_by_industry_category_and_tag(client, public_project, sections):
    from reference.models import IndustrySection
    from tests.factories import ProjectFactory

    other = ProjectFactory(
        region=public_project.region,
        name_en="Logistics hub",
        industry=IndustrySection.objects.get(code="G"),
        category="infrastructure",
        is_published=True,
    )
    body = client.get("/en/projects/?industry=C").content.decode()
    assert "High-end textile fabrics" in body
    assert "Logistics hub" not in body
    body = client.get("/en/projects/?category=infrastructure").content.decode()
    assert "Logistics hub" in body
    assert "High-end textile fabrics" not in body
    body = client.get("/en/projects/?tag=textile").content.decode()
    assert "High-end textile fabrics" in body
    assert "Logistics hub" not in body
    body = client.get("/en/projects/?industry=Q").content.decode()
    assert "No published project matches these filters." in body
    # Nonsense filters are ignored or empty, never an error
    assert client.get("/en/projects/?industry=%00&category=x&tag=%00a&page=abc").status_code == 200
    assert client.get("/en/search/?q=a%00b").status_code == 200
    assert other.pk


@pytest.mark.django_db
def test_missing_english_text_says_so_and_hides_the_chinese(client, zh_only_page):
    en = client.get(f"/en/page/{zh_only_page.slug}/").content.decode()
    assert 'data-testid="missing-english"' in en
    assert "This page has no English text yet." in en
    assert "中文正文：税收优惠。" not in en  # never passed off as English
    assert 'href="/zh-hans/page/zh-only/"' in en
    assert '<meta name="robots" content="noindex">' in en
    zh = client.get(f"/zh-hans/page/{zh_only_page.slug}/").content.decode()
    assert "中文正文：税收优惠。" in zh
    assert 'data-testid="missing-english"' not in zh


@pytest.mark.django_db
def test_translated_page_has_no_notice(client, content_page):
    en = client.get(f"/en/page/{content_page.slug}/").content.decode()
    assert "Demo City lies on the middle Yangtze." in en
    assert 'data-testid="missing-english"' not in en


@pytest.mark.django_db
def test_search_uses_the_current_language(client, content_page, news, public_project):
    en = client.get("/en/search/?q=textile").content.decode()
    assert "Textile project signed" in en
    assert "High-end textile fabrics" in en
    assert "Nothing found" in client.get("/en/search/?q=纺织").content.decode()
    zh = client.get("/zh-hans/search/?q=纺织").content.decode()
    assert "纺织项目签约" in zh
    assert "高端纺织面料项目" in zh
    assert "Nothing found" in client.get("/zh-hans/search/?q=textile").content.decode() or (
        "未找到" in client.get("/zh-hans/search/?q=textile").content.decode()
    )
    long_q = "x" * 5000
    assert client.get(f"/en/search/?q={long_q}").status_code == 200


@pytest.mark.django_db
def test_sitemap_lists_content_in_both_languages_with_alternates(
    client, content_page, news, industry, public_project
):
    body = client.get("/sitemap.xml").content.decode()
    for path in (
        f"/page/{content_page.slug}/",
        f"/news/{news.pk}/",
        f"/industries/{industry.slug}/",
        f"/projects/{public_project.pk}/",
        "/projects/",
        "/lists/",
    ):
        assert f"http://testserver/zh-hans{path}" in body, path
        assert f"http://testserver/en{path}" in body, path
    assert 'hreflang="en"' in body
    assert 'hreflang="zh-hans"' in body
    assert 'hreflang="x-default"' in body


@pytest.mark.django_db
def test_robots_txt(client):
    resp = client.get("/robots.txt")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("text/plain")
    body = resp.content.decode()
    assert "Disallow: /en/staff/" in body
    assert "Disallow: /zh-hans/admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "text"), [("en", "Page not found"), ("zh-hans", "页面不存在")])
def test_styled_404_in_both_languages_with_navigation(client, lang, text):
    resp = client.get(f"/{lang}/no-such-page/")
    assert resp.status_code == 404
    body = resp.content.decode()
    assert text in body
    assert f'<html lang="{lang}">' in body
    assert 'class="site-nav"' in body


@pytest.mark.django_db
def test_staff_404_and_403_use_the_staff_look(client, district_user):
    client.force_login(district_user)
    resp = client.get("/en/staff/projects/999999/")
    assert resp.status_code == 404
    body = resp.content.decode()
    assert "Page not found" in body
    assert "staff-nav" in body
    resp = client.get("/en/staff/site/")
    assert resp.status_code == 403
    assert "Access denied" in resp.content.decode()


@pytest.mark.django_db
def test_500_page_is_styled_and_survives_a_broken_database(rf, monkeypatch):
    from website import errors

    resp = errors.server_error(rf.get("/zh-hans/whatever/"))
    assert resp.status_code == 500
    assert "服务器错误" in resp.content.decode()

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(errors.loader, "get_template", broken)
    resp = errors.server_error(rf.get("/en/whatever/"))
    assert resp.status_code == 500
    assert "Server error" in resp.content.decode()


@pytest.mark.django_db
def test_home_empty_states_before_anything_is_published(client, draft_page):
    body = client.get("/en/").content.decode()
    assert 'data-testid="figures-empty"' in body
    assert "No projects are open for investment" in body
    assert "No news yet." in body
    assert client.get("/en/lists/").status_code == 200
    assert 'data-testid="lists-empty"' in client.get("/en/lists/").content.decode()


@pytest.mark.django_db
def test_news_item_in_chinese_only_is_not_featured_in_english_lists(client, news):
    """Issue 21, item 10: not on the English list or home page; still reachable, marked."""
    news.title_en = ""
    news.body_en = ""
    news.save()
    for url in ("/en/news/", "/en/"):
        body = client.get(url).content.decode()
        assert f"/en/news/{news.pk}/" not in body
        assert "纺织项目签约" not in body
    assert f"/zh-hans/news/{news.pk}/" in client.get("/zh-hans/news/").content.decode()
    detail = client.get(f"/en/news/{news.pk}/").content.decode()
    assert "This page has no English text yet." in detail
    assert "Available in Chinese only" in detail
    assert '<span lang="zh-hans">纺织项目签约</span>' in detail


@pytest.mark.django_db
def test_unpublished_status_is_respected_for_every_content_kind(client, industry, news):
    industry.status = Status.DRAFT
    industry.save()
    news.status = Status.DRAFT
    news.save()
    assert client.get(f"/en/industries/{industry.slug}/").status_code == 404
    assert client.get(f"/en/news/{news.pk}/").status_code == 404
    assert "Textiles" not in client.get("/en/industries/").content.decode()
