"""Staff pages that edit the public site: role matrix, both-language editing, preview without
saving, publish / unpublish with history."""

import pytest

from website.models import NewsItem, Page, Status

EDITORS = ("admin_user", "bureau_user")
OTHERS = ("district_user", "liaison_user", "office110_user")


@pytest.mark.django_db
@pytest.mark.parametrize("who", EDITORS)
def test_editors_open_every_content_page(client, request, who, content_page):
    client.force_login(request.getfixturevalue(who))
    for url in (
        "/en/staff/site/",
        "/en/staff/site/pages/",
        "/en/staff/site/news/",
        "/en/staff/site/industries/",
        "/en/staff/site/contacts/",
        "/en/staff/site/videos/",
        "/en/staff/site/pages/new/",
        "/en/staff/site/videos/new/",
        f"/en/staff/site/pages/{content_page.pk}/",
        f"/en/staff/site/pages/{content_page.pk}/preview/",
    ):
        assert client.get(url).status_code == 200, url
    assert 'data-nav="site"' in client.get("/en/staff/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", OTHERS)
def test_other_roles_are_refused(client, request, who, content_page):
    client.force_login(request.getfixturevalue(who))
    for url in (
        "/en/staff/site/",
        "/en/staff/site/pages/",
        f"/en/staff/site/pages/{content_page.pk}/",
    ):
        assert client.get(url).status_code == 403, url
    resp = client.post(f"/en/staff/site/pages/{content_page.pk}/publish/", {"to": "draft"})
    assert resp.status_code == 403
    content_page.refresh_from_db()
    assert content_page.status == Status.PUBLISHED
    assert 'data-nav="site"' not in client.get("/en/staff/").content.decode()


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, content_page):
    resp = client.get("/en/staff/site/pages/")
    assert resp.status_code == 302
    assert "/accounts/login/" in resp.url
    resp = client.get(f"/en/staff/site/pages/{content_page.pk}/preview/")
    assert resp.status_code == 302


def _news_data(**extra):
    return {
        "date": "2026-11-20",
        "title_zh_hans": "新标准厂房投入使用",
        "title_en": "New factory buildings open",
        "summary_zh_hans": "",
        "summary_en": "",
        "body_zh_hans": "正文第一段。\n\n正文第二段。",
        "body_en": "First paragraph.\n\nSecond paragraph.",
        **extra,
    }


@pytest.mark.django_db
def test_preview_shows_both_languages_and_saves_nothing(client, bureau_user):
    client.force_login(bureau_user)
    resp = client.post("/en/staff/site/news/new/", _news_data(action="preview"))
    assert resp.status_code == 200
    body = resp.content.decode()
    assert 'data-testid="preview"' in body
    assert "新标准厂房投入使用" in body
    assert "New factory buildings open" in body
    assert "<p>First paragraph.</p>" in body
    assert NewsItem.objects.count() == 0
    # The form keeps what was typed
    assert 'value="New factory buildings open"' in body


@pytest.mark.django_db
def test_preview_flags_missing_english(client, bureau_user):
    client.force_login(bureau_user)
    resp = client.post(
        "/en/staff/site/news/new/", _news_data(action="preview", title_en="", body_en="")
    )
    body = resp.content.decode()
    assert 'data-testid="missing-fields"' in body
    assert "This page has no English text yet." in body


@pytest.mark.django_db
def test_save_draft_then_publish_then_unpublish(client, bureau_user):
    client.force_login(bureau_user)
    resp = client.post("/en/staff/site/news/new/", _news_data(action="save"))
    assert resp.status_code == 302
    item = NewsItem.objects.get()
    assert item.status == Status.DRAFT
    assert item.updated_by == bureau_user
    assert "New factory buildings open" not in client.get("/en/news/").content.decode()
    # Staff preview of the saved draft in the public look
    preview = client.get(f"/en/staff/site/news/{item.pk}/preview/")
    assert preview.status_code == 200
    assert "this draft is not on the public site." in preview.content.decode()

    client.post(f"/en/staff/site/news/{item.pk}/publish/")
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert item.published_at is not None
    client.logout()
    assert "New factory buildings open" in client.get("/en/news/").content.decode()

    client.force_login(bureau_user)
    client.post(f"/en/staff/site/news/{item.pk}/publish/", {"to": "draft"})
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    history = list(item.history.order_by("history_date"))
    assert [h.history_change_reason for h in history] == ["saved", "published", "unpublished"]
    assert all(h.history_user == bureau_user for h in history)


@pytest.mark.django_db
def test_save_and_publish_in_one_step_needs_the_chinese_title(client, bureau_user):
    client.force_login(bureau_user)
    resp = client.post("/en/staff/site/news/new/", _news_data(action="publish", title_zh_hans=""))
    assert resp.status_code == 200
    assert "This field is required." in resp.content.decode()
    assert NewsItem.objects.count() == 0
    resp = client.post("/en/staff/site/news/new/", _news_data(action="publish"))
    assert resp.status_code == 302
    assert NewsItem.objects.get().status == Status.PUBLISHED


@pytest.mark.django_db
def test_editing_a_published_page_keeps_it_published(client, bureau_user, content_page):
    client.force_login(bureau_user)
    data = {
        "slug": content_page.slug,
        "section": "about",
        "order": 0,
        "title_zh_hans": "城市概况（新）",
        "title_en": "City profile (new)",
        "summary_zh_hans": "",
        "summary_en": "",
        "body_zh_hans": "新正文",
        "body_en": "",
        "action": "save",
    }
    assert client.post(f"/en/staff/site/pages/{content_page.pk}/", data).status_code == 302
    content_page.refresh_from_db()
    assert content_page.status == Status.PUBLISHED
    assert content_page.title_en == "City profile (new)"
    client.logout()
    # The English body is now missing: the English page says so
    body = client.get(f"/en/page/{content_page.slug}/").content.decode()
    assert "This page has no English text yet." in body
    assert "新正文" not in body


@pytest.mark.django_db
def test_unknown_kind_is_404(client, bureau_user):
    client.force_login(bureau_user)
    assert client.get("/en/staff/site/nonsense/").status_code == 404
    assert client.get("/en/staff/site/pages/999999/").status_code == 404


@pytest.mark.django_db
def test_industry_tags_are_saved(client, bureau_user, industry):
    from projects.models import Tag

    salt = Tag.objects.create(slug="salt", name_zh_hans="盐", name_en="Salt")
    client.force_login(bureau_user)
    data = {
        "slug": industry.slug,
        "kind": "industry",
        "order": 0,
        "name_zh_hans": industry.name_zh_hans,
        "name_en": "Textiles",
        "summary_zh_hans": "",
        "summary_en": "",
        "body_zh_hans": "",
        "body_en": "",
        "contact_name_zh_hans": "",
        "contact_name_en": "",
        "contact_email": "",
        "contact_phone": "",
        "tags": [salt.pk],
        "action": "save",
    }
    assert client.post(f"/en/staff/site/industries/{industry.pk}/", data).status_code == 302
    assert list(industry.tags.all()) == [salt]


@pytest.mark.django_db
def test_page_slug_must_be_unique(client, bureau_user, content_page):
    client.force_login(bureau_user)
    data = {
        "slug": content_page.slug,
        "section": "about",
        "order": 0,
        "title_zh_hans": "重复",
        "action": "save",
    }
    resp = client.post("/en/staff/site/pages/new/", data)
    assert resp.status_code == 200
    assert Page.objects.count() == 1
