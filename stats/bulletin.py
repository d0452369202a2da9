"""The monthly bulletin as an official document (通报), in Chinese or English: a title naming the
city and the period, the city's figures, the province's and the nation's of the same period,
the comparison in percentage points, notes, and the issuer and date at the foot.

The period is stated once, in the title and the first sentence; every other sentence is of the
same period (同期). A reference figure of an earlier period (the province publishes a month
later) or cumulative figures as of another date are stale: they are left out of the text, never
printed with a note, and `stale_references` lists them so the bulletin page warns staff before
they publish. Terms follow docs/terminology.md; enterprises are counted in 家. Chinese numbers
are written as MOFCOM writes them (35202家, 1189.99亿美元: no separators), English ones grouped
(35,202); every percentage has one decimal, and the percentage points are the difference of the
printed percentages, so a reader's own subtraction agrees."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from config.numbers import round_half_up

from .models import ReferenceFigure, ReferenceScope, SnapshotStatus, StatsFigure, StatsSnapshot

YI = Decimal("10000")  # 1 亿 = 10,000 万


def _num(value) -> str:
    """A figure as the seed writes it: whole numbers without separators, else trimmed."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}"


def _pct(value) -> str:
    """A growth rate as printed: one decimal, half up, without its sign (增长/下降 says it)."""
    return f"{round_half_up(Decimal(value), 1).copy_abs():f}"


def _one(value) -> Decimal | None:
    return None if value is None else round_half_up(Decimal(value), 1)


def _growth_zh(pct) -> str:
    pct = _one(pct)
    if pct is None:
        return ""
    if pct > 0:
        return f"，同比增长{_pct(pct)}%"
    if pct < 0:
        return f"，同比下降{_pct(pct)}%"
    return "，与上年同期持平"


def _growth_en(pct) -> str:
    pct = _one(pct)
    if pct is None:
        return ""
    if pct > 0:
        return f", up {_pct(pct)}% year on year"
    if pct < 0:
        return f", down {_pct(pct)}% year on year"
    return ", unchanged year on year"


def _usd_zh(value_10k) -> str:
    value = Decimal(value_10k)
    if value >= 1_000_000:  # 100 亿 and more read better in 亿
        return f"{round_half_up(value / YI, 2)}亿美元"
    return f"{_num(value)}万美元"


def _money_en(value_10k, currency: str) -> str:
    """10k units as millions or billions: 224779万元 → 2,247.79 million yuan."""
    millions = Decimal(value_10k) / 100
    if millions >= 10_000:  # from ten billion on, billions read better (exact to 1 million)
        text = f"{round_half_up(millions / 1000, 3):,} billion"
    else:
        text = f"{round_half_up(millions, 2):,} million"
    return f"US${text}" if currency == "USD" else f"{text} yuan"


def _span_zh(year: int, month: int) -> str:
    return f"{year}年1月" if month == 1 else f"{year}年1—{month}月"


MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _span_en(year: int, month: int) -> str:
    return f"In {period_span(year, month, 'en')}"


def period_span(year: int, month: int, lang: str) -> str:
    """January to `month` of `year`, as a heading: 2026年1—10月 / January–October 2026."""
    if lang == "en":
        months = MONTHS_EN[0] if month == 1 else f"January–{MONTHS_EN[month - 1]}"
        return f"{months} {year}"
    return f"{year}年1月" if month == 1 else f"{year}年1—{month}月"


def domestic_sentence(figure: StatsFigure, year: int, month: int, lang: str) -> str:
    """到位省外资金: one sentence once the city records domestic capital from outside the
    province (some arrived up to the period's end); '' before, so a city that does not yet
    record it prints no zero."""
    if not figure.domestic_capital_cny_10k_cumulative:
        return ""
    value = figure.domestic_capital_cny_10k_ytd
    growth = figure.yoy_pct("domestic_capital_cny_10k")
    if lang == "en":
        return (
            f" Domestic capital from outside the province in place was "
            f"{_money_en(value, 'CNY')}{_growth_en(growth)}."
        )
    return f"到位省外资金{_num(value)}万元{_growth_zh(growth)}。"


def city_paragraph(figure: StatsFigure, year: int, month: int, lang: str) -> str:
    """The city's sentence, opening with the period (the only place the body names it)."""
    n = figure.new_fie_count_ytd
    ti, cf, uf = (
        figure.total_investment_cny_10k_ytd,
        figure.contracted_fdi_usd_10k_ytd,
        figure.utilized_fdi_usd_10k_ytd,
    )
    g = {
        m: figure.yoy_pct(m)
        for m in ("total_investment_cny_10k", "contracted_fdi_usd_10k", "utilized_fdi_usd_10k")
    }
    if lang == "en":
        were = "enterprise was" if n == 1 else "enterprises were"
        return (
            f"{_span_en(year, month)}, {n:,} new foreign-invested {were} established in the "
            f"city, with total investment of {_money_en(ti, 'CNY')}"
            f"{_growth_en(g['total_investment_cny_10k'])}; contracted foreign capital was "
            f"{_money_en(cf, 'USD')}{_growth_en(g['contracted_fdi_usd_10k'])}; utilized foreign "
            f"capital was {_money_en(uf, 'USD')}{_growth_en(g['utilized_fdi_usd_10k'])}."
        ) + domestic_sentence(figure, year, month, lang)
    return (
        f"{_span_zh(year, month)}，全市新设立外商投资企业{n}家，总投资{_num(ti)}万元"
        f"{_growth_zh(g['total_investment_cny_10k'])}；合同外资{_num(cf)}万美元"
        f"{_growth_zh(g['contracted_fdi_usd_10k'])}；实际使用外资{_num(uf)}万美元"
        f"{_growth_zh(g['utilized_fdi_usd_10k'])}。"
    ) + domestic_sentence(figure, year, month, lang)


# --- the province and the nation -------------------------------------------------------------


def _cumulative_current(ref: ReferenceFigure) -> bool:
    """Cumulative figures belong in the bulletin only as of the end of its own period."""
    as_of = ref.cumulative_as_of
    return as_of is not None and (as_of.year, as_of.month) == (ref.year, ref.month)


def _has_cumulative(ref: ReferenceFigure) -> bool:
    return bool(ref.cumulative_as_of and ref.cumulative_fie_count)


def reference_paragraph(ref: ReferenceFigure, lang: str, *, first: bool = True) -> str:
    """The province's or the nation's figures of the bulletin's own period (同期: the period is
    not named again); their cumulative figures when they are as of the period's end. `first`:
    the first reference sentence opens with 同期 / "In the same period"."""
    province = ref.scope == ReferenceScope.PROVINCE
    cumulative = _has_cumulative(ref) and _cumulative_current(ref)
    if lang == "en":
        n = ref.new_fie_count
        were = "enterprise was" if n == 1 else "enterprises were"
        where = "in the province" if province else "nationwide"
        if first:
            lead = f"In the same period, {n:,} new foreign-invested {were} established {where}"
        else:
            lead = f"Nationwide, {n:,} new foreign-invested {were} established"
        text = (
            f"{lead}{_growth_en(ref.new_fie_count_yoy_pct)}; contracted foreign capital was "
            f"{_money_en(ref.contracted_fdi_usd_10k, 'USD')}"
            f"{_growth_en(ref.contracted_fdi_yoy_pct)}; utilized foreign capital was "
            f"{_money_en(ref.utilized_fdi_usd_10k, 'USD')}{_growth_en(ref.utilized_fdi_yoy_pct)}."
        )
        if cumulative:
            as_of = ref.cumulative_as_of
            text += (
                f" By the end of {MONTHS_EN[as_of.month - 1]} {as_of.year}, "
                f"{ref.cumulative_fie_count:,} foreign-invested enterprises had been "
                f"established {where} in total, with contracted foreign capital of "
                f"{_money_en(ref.cumulative_contracted_fdi_usd_10k or 0, 'USD')} and utilized "
                f"foreign capital of {_money_en(ref.cumulative_utilized_fdi_usd_10k or 0, 'USD')}."
            )
        return text
    who = "全省" if province else "全国"
    text = (
        f"{'同期，' if first else ''}{who}新设立外商投资企业{ref.new_fie_count}家"
        f"{_growth_zh(ref.new_fie_count_yoy_pct)}；合同外资{_usd_zh(ref.contracted_fdi_usd_10k)}"
        f"{_growth_zh(ref.contracted_fdi_yoy_pct)}；实际使用外资"
        f"{_usd_zh(ref.utilized_fdi_usd_10k)}{_growth_zh(ref.utilized_fdi_yoy_pct)}。"
    )
    if cumulative:
        as_of = ref.cumulative_as_of
        text += (
            f"截至{as_of.year}年{as_of.month}月底，{who}累计设立外商投资企业"
            f"{ref.cumulative_fie_count}家，累计合同外资"
            f"{_usd_zh(ref.cumulative_contracted_fdi_usd_10k or 0)}，累计实际使用外资"
            f"{_usd_zh(ref.cumulative_utilized_fdi_usd_10k or 0)}。"
        )
    return text


COMPARED = (
    # (the city's metric, the reference's stated growth, Chinese, English)
    ("contracted_fdi_usd_10k", "contracted_fdi_yoy_pct", "合同外资", "contracted foreign capital"),
    ("utilized_fdi_usd_10k", "utilized_fdi_yoy_pct", "实际使用外资", "utilized foreign capital"),
)


def _against_zh(city: Decimal, ref: Decimal, who: str) -> str:
    points = city - ref
    if points > 0:
        return f"高于{who}平均水平{points:f}个百分点"
    if points < 0:
        return f"低于{who}平均水平{(-points):f}个百分点"
    return f"与{who}平均水平持平"


def _against_en(city: Decimal, ref: Decimal, who: str) -> str:
    points = city - ref
    if points == 0:
        return f"level with the {who} average"
    side = "above" if points > 0 else "below"
    unit = "percentage point" if abs(points) == 1 else "percentage points"
    return f"{abs(points):f} {unit} {side} the {who} average"


def comparison_paragraph(figure: StatsFigure, refs: list[ReferenceFigure], lang: str) -> str:
    """我市合同外资同比增长37.5%，低于全省平均水平38.6个百分点，…: the city's growth against the
    province's and the nation's stated growth of the same period, in percentage points of the
    printed (one-decimal) rates. A metric without the city's growth (no base last year) or
    without any reference growth is left out; '' when nothing compares."""
    clauses = []
    for metric, ref_field, zh, en in COMPARED:
        mine = _one(figure.yoy_pct(metric))
        against = [
            (ref.scope, _one(getattr(ref, ref_field)))
            for ref in refs
            if getattr(ref, ref_field) is not None
        ]
        if mine is None or not against:
            continue
        if lang == "en":
            verb = (
                f"grew {mine:f}%"
                if mine > 0
                else f"fell {(-mine):f}%"
                if mine < 0
                else "was unchanged"
            )
            parts = [
                _against_en(mine, value, "provincial" if scope == "province" else "national")
                for scope, value in against
            ]
            clauses.append(f"{en} {verb} year on year, " + " and ".join(parts))
        else:
            verb = (
                f"同比增长{mine:f}%"
                if mine > 0
                else f"同比下降{(-mine):f}%"
                if mine < 0
                else "与上年同期持平"
            )
            parts = [
                _against_zh(mine, value, "全省" if scope == "province" else "全国")
                for scope, value in against
            ]
            clauses.append(f"{zh}{verb}，" + "，".join(parts))
    if not clauses:
        return ""
    if lang == "en":
        return "The city's " + "; its ".join(clauses) + "."
    return "我市" + "；".join(clauses) + "。"


# --- what is current and what is stale ------------------------------------------------------


@dataclass(frozen=True)
class StaleReference:
    """A reference figure the bulletin leaves out: which (scope, `cumulative` or not) and its
    own date (the period it covers, or the day its cumulative figures are as of)."""

    scope: str  # ReferenceScope
    cumulative: bool
    year: int
    month: int
    as_of: dt.date | None = None

    def message(self, snapshot: StatsSnapshot) -> str:
        """What the bulletin page tells staff, in the active language."""
        lang = translation.get_language() or "zh-hans"
        who = ReferenceScope(self.scope).label
        ours = period_span(snapshot.year, snapshot.month, lang)
        if self.cumulative:
            return _(
                "%(scope)s cumulative figures are as of %(date)s, not the end of this "
                "bulletin's period (%(period)s): left out of the bulletin."
            ) % {"scope": who, "date": date_format(self.as_of, "DATE_FORMAT"), "period": ours}
        return _(
            "%(scope)s figures are for %(theirs)s, older than this bulletin's period "
            "(%(period)s): left out of the bulletin and its comparison. Enter the figures for "
            "%(period)s before publishing."
        ) % {"scope": who, "theirs": period_span(self.year, self.month, lang), "period": ours}


def references(snapshot: StatsSnapshot) -> tuple[list[ReferenceFigure], list[StaleReference]]:
    """The province's and the nation's figures for the bulletin: those of its own period
    (province first), and the stale ones it leaves out (the latest entered of the same year
    when it is of an earlier month; cumulative figures as of another month's end)."""
    current, stale = [], []
    for scope in (ReferenceScope.PROVINCE, ReferenceScope.NATION):
        ref = (
            ReferenceFigure.objects.filter(
                scope=scope, year=snapshot.year, month__lte=snapshot.month
            )
            .order_by("-month")
            .first()
        )
        if ref is None:
            continue
        if ref.month < snapshot.month:
            stale.append(StaleReference(scope, False, ref.year, ref.month))
            continue
        current.append(ref)
        if _has_cumulative(ref) and not _cumulative_current(ref):
            stale.append(StaleReference(scope, True, ref.year, ref.month, ref.cumulative_as_of))
    return current, stale


def stale_references(snapshot: StatsSnapshot) -> list[StaleReference]:
    return references(snapshot)[1]


# --- the document -----------------------------------------------------------------------------


def bulletin_title(snapshot: StatsSnapshot, lang: str) -> str:
    """示范市2026年1—11月利用外资情况通报 / Utilization of Foreign Investment in Demo City,
    January–November 2026 (without the city's name before the city is set up)."""
    from config.i18n import localized
    from reference.selectors import the_city

    with translation.override(lang):
        city = the_city()
        name = (localized(city, "name") or city.name) if city else ""
    span = period_span(snapshot.year, snapshot.month, lang)
    if lang == "en":
        where = f" in {name}" if name else ""
        return f"Utilization of Foreign Investment{where}, {span}"
    return f"{name}{span}利用外资情况通报"


def opening_note() -> str:
    """The line a bulletin and the statistics page carry when last year's span is the opening
    figures (engine.opening_base), in the active language."""
    return _("Growth against the figures published before the portal.")


@dataclass
class Bulletin:
    """One bulletin in one language: what the page, the PDF, the xlsx and the API print."""

    lang: str
    period: str
    title: str
    paragraphs: list[str]
    notes: list[str]
    issuer: str
    date: dt.date
    date_text: str
    draft: bool
    references: list[ReferenceFigure] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The paragraphs and the notes, one a line (`bulletin_text`)."""
        return "\n".join(self.paragraphs + self.notes)

    @property
    def text(self) -> str:
        """The whole document as plain text: title, body, issuer and date."""
        return "\n".join([self.title, "", self.body, "", self.issuer, self.date_text])


def bulletin_date(snapshot: StatsSnapshot) -> dt.date:
    """The day the bulletin is issued: the day its figures were published, or today for a
    draft (Asia/Shanghai)."""
    if snapshot.status != SnapshotStatus.DRAFT and snapshot.published_at:
        return timezone.localdate(snapshot.published_at)
    return timezone.localdate()


def build_bulletin(snapshot: StatsSnapshot, lang: str) -> Bulletin:
    """The bulletin of the snapshot's period in `lang` ("en" or Chinese): the city's sentence,
    the province's and the nation's of the same period, the comparison, the notes (注：)."""
    from reference.selectors import bureau_name

    from .selectors import city_figure, growth_basis

    lang = "en" if lang == "en" else "zh-hans"
    city = city_figure(snapshot)
    refs, _stale = references(snapshot)
    paragraphs, notes = [], []
    if city is not None:
        paragraphs.append(city_paragraph(city, snapshot.year, snapshot.month, lang))
    for i, ref in enumerate(refs):
        paragraphs.append(reference_paragraph(ref, lang, first=i == 0))
    if city is not None and refs:
        comparison = comparison_paragraph(city, refs, lang)
        if comparison:
            paragraphs.append(comparison)
    with translation.override(lang):
        note_head = _("Note: ")
        basis = growth_basis(snapshot, city, ("city", "")) if city else None
        if basis:
            notes.append(note_head + basis)
        if city is not None and city.base_from_opening:
            notes.append(note_head + opening_note())
        day = bulletin_date(snapshot)
        return Bulletin(
            lang=lang,
            period=snapshot.period,
            title=bulletin_title(snapshot, lang),
            paragraphs=paragraphs,
            notes=notes,
            issuer=bureau_name(),
            date=day,
            date_text=date_format(day, "DOCUMENT_DATE_FORMAT"),
            draft=snapshot.status == SnapshotStatus.DRAFT,
            references=refs,
        )


def bulletin_text(snapshot: StatsSnapshot, lang: str) -> str:
    """The bulletin's body (paragraphs and notes, one a line) in `lang`."""
    return build_bulletin(snapshot, lang).body
