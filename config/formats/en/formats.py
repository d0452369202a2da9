"""English number format of the portal: Django's own, thousands grouped by three (209,945)."""

from django.conf.locale.en.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# The date an official document (the bulletin) is signed: 8 December 2026. A name of its own,
# so the pages keep DATE_FORMAT ("Dec. 8, 2026"); `date_format(d, "DOCUMENT_DATE_FORMAT")`.
DOCUMENT_DATE_FORMAT = "j F Y"
