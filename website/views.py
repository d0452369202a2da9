from django.shortcuts import render
from django.utils.translation import get_language

from stats.bulletin import period_span
from stats.selectors import city_figure, latest_published


def home(request):
    """The public home page, with the city's key figures from the last published snapshot
    (drafts are never shown to the public)."""
    snapshot = latest_published()
    figure = city_figure(snapshot)
    figures = None
    if figure:
        figures = [
            {"key": m, "value": figure.value(m, "ytd"), "yoy": figure.yoy_pct(m)}
            for m in (
                "new_fie_count",
                "total_investment_cny_10k",
                "contracted_fdi_usd_10k",
                "utilized_fdi_usd_10k",
            )
        ]
    span = period_span(snapshot.year, snapshot.month, get_language()) if snapshot else ""
    return render(
        request, "website/home.html", {"snapshot": snapshot, "figures": figures, "span": span}
    )
