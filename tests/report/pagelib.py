# pagelib.py: helpers for the report tests' Python checks (tests/report/
# page.t, totals.t), apart from the code under test.
import html
from decimal import Decimal, ROUND_HALF_UP
import re


def human(x):
    """Money as the page reads it: £ with k, m or bn and one decimal,
    rounded half up, from an exact Decimal (a rounding up to 1000 of a unit
    reads as the next unit); under £1,000 pounds and pence."""
    neg, x = x < 0, abs(Decimal(x))
    units = ((10**3, "k"), (10**6, "m"), (10**9, "bn"))
    s = f"{x:.2f}"
    for k, (div, unit) in enumerate(units):
        if x >= div and (k == 2 or x < units[k + 1][0]):
            q = (x / div).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            if q >= 1000 and k < 2:
                q = (x / units[k + 1][0]).quantize(Decimal("0.1"),
                                                   rounding=ROUND_HALF_UP)
                unit = units[k + 1][1]
            s = f"{q}{unit}"
    return ("-" if neg else "") + "£" + s


def text(page):
    """The page as a reader sees it: tags stripped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", page))
