# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Surplus exchanged between hubs: which lot may leave, and which lots to offer.

No ORM here: the exchange model hands over plain facts and turns the codes returned
into sentences.
"""

from dataclasses import dataclass
from datetime import date, timedelta

# refusal codes of an exchange line
NO_QUANTITY = "no_quantity"
EXPIRED = "expired"
QUARANTINED = "quarantined"
WRONG_HUB = "wrong_hub"
NOT_AVAILABLE = "not_available"


def check_line(quantity, available, until, today, quarantined=False, in_hub=True):
    """The refusal code of sending ``quantity`` of a lot (``available`` of it free,
    unreserved, in the sending hub) whose food may be given until the day ``until``
    (None: no date), or None when the line may leave."""
    if not quantity or quantity <= 0:
        return NO_QUANTITY
    if not in_hub:
        return WRONG_HUB
    if quarantined:
        return QUARANTINED
    if until is not None and until < today:
        return EXPIRED
    if quantity > available:
        return NOT_AVAILABLE
    return None


def prorate(total, of_quantity, quantity):
    """The share of ``total`` (kg, value) carried by ``quantity`` of ``of_quantity``."""
    if not of_quantity or of_quantity <= 0:
        return 0.0
    return total * quantity / of_quantity


@dataclass(frozen=True)
class StockRow:
    """Free stock of one lot in the sending hub."""

    lot: object
    category: object
    quantity: float
    until: date | None
    # what the sending hub's own associations ask of that product
    own_demand: float = 0.0


def suggest(rows, wanted_categories, today, order_lead_days):
    """The lots worth offering to another hub, most urgent first: [(lot, quantity)].

    A lot is surplus when its food stops being distributable before it would be
    ordered (within ``order_lead_days``), for what the sending hub's own demand does
    not take, and only in a category the receiving hub's associations ask for
    (``wanted_categories``)."""
    horizon = today + timedelta(days=order_lead_days)
    candidates = []
    for row in rows:
        if row.until is None or row.until < today or row.until > horizon:
            continue
        if row.category not in wanted_categories:
            continue
        surplus = row.quantity - max(row.own_demand, 0.0)
        if surplus > 0:
            candidates.append((row.until, row, surplus))
    candidates.sort(key=lambda item: item[0])
    return [(row.lot, surplus) for _until, row, surplus in candidates]
