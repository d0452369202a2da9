from decimal import Decimal

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def cny_10k(value):
    """An amount in 万元 as a reader of the page's language says it: 4,500万元 or 1.2亿元 in
    Chinese, CNY 45 million in English."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if (get_language() or "").startswith("zh"):
        if value >= 10000:
            return f"{value / 10000:,.2f}".rstrip("0").rstrip(".") + "亿元"
        return f"{int(value):,}万元"
    return f"CNY {value / 100:,.1f}".removesuffix(".0") + " million"
