"""English number format of the portal: Django's own, thousands grouped by three (209,945)."""

from django.conf.locale.en.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
