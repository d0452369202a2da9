"""Server-rendered bar charts (SVG in the templates): no JavaScript library, no CDN."""

from decimal import ROUND_CEILING, Decimal


def bars(items: list[tuple[str, Decimal]], *, limit: int = 12) -> list[dict]:
    """[(label, value)] → [{label, value, pct}] with pct of the largest, largest first."""
    items = sorted(items, key=lambda kv: kv[1], reverse=True)[:limit]
    top = max((v for _label, v in items), default=0) or 1
    return [{"label": label, "value": v, "pct": float(100 * v / top)} for label, v in items]


CHART_HEIGHT = 160  # px of the top of the value axis; the baseline is at y = 175
BASELINE = 175
AXIS_TICKS = 4  # steps of the value axis above zero (at most)


def nice_axis(top: Decimal, steps: int = AXIS_TICKS) -> tuple[Decimal, Decimal]:
    """The value axis for values up to `top`: (its maximum, its step), the step 1, 2, 2.5 or
    5 times a power of ten, so the labels read as round numbers (0, 500, 1,000, 1,500, 2,000).
    An empty chart (top 0) gets an axis of 0–1 (a chart of nothing still has a scale)."""
    top = Decimal(top)
    if top <= 0:
        return Decimal(1), Decimal("0.25")
    raw = top / steps
    power = Decimal(10) ** (raw.adjusted())
    for m in (1, 2, Decimal("2.5"), 5, 10):
        step = power * m
        if step >= raw:
            break
    n = (top / step).to_integral_value(rounding=ROUND_CEILING)
    return (step * n).normalize() + 0, step.normalize() + 0


def paired_months(this_year: list[Decimal], last_year: list[Decimal]) -> dict:
    """Twelve months of two years side by side: values, bar heights and tops in SVG units,
    against a value axis from 0 to a round maximum (`ticks`: value and y of each line)."""
    top, step = nice_axis(max([*this_year, *last_year, Decimal(0)]))
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
                "this_y": round(BASELINE - this_h, 1),
                "last_h": last_h,
                "last_y": round(BASELINE - last_h, 1),
            }
        )
    ticks = []
    value = Decimal(0)
    while value <= top:
        ticks.append({"value": value, "y": round(BASELINE - float(CHART_HEIGHT * value / top), 1)})
        value += step
    return {"rows": rows, "ticks": ticks}
