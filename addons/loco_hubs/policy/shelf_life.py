# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Shelf-life policy: how long a lot of food may be distributed, and how fresh it is.

AFSCA distinguishes two kinds of date:

* DLC ("à consommer jusqu'au", use-by): the food is never distributed after that day.
* DDM ("à consommer de préférence avant", best-before): the food may still be
  distributed after that day, within the grace of its shelf-life group (very long,
  long, limited, short). A group with a hard limit is refused once past its DDM.

Days are compared as calendar days: a lot is still distributable on the day of its
date, and expired from the next day on.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

DLC = "dlc"
DDM = "ddm"

FRESH = "fresh"
URGENT = "urgent"
EXPIRED = "expired"


@dataclass(frozen=True)
class ShelfLifeRule:
    """What a shelf-life group allows after its DDM."""

    grace_days: int = 0
    hard_limit: bool = False

    def __post_init__(self):
        if self.grace_days < 0:
            raise ValueError("grace_days must not be negative")
        if self.hard_limit and self.grace_days:
            raise ValueError("a hard-limit group has no grace after its DDM")

    @property
    def effective_grace(self):
        return 0 if self.hard_limit else self.grace_days


def distributable_until(date_kind, dlc=None, ddm=None, rule=None):
    """Last moment the lot may be distributed (same type as the date given), or None.

    For a DLC lot it is the DLC. For a DDM lot it is the DDM plus the grace of its
    shelf-life group; a DDM lot without DDM falls back on the DLC (the hard end).
    """
    if date_kind == DLC:
        return dlc or None
    if date_kind == DDM:
        if ddm:
            return ddm + timedelta(days=(rule or ShelfLifeRule()).effective_grace)
        return dlc or None
    return None


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value


def days_left(until, today):
    """Whole days from ``today`` to ``until`` (0 on the day itself, negative after)."""
    return (_as_date(until) - _as_date(today)).days


def freshness(until, today, urgent_days):
    """fresh / urgent / expired for a lot distributable until ``until``.

    Expired from the day after ``until``; urgent when at most ``urgent_days`` days
    remain (the day itself included); fresh otherwise, or when the lot has no date.
    """
    if not until:
        return FRESH
    left = days_left(until, today)
    if left < 0:
        return EXPIRED
    if left <= max(urgent_days or 0, 0):
        return URGENT
    return FRESH


def is_expired(until, today):
    return bool(until) and days_left(until, today) < 0


def storable_classes(chilled, frozen):
    """Temperature classes a place with (or without) a fridge and a freezer can keep."""
    return {"ambient"} | ({"chilled"} if chilled else set()) | ({"frozen"} if frozen else set())


def dlc_leaves_enough_days(dlc, at, min_days):
    """A DLC is acceptable at ``at`` when at least ``min_days`` days remain then."""
    return days_left(dlc, at) >= min_days


__all__ = [
    "DDM",
    "DLC",
    "EXPIRED",
    "FRESH",
    "URGENT",
    "ShelfLifeRule",
    "days_left",
    "distributable_until",
    "dlc_leaves_enough_days",
    "freshness",
    "is_expired",
    "storable_classes",
]
