# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""What a donated quantity is worth, frozen when it is received.

The donor's declared value wins; else the product's standard price times the quantity;
else the category's price per kg times the weight; else nothing.
"""

DECLARED = "declared"
STANDARD_PRICE = "standard_price"
PER_KG = "per_kg"
NONE = "none"


def donation_value(quantity, weight_kg, declared_value=None, standard_price=0.0, price_per_kg=0.0):
    """Return (value, source) for ``quantity`` units weighing ``weight_kg`` in all.

    ``declared_value`` is for the whole quantity as the donor declared it.
    """
    if quantity < 0 or weight_kg < 0:
        raise ValueError("quantities and weights cannot be negative")
    if declared_value:
        return round(declared_value, 2), DECLARED
    if standard_price:
        return round(standard_price * quantity, 2), STANDARD_PRICE
    if price_per_kg and weight_kg:
        return round(price_per_kg * weight_kg, 2), PER_KG
    return 0.0, NONE


def prorate(declared_value, planned_quantity, received_quantity):
    """A declared value for the planned quantity, scaled to what really arrived."""
    if not declared_value or not planned_quantity:
        return 0.0
    return round(declared_value * received_quantity / planned_quantity, 2)
