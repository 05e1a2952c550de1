# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Food-safety checks of one offer line, run when a coordinator accepts an offer.

A line is refused, with its reason kept, when
* its DLC leaves fewer than the category's minimum days at the end of the pickup window;
* its DDM is already past its grace (the shelf-life group of its category) then;
* the hub cannot store its temperature class.
"""

from dataclasses import dataclass

from odoo.addons.loco_hubs.policy import shelf_life

# Reasons, as codes: the model turns them into translated sentences.
DLC_TOO_CLOSE = "dlc_too_close"
DDM_PAST_GRACE = "ddm_past_grace"
NO_DATE = "no_date"
HUB_CANNOT_STORE = "hub_cannot_store"


@dataclass(frozen=True)
class LineFacts:
    """What the check needs to know about one line."""

    date_kind: str  # "dlc" / "ddm"
    dlc: object = None  # date
    ddm: object = None  # date
    min_days_before_dlc: int = 0
    rule: shelf_life.ShelfLifeRule = shelf_life.ShelfLifeRule()
    temperature_class: str = "ambient"


def check_line(facts, pickup_end, hub_classes):
    """Return None when the line may be accepted, else the reason code.

    ``pickup_end`` is the day the goods leave the donor at the latest; ``hub_classes``
    the temperature classes the destination hub can store.
    """
    if facts.temperature_class and facts.temperature_class not in hub_classes:
        return HUB_CANNOT_STORE
    if facts.date_kind == shelf_life.DLC:
        if not facts.dlc:
            return NO_DATE
        if not shelf_life.dlc_leaves_enough_days(facts.dlc, pickup_end, facts.min_days_before_dlc):
            return DLC_TOO_CLOSE
        return None
    if facts.date_kind == shelf_life.DDM:
        if not facts.ddm:
            return NO_DATE
        until = shelf_life.distributable_until(shelf_life.DDM, ddm=facts.ddm, rule=facts.rule)
        if shelf_life.is_expired(until, pickup_end):
            return DDM_PAST_GRACE
        return None
    return None
