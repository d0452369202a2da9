"""Chinese labels for the admin pages of two third-party apps (issue #27).

django-axes wraps its labels in gettext but ships no Chinese: the project's catalogue
(locale/zh_Hans) carries them. django-otp writes its model and field names as plain English
strings, which no catalogue can reach; :func:`translate_labels` (called once from
``AccountsConfig.ready``) wraps each in ``gettext_lazy`` with the same English text, so the
admin shows them in the reader's language. Only display attributes change: the English text
is the same, so no migration follows (a field's deconstruction keeps its original
``verbose_name``; ``help_text`` compares equal)."""

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The apps' names on the admin index (their own are "Axes", "Otp_Totp", "Otp_Static").
APP_NAMES = {
    "axes": _("Sign-in protection"),
    "otp_totp": _("Authenticator apps"),
    "otp_static": _("Recovery codes"),
}
# The models' names (django-otp's are plain strings, or none: derived from the class name).
MODEL_NAMES = {
    ("otp_totp", "totpdevice"): (_("TOTP device"), _("TOTP devices")),
    ("otp_static", "staticdevice"): (_("static device"), _("static devices")),
    ("otp_static", "statictoken"): (_("static token"), _("static tokens")),
}

# Field names that would read wrong through a shared msgid ("key" is a dictionary key, 键).
FIELD_NAMES = {
    ("otp_totp", "totpdevice", "key"): _("secret key"),
    ("otp_static", "statictoken", "token"): _("recovery code"),
}


def _lazy(text):
    """`text` as a lazy translation (already one: as it is)."""
    if not text or isinstance(text, Promise):
        return text
    return _(str(text))


def translate_labels() -> None:
    for label, name in APP_NAMES.items():
        if apps.is_installed(label) or label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
    for (app_label, model_name), (single, plural) in MODEL_NAMES.items():
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        model._meta.verbose_name = single
        model._meta.verbose_name_plural = plural
        for field in model._meta.get_fields():
            if field.concrete:
                own = FIELD_NAMES.get((app_label, model_name, field.name))
                field.verbose_name = own or _lazy(field.verbose_name)
                field.help_text = _lazy(field.help_text)
