# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""What an association's volunteer may do to an order from the portal (plain Python).

The portal reads orders as the superuser once it has checked the volunteer may see
them; what the volunteer may *do* is decided here, on the volunteer, never on the
superuser record."""

CANCEL = "cancel"
RECEIVE = "receive"
ACTIONS = (CANCEL, RECEIVE)

# why the portal refuses
NOT_MEMBER = "not_member"  # logged out with a link, or another association's user
HUB_PREPARING = "hub_preparing"  # confirmed or ready: only the hub cancels it now
NOT_DELIVERY = "not_delivery"
NOT_READY = "not_ready"
FINISHED = "finished"  # done: cancelling is no longer possible


def refusal(action, state, delivery_method, member):
    """None when the volunteer may do ``action`` on an order in ``state``, else the
    reason's code. A repeated action (cancel a cancelled order, receive a done one)
    is allowed: the order's own action then does nothing."""
    if action not in ACTIONS:
        raise ValueError(action)
    if not member:
        return NOT_MEMBER
    if action == CANCEL:
        if state in ("confirmed", "ready"):
            return HUB_PREPARING
        if state == "done":
            return FINISHED
        return None
    if state == "done":
        return None
    if delivery_method != "delivery":
        return NOT_DELIVERY
    if state != "ready":
        return NOT_READY
    return None
