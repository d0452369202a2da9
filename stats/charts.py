"""Server-rendered bar charts (SVG in the templates): no JavaScript library, no CDN."""

from decimal import Decimal


def bars(items: list[tuple[str, Decimal]], *, limit: int = 12) -> list[dict]:
    """[(label, value)] → [{label, value, pct}] with pct of the largest, largest first."""
    items = sorted(items, key=lambda kv: kv[1], reverse=True)[:limit]
    top = max((v for _label, v in items), default=0) or 1
    return [{"label": label, "value": v, "pct": float(100 * v / top)} for label, v in items]


CHART_HEIGHT = 160  # px of the tallest bar; the baseline is at y = 175


def paired_months(this_year: list[Decimal], last_year: list[Decimal]) -> list[dict]:
    """Twelve months of two years side by side: values, bar heights and tops in SVG units."""
    top = max([*this_year, *last_year, Decimal(0)]) or 1
    rows = []
    for i in range(12):
        this_h = round(float(CHART_HEIGHT * this_year[i] / top), 1)
        last_h = round(float(CHART_HEIGHT * last_year[i] / top), 1)
        rows.append(
            {
                "month": i + 1,
                "x": i * 40,
                "this": this_year[i],
                "last": last_year[i],
                "this_h": this_h,
                "this_y": 175 - this_h,
                "last_h": last_h,
                "last_y": 175 - last_h,
            }
        )
    return rows
