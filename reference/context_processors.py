"""The city's name on every page (site title, brand, footer), from the region set up by
`manage.py setup_city` (or the demo): read lazily, so a page that does not show it runs no
query."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from config.i18n import localized

from .selectors import the_city


def _names() -> dict[str, str]:
    city = the_city()
    if city is None:
        return {
            "name": "",
            "mark": "",
            "site": _("Investment Promotion Portal"),
            "bureau": _("Investment Promotion Bureau"),
        }
    name = localized(city, "name") or city.name
    return {
        "name": name,
        "mark": (city.name_zh_hans or city.name)[:1],
        "site": _("Invest in %(city)s") % {"city": name},
        "bureau": _("%(city)s Investment Promotion Bureau") % {"city": name},
    }


def city(request):
    """`portal_city.name` (in the page's language), `.mark` (its first Chinese character),
    `.site` ("Invest in Changde City"), `.bureau` ("Changde City Investment Promotion
    Bureau")."""
    return {"portal_city": SimpleLazyObject(_names)}
