from django import template

from projects.models import Project

register = template.Library()


@register.filter
def stage_date(project, code):
    return project.stage_date(code)


@register.filter
def field_label(name: str):
    """A history row's field name as its translated label."""
    if name == "created":
        from django.utils.translation import gettext

        return gettext("Created")
    try:
        return Project._meta.get_field(name).verbose_name
    except Exception:
        return name


@register.filter
def history_value(value):
    """A history value as text: lists (tags) joined, nothing as a dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value
