"""Every message loco_hubs shows to a person, in one place.

Each helper takes an ``env`` so the text is translated in the user's language
(``env._`` is picked up by Odoo's translation export).
"""


def negative_grace(env):
    return env._("The grace after the best-before date (DDM) cannot be negative.")


def hard_limit_with_grace(env, group):
    return env._(
        "The shelf-life group %(group)s is refused once past its best-before date: "
        "its grace must be 0 days.",
        group=group,
    )


def negative_category_days(env, category):
    return env._(
        "Category %(category)s: the minimum days before the use-by date and the "
        "urgent days cannot be negative.",
        category=category,
    )


def hub_without_zones(env, hub):
    return env._(
        "The LOCO hub %(hub)s must keep its ambient, chilled, frozen and quarantine "
        "locations. Restore them, or untick 'LOCO hub'.",
        hub=hub,
    )


def zone_outside_hub(env, hub, location):
    return env._(
        "Location %(location)s cannot be a zone of hub %(hub)s: it is not inside that warehouse.",
        location=location,
        hub=hub,
    )


def not_a_hub(env, warehouse):
    return env._("Warehouse %(warehouse)s is not a LOCO hub.", warehouse=warehouse)


def sweep_not_allowed(env):
    return env._("Only LOCO coordinators and the hub's manager can run the expiry sweep.")


def bad_service_area(env, token):
    return env._(
        "Service area: '%(token)s' is not a postal code (4 digits) nor a range like 1000-1299.",
        token=token,
    )


def food_product_not_tracked(env, product):
    return env._(
        "Food product %(product)s must be tracked by lots with expiration dates "
        "(its category follows the AFSCA date rules).",
        product=product,
    )


def negative_beneficiaries(env, partner):
    return env._(
        "Association %(partner)s: the number of beneficiaries cannot be negative.",
        partner=partner,
    )


def home_hub_not_a_hub(env, partner):
    return env._("Association %(partner)s: its home hub must be a LOCO hub.", partner=partner)


def sweep_activity_summary(env):
    return env._("Expired lots moved to quarantine")


def sweep_activity_note(env, picking, count):
    return env._(
        "%(count)s expired lot(s) were moved to quarantine by %(picking)s. Check "
        "them and destroy or return them.",
        count=count,
        picking=picking,
    )


def sweep_done(env, count):
    return env._("%(count)s expired lot(s) moved to quarantine.", count=count)


def sweep_nothing(env):
    return env._("No expired lot in this hub: nothing to quarantine.")


def sweep_origin(env):
    return env._("LOCO expiry sweep")


# ----------------------------------------------------------------------
# Association orders
# ----------------------------------------------------------------------


def order_wrong_state(env, order, action, state):
    return env._(
        "Order %(order)s cannot be %(action)s: it is %(state)s.",
        order=order,
        action=action,
        state=state,
    )


def order_action_label(env, action):
    return {
        "submit": env._("submitted"),
        "confirm": env._("confirmed"),
        "cancel": env._("cancelled"),
        "receive": env._("marked as received"),
        "delete": env._("deleted"),
    }[action]


def workflow_fields(env, fields):
    return env._(
        "%(fields)s change only through the document's buttons (submit, confirm, cancel...).",
        fields=fields,
    )


def order_locked(env, order):
    return env._(
        "Order %(order)s was submitted: its association, hub, products and quantities no "
        "longer change. Cancel it and order again.",
        order=order,
    )


def order_not_ready(env, order):
    return env._(
        "Order %(order)s is not ready yet: its food is still being prepared at the hub.",
        order=order,
    )


def order_picking_cancelled(env):
    return env._("Its transfer was cancelled at the hub: the order is cancelled too.")


def order_no_lines(env):
    return env._("Choose at least one product and its quantity.")


def order_not_an_association(env, partner):
    return env._("%(partner)s is not a food-aid association.", partner=partner)


def order_no_hub(env, partner):
    return env._("%(partner)s has no home hub: ask your coordinator to set it.", partner=partner)


def order_quantity_not_positive(env, product):
    return env._("The quantity of %(product)s must be more than zero.", product=product)


def order_quantity_fraction(env, product, unit):
    return env._(
        "%(product)s is given by whole %(unit)s: enter a whole number.",
        product=product,
        unit=unit,
    )


def order_quantity_absurd(env, product, limit):
    return env._(
        "%(product)s: %(limit)s is the most one order line can ask for.",
        product=product,
        limit=limit,
    )


def order_cannot_store(env, product):
    return env._(
        "%(product)s needs a fridge or a freezer your association does not have.",
        product=product,
    )


def order_not_in_catalogue(env, product):
    return env._("%(product)s is not available at your hub.", product=product)


def order_date_invalid(env):
    return env._("The requested date is not a date: use the calendar.")


def order_date_past(env):
    return env._("The requested date is already past.")


def order_reduced(env, product, asked, given):
    return env._(
        "%(product)s: only %(given)s left of the %(asked)s you asked for.",
        product=product,
        asked=asked,
        given=given,
    )


def order_capped(env, product, asked, given):
    return env._(
        "%(product)s is shared fairly between the associations of the hub: you may "
        "take %(given)s more this period (you asked %(asked)s).",
        product=product,
        asked=asked,
        given=given,
    )


def order_nothing_left(env):
    return env._("Nothing you asked for is left: the order was cancelled.")


def order_not_allowed(env):
    return env._("Only LOCO coordinators and hub staff can confirm association orders.")


def order_cannot_cancel(env, order):
    return env._(
        "Order %(order)s cannot be cancelled any more: the hub is preparing it. Call your hub.",
        order=order,
    )


def order_receipt_not_delivery(env, order):
    return env._(
        "Order %(order)s is picked up at the hub: the hub confirms it when you collect it.",
        order=order,
    )


def order_reserved_less(env, product, asked, reserved):
    return env._(
        "%(product)s: %(reserved)s reserved of %(asked)s (the rest is no longer in stock).",
        product=product,
        asked=asked,
        reserved=reserved,
    )


def scarce_floor_negative(env):
    return env._("The floor and the period of a scarce product cannot be negative.")
