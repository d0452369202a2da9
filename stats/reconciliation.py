"""Reconciling a month's capital arrivals with an official list: the commerce ministry's FDI
system or the foreign-exchange bureau (where the official utilized-FDI figure comes from).

- `parse` reads the list (xlsx or CSV; a header row naming the columns in Chinese or English:
  enterprise name, unified social credit code, amount in 10k of the currency, currency, date).
- `match` pairs its rows with the portal's arrivals of the month: by the unified social credit
  code first (the arrival's project carries it), then by the enterprise's name with the amount
  and the date within tolerance (`RECONCILIATION_AMOUNT_TOLERANCE`, a share of the amount, at
  least 0.01; `RECONCILIATION_DATE_TOLERANCE_DAYS`). What is left is on one side only.

Nothing here writes; `stats.services` stores the lines and resolves them through the
arrivals' services."""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from config.credit_code import normalize_credit_code
from config.errors import DomainError
from projects.models import CapitalArrival

from .calculations import period_windows
from .models import LineKind, ReconciliationLine

MAX_ROWS = 20000
HUNDREDTH = Decimal("0.01")
COLUMNS = {
    "enterprise_name": ("enterprisename", "enterprise", "name", "企业名称", "企业", "名称"),
    "credit_code": (
        "unifiedsocialcreditcode",
        "creditcode",
        "uscc",
        "统一社会信用代码",
        "信用代码",
    ),
    "amount": ("amount", "金额", "到位金额", "实际到位金额", "实际使用外资"),
    "currency": ("currency", "币种", "币别"),
    "date": ("date", "日期", "到位日期", "到账日期"),
}
REQUIRED = ("enterprise_name", "amount", "date")


@dataclass
class ListRow:
    row_number: int
    enterprise_name: str
    credit_code: str
    amount: Decimal
    currency: str
    date: dt.date


def _header_key(text) -> str:
    """'金额（万美元）' → '金额'; 'Credit code' → 'creditcode'."""
    text = re.split(r"[(（]", str(text or ""))[0]
    return re.sub(r"[\s_\-]", "", text).casefold()


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _raw_rows(name: str, content: bytes) -> list[list]:
    lower = name.lower()
    if lower.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("gb18030", errors="replace")
        return list(csv.reader(io.StringIO(text)))
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:
            raise DomainError(
                _("The file is not a readable xlsx workbook."), field="file"
            ) from None
        sheet = book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    raise DomainError(_("Upload the list as an xlsx or CSV file."), field="file")


def parse(name: str, content: bytes, *, year: int, month: int) -> list[ListRow]:
    """The list's rows. Raises DomainError on `file`, naming the row and column at fault:
    a missing column, an amount that is not a positive number, a date that is not one or
    falls outside the month."""
    rows = [r for r in _raw_rows(name, content) if any(str(v or "").strip() for v in r)]
    if not rows:
        raise DomainError(_("The file has no rows."), field="file")
    if len(rows) > MAX_ROWS + 1:
        raise DomainError(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS}, field="file")
    header = [_header_key(h) for h in rows[0]]
    where = {}
    for field, names in COLUMNS.items():
        for i, h in enumerate(header):
            if h in {_header_key(n) for n in names}:
                where[field] = i
                break
    missing = [f for f in REQUIRED if f not in where]
    if missing:
        raise DomainError(
            _(
                "The first row must name the columns: enterprise name, unified social credit "
                "code, amount, currency, date (企业名称, 统一社会信用代码, 金额, 币种, 日期)."
            ),
            field="file",
        )
    start, end = period_windows(year, month)["month"]
    result = []
    for n, raw in enumerate(rows[1:], start=2):

        def cell(field, raw=raw):
            i = where.get(field)
            return raw[i] if i is not None and i < len(raw) else None

        try:
            amount = Decimal(str(cell("amount")).replace(",", "").strip())
        except (InvalidOperation, ValueError):
            amount = None
        if amount is None or not amount.is_finite() or amount <= 0:
            raise DomainError(
                _("Row %(row)s: the amount is not a positive number.") % {"row": n}, field="file"
            )
        day = _date(cell("date"))
        if day is None or not start <= day <= end:
            raise DomainError(
                _("Row %(row)s: the date is missing or not in %(period)s.")
                % {"row": n, "period": f"{year}-{month:02d}"},
                field="file",
            )
        code = normalize_credit_code(str(cell("credit_code") or ""))
        currency = str(cell("currency") or "USD").strip().upper() or "USD"
        if len(code) > 18 or not re.fullmatch(r"[A-Z]{3}", currency):
            raise DomainError(
                _("Row %(row)s: the credit code or the currency is not valid.") % {"row": n},
                field="file",
            )
        result.append(
            ListRow(
                row_number=n,
                enterprise_name=str(cell("enterprise_name") or "").strip()[:200],
                credit_code=code,
                amount=amount.quantize(HUNDREDTH),
                currency=currency,
                date=day,
            )
        )
    return result


def _name_key(text: str) -> str:
    return re.sub(r"[\s\W_]", "", text or "").casefold()


def _comparable(row: ListRow, arrival: CapitalArrival) -> Decimal | None:
    """The arrival's amount in the row's currency (its own, or its US dollars); None when
    the two cannot be compared."""
    if row.currency == arrival.currency:
        return arrival.amount
    if row.currency == "USD":
        return arrival.amount_usd_10k
    return None


def amount_close(row: ListRow, arrival: CapitalArrival) -> bool:
    value = _comparable(row, arrival)
    if value is None:
        return False
    tolerance = max(HUNDREDTH, value * Decimal(str(settings.RECONCILIATION_AMOUNT_TOLERANCE)))
    return abs(row.amount - value) <= tolerance


def date_close(row: ListRow, arrival: CapitalArrival) -> bool:
    return abs((row.date - arrival.date).days) <= settings.RECONCILIATION_DATE_TOLERANCE_DAYS


def _names(arrival: CapitalArrival) -> set[str]:
    p = arrival.project
    names = {p.name_zh_hans, p.name_en}
    if p.investor_id:
        names |= {p.investor.name_zh_hans, p.investor.name_en}
    return {_name_key(n) for n in names if n}


def match(year: int, month: int, rows: list[ListRow]) -> list[ReconciliationLine]:
    """Unsaved lines: each row matched (or paired with a differing amount) to at most one
    arrival of the month, each arrival to at most one row; the rest on one side only."""
    start, end = period_windows(year, month)["month"]
    # The list's window reaches the tolerance either side of the month.
    pad = dt.timedelta(days=settings.RECONCILIATION_DATE_TOLERANCE_DAYS)
    arrivals = {
        a.pk: a
        for a in CapitalArrival.objects.filter(
            capital_source__in=("foreign", "hmt"), date__range=(start - pad, end + pad)
        ).select_related("project", "project__investor")
    }
    in_month = {pk for pk, a in arrivals.items() if start <= a.date <= end}
    lines, left = [], []

    def closeness(row, a):
        value = _comparable(row, a)
        gap = abs(row.amount - value) if value is not None else Decimal("1e18")
        return (not amount_close(row, a), gap, abs((row.date - a.date).days), a.pk)

    def pair(row, arrival, kind):
        del arrivals[arrival.pk]
        lines.append(_line(kind, row, arrival))

    for row in rows:
        if not row.credit_code:
            left.append(row)
            continue
        found = [
            a
            for a in arrivals.values()
            if a.project.unified_credit_code == row.credit_code and date_close(row, a)
        ]
        if not found:
            left.append(row)
            continue
        best = min(found, key=lambda a, row=row: closeness(row, a))
        kind = LineKind.MATCHED if amount_close(row, best) else LineKind.AMOUNT_DIFFERS
        pair(row, best, kind)
    for row in left:
        key = _name_key(row.enterprise_name)
        found = [
            a
            for a in arrivals.values()
            if key and key in _names(a) and amount_close(row, a) and date_close(row, a)
        ]
        if found:
            pair(row, min(found, key=lambda a, row=row: closeness(row, a)), LineKind.MATCHED)
        else:
            lines.append(_line(LineKind.ONLY_LIST, row, None))
    for pk, arrival in sorted(arrivals.items()):
        if pk in in_month:
            lines.append(_line(LineKind.ONLY_PORTAL, None, arrival))
    return lines


def _line(kind: str, row: ListRow | None, arrival: CapitalArrival | None) -> ReconciliationLine:
    line = ReconciliationLine(kind=kind)
    if row is not None:
        line.row_number = row.row_number
        line.enterprise_name = row.enterprise_name
        line.credit_code = row.credit_code
        line.amount, line.currency, line.date = row.amount, row.currency, row.date
    if arrival is not None:
        line.arrival = arrival
        line.portal_amount = arrival.amount
        line.portal_currency = arrival.currency
        line.portal_date = arrival.date
        line.portal_project = arrival.project.name[:200]
    return line
