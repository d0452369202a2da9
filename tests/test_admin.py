"""Every admin page an administrator can open renders (reference data, tags, assignments)."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_changelists_and_add_forms_render(client, admin_user):
    client.force_login(admin_user)
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        if model_admin.has_add_permission(type("R", (), {"user": admin_user})()):
            add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
            assert client.get(add).status_code == 200, add


def test_projects_are_read_only_in_admin(client, admin_user, region_a):
    from tests.factories import ProjectFactory

    p = ProjectFactory(region=region_a)
    client.force_login(admin_user)
    assert client.get(reverse("admin:projects_project_add")).status_code == 403
    page = client.get(reverse("admin:projects_project_change", args=[p.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
