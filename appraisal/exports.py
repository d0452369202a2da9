"""An appraisal's rankings as an xlsx workbook and as a PDF, in the active language. Both
write only the entries the reader may see (`selectors.rankings`)."""

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib.units import mm

from config.exports import xlsx_row
from config.names import name_text
from config.numbers import fmt_num, fmt_pct
from config.pdf import Cell, Column, Group, Report
from reference.selectors import bureau_name, the_city

from . import engine
from .models import Method, SubjectKind, _in_language
from .scoring import BONUS, DEDUCTION, DEFAULT_TIERS, EFFICACY, RATIO_CAP, TIERS
from .sources import SOURCES


def plain(value) -> str:
    """A value without trailing zeros ("3", "4.5"), or a dash."""
    if value is None:
        return "—"
    return f"{value.normalize():f}"


def _title(appraisal) -> str:
    return _("Year-end appraisal %(year)s · version %(v)s · %(status)s") % {
        "year": appraisal.year,
        "v": appraisal.version,
        "status": appraisal.get_status_display(),
    }


def _columns(entries) -> list[tuple[str, str]]:
    """(code, name) of the indicators, in order, from the entries themselves."""
    seen = {}
    for e in entries:
        for p in e.indicators.all():
            seen.setdefault(p.code, p.name)
    return list(seen.items())


SCORE_FORMAT = "#,##0.00"  # points always to two decimals, as the convention rounds them


def appraisal_xlsx(appraisal, rankings: dict, rewards: list[dict] | None = None) -> bytes:
    """One sheet per kind of subject: rank, name, score, and each indicator's value and
    score; scores always to two decimals; columns wide enough to read, headers wrapped, the
    rank and name frozen; printed landscape, one page wide. Then the introducers' rewards
    (`selectors.reward_rows`), when given."""
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="bottom")
    for kind, label in SubjectKind.choices:
        entries = rankings.get(kind, [])
        ws = wb.create_sheet(str(label)[:31])
        columns = _columns(entries)
        ws.column_dimensions["A"].width = 7
        ws.column_dimensions["B"].width = 34
        ws.column_dimensions["C"].width = 10
        for i in range(len(columns) * 2):
            ws.column_dimensions[get_column_letter(4 + i)].width = 14
        ws.freeze_panes = "C3"
        ws.row_dimensions[2].height = 48  # the wrapped header: up to three lines
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.append(xlsx_row(ws, [_title(appraisal)], font=Font(bold=True, size=13)))
        header = [_("Rank"), _("Appraised"), _("Score")]
        for _code, name in columns:
            header += [f"{name} · {_('value')}", f"{name} · {_('score')}"]
        ws.append(xlsx_row(ws, header, font=bold, alignment=wrap))
        # The score columns: the total, then every indicator's score (every second column).
        formats = {2: SCORE_FORMAT} | {4 + 2 * i: SCORE_FORMAT for i in range(len(columns))}
        for e in entries:
            parts = {p.code: p for p in e.indicators.all()}
            row = [e.rank, e.label, e.total]
            for code, _name in columns:
                p = parts.get(code)
                row += [p.value if p else None, p.score if p else None]
            ws.append(xlsx_row(ws, row, formats=formats))
    if rewards is not None:
        _rewards_sheet(wb, appraisal, rewards)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _rewards_sheet(wb, appraisal, rewards: list[dict]) -> None:
    """The introducers' rewards: who, the basis and its amount, the reward, how it was computed
    and the projects behind it."""
    ws = wb.create_sheet(str(_("Introducers' rewards"))[:31])
    for col, width in zip("ABCDEFGH", (7, 34, 26, 14, 14, 10, 40, 50), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "C3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.append(xlsx_row(ws, [_title(appraisal)], font=Font(bold=True, size=13)))
    header = [
        _("Rank"),
        _("Introducer"),
        _("Basis"),
        _("Basis (10k USD)"),
        _("Reward (10k CNY)"),
        _("Capped"),
        _("Computation"),
        _("Projects"),
    ]
    ws.append(xlsx_row(ws, header, font=Font(bold=True), alignment=Alignment(wrap_text=True)))
    for r in rewards:
        row = [
            r["rank"],
            r["subject"],
            r["basis"],
            r["basis_usd_10k"],
            r["amount_cny_10k"],
            _("yes") if r["capped"] else _("no"),
            "; ".join(r["steps"]),
            "; ".join(r["projects"]),
        ]
        ws.append(xlsx_row(ws, row, formats={3: SCORE_FORMAT, 4: SCORE_FORMAT}))


# --- the PDF ---------------------------------------------------------------------------------


def _issued_on(appraisal):
    """The date the document speaks for: published, else computed, else created (local)."""
    moment = appraisal.published_at or appraisal.computed_at or appraisal.created_at
    return timezone.localdate(moment) if moment else timezone.localdate()


def _long_date(day) -> str:
    """2026年12月7日 / December 7, 2026."""
    return dateformat.format(day, pgettext("long date in a printed report", "F j, Y"))


def _city_name() -> str:
    city = the_city()
    return name_text(city) if city else ""


def report_title(appraisal) -> str:
    city = _city_name()
    if city:
        return _("%(city)s %(year)s Investment Promotion Appraisal Results") % {
            "city": city,
            "year": appraisal.year,
        }
    return _("%(year)s Investment Promotion Appraisal Results") % {"year": appraisal.year}


def report_issuer() -> str:
    """The bureau as the issuer of the appraisal's documents: the one name every document
    signs with (reference.selectors.bureau_name, the bulletin's too)."""
    return bureau_name()


def _points(weight, method: str, params: dict) -> str:
    """What an indicator is worth, as its header says it: "15分" / "15 pts", "最多扣10分"."""
    if method == DEDUCTION:
        cap = params.get("cap")
        return _("up to −%(n)s pts") % {"n": plain(Decimal(cap))} if cap else _("deduction")
    if method == BONUS:
        cap = params.get("cap")
        return _("up to +%(n)s pts") % {"n": plain(Decimal(cap))} if cap else _("bonus")
    return _("%(n)s pts") % {"n": plain(Decimal(weight))}


def _unit(source_code: str) -> str:
    """The unit a table header prints for a source's values (个, 万美元, %, 次)."""
    source = SOURCES.get(source_code)
    if source is None:
        return ""
    with translation.override("en"):
        key = str(source.unit)
    # A count of projects reads "个" in a Chinese table header (not "项目"), "no." in English.
    if key == "projects":
        return pgettext("unit in a table header", "no.")
    if key == "of 5":
        return pgettext("unit in a table header", "of 5")
    return str(source.unit)


def _figure(value, unit: str) -> str:
    """A value as the table prints it: percentages to one decimal, other figures grouped with
    at most two decimals; no value is a dash."""
    if value is None:
        return "—"
    if unit == "%":
        return fmt_pct(value).removesuffix("%")
    return fmt_num(value)


def _score(value) -> str:
    return "—" if value is None else f"{value:,.2f}"


@dataclass
class _Indicator:
    code: str
    name: str
    weight: Decimal
    method: str
    params: dict
    unit: str
    has_target: bool


def _indicators(entries) -> list[_Indicator]:
    """The indicators of one kind's table, in order, as frozen with the entries."""
    seen: dict[str, _Indicator] = {}
    for e in entries:
        for p in e.indicators.all():
            x = p.explanation or {}
            ind = seen.get(p.code)
            if ind is None:
                ind = seen[p.code] = _Indicator(
                    p.code,
                    p.name,
                    p.scheme_weight,  # the scheme's points (`weight` is this entry's effective)
                    p.method,
                    x.get("params") or {},
                    _unit(x.get("source", "")),
                    False,
                )
            ind.has_target = ind.has_target or p.target is not None
    return list(seen.values())


def _with_unit(label: str, unit: str) -> str:
    """A value column's header, the unit on a line of its own: "完成（目标）\n（个）"."""
    return f"{label}\n" + _("(%(unit)s)") % {"unit": unit} if unit else label


def _ranking_table(report: Report, title: str, entries: list):
    """One kind's section: rank, name, each indicator's value and score, the total."""
    indicators = _indicators(entries)
    fixed = (10 + 14) * mm
    pair = min(30 * mm, (report.width - fixed - 32 * mm) / max(len(indicators), 1))
    columns = [Column(_("Rank"), 10 * mm, numeric=True), Column(_("Appraised"))]
    groups = [Group("", 1), Group("", 1)]
    for ind in indicators:
        label = _("Actual") if ind.has_target else _("Value")
        columns += [
            Column(_with_unit(label, ind.unit), pair * 0.58, numeric=True),
            Column(_("Score"), pair * 0.42, numeric=True),
        ]
        header = _("%(name)s (%(points)s)") % {
            "name": ind.name,
            "points": _points(ind.weight, ind.method, ind.params),
        }
        groups.append(Group(header, 2))
    columns.append(Column(_("Total score"), 14 * mm, numeric=True, bold=True))
    groups.append(Group("", 1))
    rows = []
    for e in entries:
        parts = {p.code: p for p in e.indicators.all()}
        row = [str(e.rank), e.label]
        for ind in indicators:
            p = parts.get(ind.code)
            if p is None:
                row += ["—", "—"]
                continue
            value = _figure(p.value, ind.unit)
            if p.target is not None:
                note = _("(%(target)s)") % {"target": _figure(p.target, ind.unit)}
                row.append(Cell(value, note))
            else:
                row.append(value)
            row.append(_score(p.score))
        row.append(_score(e.total))
        rows.append(row)
    note = _("In brackets: the target.") if any(i.has_target for i in indicators) else ""
    report.table(title, columns, rows, groups=groups, size=7.5, note=note)


def _missing_rule(params: dict) -> str:
    """What a subject without data gets, in words (weighted indicators)."""
    missing = params.get("missing", "redistribute")
    return {
        "redistribute": _("; no data: its weight goes to the subject's other indicators"),
        "full": _("; no data: full marks"),
        "average": _("; no data: the field's average"),
    }.get(missing, "")


def _rule(method: str, params: dict) -> str:
    """A method's parameters in words, as the closing page states them."""
    p = {k: plain(Decimal(str(v))) for k, v in params.items() if k in ("cap", "per_item")}
    if method == RATIO_CAP:
        cap = Decimal(params.get("cap", "1.2")) * 100
        rule = _("actual ÷ target × 100, at most %(cap)s") % {"cap": plain(cap)}
        return rule + _missing_rule(params)
    if method == EFFICACY:
        rule = _("lower is better") if params.get("lower_is_better") else _("higher is better")
        if params.get("standard") not in (None, ""):
            rule = _(
                "%(rule)s; with fewer subjects than the scheme's minimum field, or all equal: "
                "against the standard %(standard)s, at most 100"
            ) % {"rule": rule, "standard": plain(Decimal(str(params["standard"])))}
        return rule + _missing_rule(params)
    if method == TIERS:
        steps = params.get("tiers") or [[str(t), str(v)] for t, v in DEFAULT_TIERS]
        parts = [
            _("≥ %(t)s%%: %(p)s pts") % {"t": plain(Decimal(t)), "p": plain(Decimal(v))}
            for t, v in sorted(steps, key=lambda s: Decimal(s[0]), reverse=True)
        ]
        parts.append(
            _("otherwise: %(p)s pts") % {"p": plain(Decimal(params.get("otherwise", "0")))}
        )
        return _("; ").join(parts)
    if method in (BONUS, DEDUCTION):
        per = p.get("per_item", "0")
        if method == BONUS:
            rule = _("+%(n)s pts per item") % {"n": per}
        else:
            rule = _("−%(n)s pts per item") % {"n": per}
        if "cap" in p:
            rule = _("%(rule)s, at most %(cap)s pts in all") % {"rule": rule, "cap": p["cap"]}
        return rule
    return ""


def _scheme_page(report: Report, appraisal):
    """The closing page: the scheme's thresholds, and each kind's indicators with source,
    unit, method and weight, as frozen with the appraisal."""
    state = appraisal.scheme_snapshot or engine.scheme_state(appraisal.scheme)
    report.page_break()
    report.heading(_("Annex: how the scores are computed"), numbered=False)
    report.paragraph(
        _(
            "A weighted indicator adds weight × method score ÷ 100 to the total; a bonus adds "
            "its points and a deduction takes its points off, whatever the weight."
        )
    )
    if "satisfaction_threshold" in state:
        report.paragraph(
            _(
                "Warning thresholds of the scheme: an average rating below %(rating)s, an "
                "on-time rectification rate below %(rate)s%%. Commended per list: the first "
                "%(top)s."
            )
            % {
                "rating": state["satisfaction_threshold"],
                "rate": plain(Decimal(state["on_time_threshold"])),
                "top": state.get("commend_top", ""),
            }
        )
    report.space()
    columns = [
        Column(_("Indicator"), 42 * mm),
        Column(_("Data source")),
        Column(_("Unit"), 24 * mm),
        Column(_("Scoring method"), 48 * mm),
        Column(_("Points"), 20 * mm, numeric=True),
        Column(_("Rule"), 50 * mm),
    ]
    names = dict(Method.choices)
    for kind, label in SubjectKind.choices:
        rows = []
        for i in state.get("indicators", []):
            if i.get("subject_kind") != kind:
                continue
            source = SOURCES.get(i.get("source", ""))
            params = i.get("params") or {}
            rows.append(
                [
                    _in_language(i.get("name_zh_hans", ""), i.get("name_en", "")),
                    source.label if source else i.get("source", ""),
                    _unit(i.get("source", "")),
                    names.get(i.get("method"), i.get("method", "")),
                    _points(i.get("weight", "0"), i.get("method", ""), params),
                    _rule(i.get("method", ""), params),
                ]
            )
        report.table(label, columns, rows, size=7.5, level=2)


def _rewards_table(report: Report, rewards: list[dict]) -> None:
    """The introducers to be rewarded (重奖引资人): who, on what basis, the reward, how it was
    computed (one line per step) and the projects behind it."""
    columns = [
        Column(_("Rank"), 10 * mm, numeric=True),
        Column(_("Introducer"), 45 * mm),
        Column(_with_unit(_("Basis"), _("10k USD")), 30 * mm, numeric=True),
        Column(_with_unit(_("Reward"), _("10k CNY")), 24 * mm, numeric=True),
        Column(_("Computation")),
        Column(_("Projects"), 60 * mm),
    ]
    rows = [
        [
            str(r["rank"]),
            r["subject"],
            Cell(plain(Decimal(str(r["basis_usd_10k"]))), r["basis"]),
            Cell(plain(Decimal(str(r["amount_cny_10k"]))), _("capped") if r["capped"] else ""),
            "\n".join(r["steps"]),
            "\n".join(r["projects"]),
        ]
        for r in rewards
    ]
    report.table(
        _("Introducers to be rewarded"),
        columns,
        rows,
        size=7.5,
        empty=_("No introducer qualifies for a reward under the scheme's rule."),
    )


def appraisal_report(appraisal, rankings: dict) -> Report:
    """The appraisal as a printed report, in the active language: the title block, one section
    per kind of subject (a column per indicator, value and score, and the total). Sections
    may be added to it (`report.table`) before `appraisal_pdf` closes it with the scheme."""
    title = report_title(appraisal)
    meta = _("Version %(v)s · %(status)s · %(date)s") % {
        "v": appraisal.version,
        "status": appraisal.get_status_display(),
        "date": _long_date(_issued_on(appraisal)),
    }
    report = Report(
        title=title,
        issuer=report_issuer(),
        meta=meta,
        footer=_("%(title)s, version %(v)s") % {"title": title, "v": appraisal.version},
    )
    if appraisal.revision_reason and appraisal.supersedes_id:
        report.paragraph(
            _("Revises version %(v)s: %(reason)s")
            % {"v": appraisal.supersedes.version, "reason": appraisal.revision_reason}
        )
    for kind, label in SubjectKind.choices:
        _ranking_table(report, label, rankings.get(kind, []))
    return report


def appraisal_pdf(appraisal, rankings: dict, rewards: list[dict] | None = None) -> bytes:
    """The appraisal report's PDF: the rankings, the introducers' rewards (the rows of
    `selectors.reward_rows`), the issuer and date under them, then the scheme on a closing
    page. A further section (a numbered heading and a table) is one `report.table` call here,
    before the signature."""
    report = appraisal_report(appraisal, rankings)
    if rewards is not None:
        _rewards_table(report, rewards)
    report.signature(report_issuer(), _long_date(_issued_on(appraisal)))
    _scheme_page(report, appraisal)
    return report.build()
