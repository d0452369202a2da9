"""The monthly bulletin: the seed's section-1 paragraph in Chinese or English, followed by the
province and national reference figures when they have been entered."""

from decimal import Decimal

from django.utils import timezone

from config.numbers import round_half_up

from .models import ReferenceFigure, ReferenceScope, StatsFigure, StatsSnapshot

YI = Decimal("10000")  # 1 亿 = 10,000 万


def _num(value) -> str:
    """A figure as the seed writes it: whole numbers without separators, else trimmed."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}"


def _pct(value) -> str:
    return f"{Decimal(value).copy_abs():f}"


def _growth_zh(pct) -> str:
    if pct is None:
        return ""
    if pct > 0:
        return f"，同比增长{_pct(pct)}%"
    if pct < 0:
        return f"，同比下降{_pct(pct)}%"
    return "，与上年同期持平"


def _growth_en(pct) -> str:
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
    prefix = "今年" if year == timezone.localdate().year else f"{year}年"
    return f"{prefix}1月" if month == 1 else f"{prefix}1—{month}月"


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
    suffix = "this year" if year == timezone.localdate().year else str(year)
    if month == 1:
        return f"In January {suffix}"
    return f"In January–{MONTHS_EN[month - 1]} {suffix}"


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
        return (
            f"{_span_en(year, month)}, the city approved {n} new foreign-invested "
            f"enterprise{'s' if n != 1 else ''} with total investment of "
            f"{_money_en(ti, 'CNY')}{_growth_en(g['total_investment_cny_10k'])}; "
            f"contracted foreign capital was {_money_en(cf, 'USD')}"
            f"{_growth_en(g['contracted_fdi_usd_10k'])}; utilized foreign capital was "
            f"{_money_en(uf, 'USD')}{_growth_en(g['utilized_fdi_usd_10k'])}."
        ) + domestic_sentence(figure, year, month, lang)
    return (
        f"{_span_zh(year, month)}，全市新设立外商投资企业{n}家，总投资{_num(ti)}万元"
        f"{_growth_zh(g['total_investment_cny_10k'])}，合同外资{_num(cf)}万美元"
        f"{_growth_zh(g['contracted_fdi_usd_10k'])}，实际使用外资{_num(uf)}万美元"
        f"{_growth_zh(g['utilized_fdi_usd_10k'])}。"
    ) + domestic_sentence(figure, year, month, lang)


def _older_note(ref: ReferenceFigure, snapshot: StatsSnapshot | None, lang: str) -> str:
    """A warning when the reference figures cover fewer months than the bulletin."""
    if snapshot is None or (ref.year, ref.month) >= (snapshot.year, snapshot.month):
        return ""
    if lang == "en":
        return (
            f" (These figures are for {period_span(ref.year, ref.month, 'en')}, earlier than "
            f"this bulletin's {period_span(snapshot.year, snapshot.month, 'en')}.)"
        )
    return (
        f"（以上为{period_span(ref.year, ref.month, 'zh-hans')}数据，"
        f"早于本期{period_span(snapshot.year, snapshot.month, 'zh-hans')}。）"
    )


def reference_paragraph(
    ref: ReferenceFigure, lang: str, snapshot: StatsSnapshot | None = None
) -> str:
    """The province's or nation's figures, naming their own period (and warning when it is
    older than the bulletin's)."""
    province = ref.scope == ReferenceScope.PROVINCE
    if lang == "en":
        who = "the province" if province else "the nation"
        text = (
            f"{_span_en(ref.year, ref.month)}, {who} approved {ref.new_fie_count:,} new "
            f"foreign-invested enterprises{_growth_en(ref.new_fie_count_yoy_pct)}; contracted "
            f"foreign capital was {_money_en(ref.contracted_fdi_usd_10k, 'USD')}"
            f"{_growth_en(ref.contracted_fdi_yoy_pct)}; utilized foreign capital was "
            f"{_money_en(ref.utilized_fdi_usd_10k, 'USD')}{_growth_en(ref.utilized_fdi_yoy_pct)}."
        )
        if ref.cumulative_as_of and ref.cumulative_fie_count:
            text += (
                f" By the end of {MONTHS_EN[ref.cumulative_as_of.month - 1]} "
                f"{ref.cumulative_as_of.year}, {ref.cumulative_fie_count:,} foreign-invested "
                f"enterprises had been approved in total, with contracted foreign capital of "
                f"{_money_en(ref.cumulative_contracted_fdi_usd_10k or 0, 'USD')} and utilized "
                f"foreign capital of {_money_en(ref.cumulative_utilized_fdi_usd_10k or 0, 'USD')}."
            )
        return text + _older_note(ref, snapshot, lang)
    who = "全省" if province else "全国"
    text = (
        f"{who}{_span_zh(ref.year, ref.month)}，新设立外商投资企业{ref.new_fie_count}家"
        f"{_growth_zh(ref.new_fie_count_yoy_pct)}，合同外资{_usd_zh(ref.contracted_fdi_usd_10k)}"
        f"{_growth_zh(ref.contracted_fdi_yoy_pct)}，实际使用外资"
        f"{_usd_zh(ref.utilized_fdi_usd_10k)}{_growth_zh(ref.utilized_fdi_yoy_pct)}。"
    )
    if ref.cumulative_as_of and ref.cumulative_fie_count:
        text += (
            f"截至{ref.cumulative_as_of.year}年{ref.cumulative_as_of.month}月底，{who}累计批准"
            f"设立外商投资企业{ref.cumulative_fie_count}个，合同外资金额"
            f"{_usd_zh(ref.cumulative_contracted_fdi_usd_10k or 0)}，实际使用外资金额"
            f"{_usd_zh(ref.cumulative_utilized_fdi_usd_10k or 0)}。"
        )
    return text + _older_note(ref, snapshot, lang)


def opening_note() -> str:
    """The line a bulletin and the statistics page carry when last year's span is the opening
    figures (engine.opening_base), in the active language."""
    from django.utils.translation import gettext

    return gettext("Growth against the figures published before the portal.")


def bulletin_text(snapshot: StatsSnapshot, lang: str) -> str:
    """The bulletin for the snapshot's period; reference figures of the same year up to the
    period's month follow, province first."""
    from django.utils import translation

    from .selectors import city_figure, growth_basis

    lang = "en" if lang == "en" else "zh-hans"
    city = city_figure(snapshot)
    paragraphs = [city_paragraph(city, snapshot.year, snapshot.month, lang)]
    with translation.override(lang):
        basis = growth_basis(snapshot, city, ("city", "")) if city else None
    if basis:
        paragraphs.append(basis)
    if city is not None and city.base_from_opening:
        with translation.override(lang):
            paragraphs.append(opening_note())
    for scope in (ReferenceScope.PROVINCE, ReferenceScope.NATION):
        ref = (
            ReferenceFigure.objects.filter(
                scope=scope, year=snapshot.year, month__lte=snapshot.month
            )
            .order_by("-month")
            .first()
        )
        if ref:
            paragraphs.append(reference_paragraph(ref, lang, snapshot))
    return "\n".join(paragraphs)
