"""Chinese number format of the portal: Django's own zh_Hans formats, with thousands grouped
by three and separated by commas as Chinese official statistics print them (209,945), the
same grouping as the English pages (issue #12)."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# The date an official document (the bulletin) is signed: 2026年12月8日 (as DATE_FORMAT).
DOCUMENT_DATE_FORMAT = "Y年n月j日"
