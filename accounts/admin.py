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


# django-otp's admin pages in the reader's language (issue #27): its fieldset titles, a column
# and the search hint are plain English strings; the models' and fields' names are wrapped in
# accounts/third_party_labels.py. Re-registered here (accounts comes after django-otp in
# INSTALLED_APPS, so its admin modules have registered by now).
def _otp_admins():
    from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
    from django_otp.plugins.otp_totp.models import TOTPDevice

    titles = {
        "Identity": _("Identity"),
        "Timestamps": _("Timestamps"),
        "Configuration": _("Configuration"),
        "State": _("State"),
        "Throttling": _("Throttling"),
    }

    class TranslatedFieldsets:
        search_help_text = _("Search by the user's username or e-mail address.")

        def get_fieldsets(self, request, obj=None):
            return [
                (titles.get(name, name), options)
                for name, options in super().get_fieldsets(request, obj)
            ]

    class PortalTOTPDeviceAdmin(TranslatedFieldsets, TOTPDeviceAdmin):
        @admin.display(description=_("QR code"))
        def qrcode_link(self, device):
            return super().qrcode_link(device)

    class PortalStaticDeviceAdmin(TranslatedFieldsets, StaticDeviceAdmin):
        pass

    for model, model_admin in (
        (TOTPDevice, PortalTOTPDeviceAdmin),
        (StaticDevice, PortalStaticDeviceAdmin),
    ):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, model_admin)


_otp_admins()
