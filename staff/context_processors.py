from .navigation import nav_for, nav_groups_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    return {
        "staff_nav": nav_for(user),
        "staff_nav_groups": nav_groups_for(user, match.view_name if match else None),
    }
