# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The periods of the donors' summary VAT documents (document récapitulatif): a
calendar month, quarter or year."""

from datetime import date, timedelta

MONTH = "month"
QUARTER = "quarter"
YEAR = "year"


def bounds(kind, day):
    """(first day, last day) of the ``kind`` period that holds ``day``."""
    if kind == YEAR:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if kind == QUARTER:
        first_month = 3 * ((day.month - 1) // 3) + 1
    elif kind == MONTH:
        first_month = day.month
    else:
        raise ValueError(kind)
    first = date(day.year, first_month, 1)
    months = 3 if kind == QUARTER else 1
    following = date(
        first.year + (first.month + months - 1) // 12, (first.month + months - 1) % 12 + 1, 1
    )
    return first, following - timedelta(days=1)


def previous(kind, day):
    """(first day, last day) of the ``kind`` period before the one that holds ``day``."""
    first, _last = bounds(kind, day)
    return bounds(kind, first - timedelta(days=1))
