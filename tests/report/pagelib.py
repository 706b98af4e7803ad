# pagelib.py: helpers for the report tests' Python checks (tests/report/
# page.t, totals.t), apart from the code under test.
import html
import re


def human(x):
    """Money as the page reads it: £ with k, m or bn and one decimal, cut
    (not rounded), from an exact Decimal; under £1,000 pounds and pence."""
    neg, x = x < 0, abs(x)
    i = int(x)
    for div, unit in ((10**9, "bn"), (10**6, "m"), (10**3, "k")):
        if i >= div:
            s = f"{i // div}.{i * 10 // div % 10}{unit}"
            break
    else:
        s = f"{x:.2f}"
    return ("-" if neg else "") + "£" + s


def text(page):
    """The page as a reader sees it: tags stripped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", page))
