# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Urgent food pushed to the associations that can use it in time: who may be
proposed a lot, and in which order.

No ORM here: the models hand over plain facts (:class:`UrgentLot`, :class:`Candidate`)
and get back the candidates in the order they are proposed the lot.
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

# associations this close to the hub (km) are as near as each other
RING_KM = 5.0


@dataclass(frozen=True)
class UrgentLot:
    """A lot to propose: the class of food it is and the last day it may be given."""

    category_id: int
    temperature_class: str
    until: date


@dataclass(frozen=True)
class Candidate:
    """An association the hub serves, as the ranking sees it."""

    partner_id: int
    # temperature classes it can store
    classes: frozenset
    # its next pickup or delivery day (None: none to come)
    next_day: date | None
    # km from the hub (None: not located)
    distance_km: float | None = None
    # {category id: quantity} it took of each category before
    taken: dict = field(default_factory=dict, hash=False, compare=False)
    beneficiaries: int = 0


def next_service_day(today, weekdays):
    """The first day from ``today`` on whose weekday (0 = Monday) is in ``weekdays``;
    ``today`` when the association comes any day (no weekday given)."""
    if not weekdays:
        return today
    for offset in range(7):
        day = today + timedelta(days=offset)
        if day.weekday() in weekdays:
            return day
    return None


def eligible(lot, candidate):
    """Whether ``candidate`` can use ``lot`` in time: it can store its class and comes
    to the hub (or is delivered) no later than the lot's last day."""
    return (
        lot.temperature_class in candidate.classes
        and candidate.next_day is not None
        and candidate.next_day <= lot.until
    )


def ring(distance_km):
    """The distance ring of a candidate: 0 within RING_KM, 1 within twice that...;
    after every located one when not located."""
    if distance_km is None or not math.isfinite(distance_km):
        return math.inf
    return int(max(distance_km, 0.0) // RING_KM)


def rank_key(lot, candidate):
    """Nearest ring first; then who took most of that kind of food before (it uses
    it); then who feeds most people; then the lowest id (ties are deterministic)."""
    return (
        ring(candidate.distance_km),
        -candidate.taken.get(lot.category_id, 0.0),
        -candidate.beneficiaries,
        candidate.partner_id,
    )


def rank(lot, candidates, excluded=frozenset()):
    """The candidates ``lot`` may be proposed to, best first; those of ``excluded``
    (partner ids: already proposed it) are left out."""
    return sorted(
        (c for c in candidates if c.partner_id not in excluded and eligible(lot, c)),
        key=lambda candidate: rank_key(lot, candidate),
    )
