"""The chain map in print: one table per segment (links, gap, local enterprises, targets, the
pipeline by stage), then the target companies with their outreach state (staff only)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from config.names import name_text
from config.pdf import Column, Report
from projects import workflow

from .models import Gap, Outreach, TargetCompany
from .selectors import chain_map


def _name(obj, field="name") -> str:
    """Plain text for the PDF (config.names): a missing English name is marked."""
    return name_text(obj, field)


def chain_map_pdf_bytes(chain, user) -> bytes:
    found = chain_map(chain, user)
    leader = " ".join(x for x in (_name(chain, "leader_title"), _name(chain, "leader_name")) if x)
    office = _name(chain.office) if chain.office_id else ""
    meta = " · ".join(
        x
        for x in (
            _("Chain leader: %(name)s") % {"name": leader} if leader else "",
            _("Industry office: %(name)s") % {"name": office} if office else "",
            timezone.localdate().isoformat(),
        )
        if x
    )
    report = Report(
        title=_("Industrial chain map: %(name)s") % {"name": _name(chain)},
        issuer=str(_("Investment Promotion Bureau")),
        meta=meta,
    )
    gaps = dict(Gap.choices)
    columns = [
        Column(_("Link")),
        Column(_("Key products")),
        Column(_("Gap rating"), width=70),
        Column(_("Local enterprises"), width=60, numeric=True),
        Column(_("Target companies"), width=60, numeric=True),
        *[Column(str(s.label), width=58, numeric=True) for s in workflow.STAGES],
    ]
    for _code, label, cards in found.segments:
        rows = [
            [
                _name(c.link),
                _name(c.link, "key_products"),
                str(gaps.get(c.link.gap, c.link.gap)),
                c.local_enterprises,
                c.targets,
                *[c.pipeline[s] for s in workflow.STAGE_CODES],
            ]
            for c in cards
        ]
        report.table(str(label), columns, rows, size=8.5, empty=_("No links in this segment."))
    states = dict(Outreach.choices)
    targets = (
        TargetCompany.objects.filter(link__chain=chain)
        .select_related("link", "investor")
        .order_by("link__sort_order", "link_id", "priority", "pk")
    )
    report.table(
        _("Target companies"),
        [Column(_("Link")), Column(_("Company")), Column(_("Priority"), width=60),
         Column(_("Outreach"), width=80), Column(_("Last contact"), width=70)],
        [
            [_name(t.link), _name(t.investor), t.get_priority_display(),
             str(states[t.state]), t.last_contact_on.isoformat() if t.last_contact_on else "—"]
            for t in targets
        ],
        size=8.5,
        empty=_("No target companies yet."),
    )  # fmt: skip
    return report.build()
