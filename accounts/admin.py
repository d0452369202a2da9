from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .forms import AdminLoginForm
from .models import User

# The admin's sign-in caps the username like the portal's own (issue 22 item 5).
admin.site.login_form = AdminLoginForm


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "role", "region", "liaison_unit", "is_active")
    list_filter = ("role", "region", "liaison_unit", "is_active")
    list_select_related = ("region", "liaison_unit")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Role and scope"),
            {
                "fields": (
                    "name_en",
                    "role",
                    "region",
                    "liaison_unit",
                    "chain_office",
                    "phone",
                    "preferred_language",
                )
            },
        ),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role and scope"), {"fields": ("role", "region", "liaison_unit", "chain_office")}),
    )
