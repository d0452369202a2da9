"""Fact sheets: one PDF per industry page and per development zone, written from the live data
in the page's language (config.pdf: fonts embedded, Chinese and Latin runs). What a sheet
shows is read through `website.selectors`, so it says exactly what the public pages say:
published, still-valid opportunities, published projects, consented stories."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from config.i18n import localized, localized_or_marked
from config.pdf import Column, Report

from . import selectors
from .templatetags.site_tags import cny_10k


def _text(obj, field) -> str:
    return localized(obj, field) or ""


def _issuer() -> str:
    return _("Investment Promotion Bureau")


def _meta() -> str:
    return _("Fact sheet · data as of %(date)s") % {
        "date": date_format(timezone.localdate(), "DATE_FORMAT")
    }


def _opportunity_table(report: Report, opportunities) -> None:
    report.table(
        _("Opportunities seeking investment"),
        [
            Column(_("Opportunity")),
            Column(_("Location or zone"), 130),
            Column(_("Estimated investment"), 110, numeric=True),
            Column(_("Cooperation mode"), 150),
            Column(_("Valid until"), 70),
        ],
        [
            [
                localized_or_marked(o, "name"),
                localized_or_marked(o.zone, "name"),
                cny_10k(o.investment_cny_10k),
                _text(o, "cooperation"),
                date_format(o.valid_until, "SHORT_DATE_FORMAT"),
            ]
            for o in opportunities
        ],
        empty=_("No opportunity is open at the moment."),
    )


def _project_table(report: Report, projects) -> None:
    report.table(
        _("Projects on the site"),
        [Column(_("Project")), Column(_("Location"), 160), Column(_("Total investment"), 120)],
        [
            [
                localized_or_marked(p, "name"),
                localized_or_marked(p.region, "name"),
                cny_10k(p.total_investment_cny_10k) if p.total_investment_cny_10k else "",
            ]
            for p in projects
        ],
        empty=_("No project is published at the moment."),
    )


def industry_sheet(industry) -> Report:
    """The industry's fact sheet: its summary and text, its named contact, its open
    opportunities and its published projects."""
    facts = selectors.industry_facts(industry)
    name = localized_or_marked(industry, "name")
    report = Report(
        title=_("Fact sheet: %(name)s") % {"name": name}, issuer=_issuer(), meta=_meta()
    )
    report.heading(_("Overview"))
    for para in filter(None, [_text(industry, "summary"), *_text(industry, "body").split("\n\n")]):
        report.paragraph(para.strip())
    contact = ", ".join(
        filter(
            None,
            [_text(industry, "contact_name"), industry.contact_email, industry.contact_phone],
        )
    )
    if contact:
        report.paragraph(_("Contact: %(contact)s") % {"contact": contact})
    _opportunity_table(report, facts["opportunities"])
    _project_table(report, facts["projects"])
    return report


def zone_sheet(zone) -> Report:
    """The development zone's fact sheet: its open opportunities, the projects published in it
    and the success stories told there."""
    facts = selectors.zone_facts(zone)
    name = localized_or_marked(zone, "name")
    report = Report(
        title=_("Fact sheet: %(name)s") % {"name": name}, issuer=_issuer(), meta=_meta()
    )
    _opportunity_table(report, facts["opportunities"])
    _project_table(report, facts["projects"])
    report.table(
        _("Success stories"),
        [
            Column(_("Story")),
            Column(_("Investment"), 120, numeric=True),
            Column(_("Jobs"), 60, numeric=True),
            Column(_("Year"), 50, numeric=True),
        ],
        [
            [
                localized_or_marked(s, "title"),
                cny_10k(s.project.total_investment_cny_10k),
                s.jobs if s.jobs is not None else "",
                s.year or "",
            ]
            for s in facts["stories"]
        ],
        empty=_("No story is published yet."),
    )
    return report
