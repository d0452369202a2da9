"""The staff menu by groups of work (staff/navigation.py): every entry in a known group, the
bureau's thirteen entries in at most seven menus, a group with one entry a plain link."""

import pytest

from accounts.models import Role
from staff.navigation import GROUPS, NAV_ITEMS, nav_groups_for

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_entry_has_a_known_group():
    keys = {k for k, _label in GROUPS}
    assert [i.key for i in NAV_ITEMS if i.group not in keys] == []


def test_bureau_menu_is_grouped(client):
    user = UserFactory(role=Role.BUREAU)
    groups = nav_groups_for(user, "projects:list")
    assert len(groups) <= 7
    assert sum(len(g.items) for g in groups) >= 13
    by_key = {g.key: g for g in groups}
    assert [i.key for i in by_key["pipeline"].items] == ["projects", "board", "targets"]
    assert by_key["pipeline"].current
    assert not by_key["reports"].current

    client.force_login(user)
    body = client.get("/en/staff/projects/").content.decode()
    assert (
        '<details data-nav-group="pipeline"><summary class="is-current">Pipeline</summary>' in body
    )
    assert 'data-nav="projects" aria-current="page"' in body
    assert 'data-nav-group="site"' not in body  # one entry: a plain link
    assert 'data-nav="site"' in body
    body = client.get("/zh-hans/staff/projects/").content.decode()
    assert '<summary class="is-current">项目管理</summary>' in body


def test_liaison_sees_only_its_groups(liaison_user):
    keys = [g.key for g in nav_groups_for(liaison_user)]
    assert "site" not in keys
    assert keys[0] == "home"
