"""Every message loco_donations shows to a person, in one place.

Each helper takes an ``env`` so the text is translated in the user's language.
"""

from .policy import acceptance


def refusal_reason(env, code, line):
    """Why a line of an offer was refused, for the coordinator and the donor."""
    texts = {
        acceptance.DLC_TOO_CLOSE: env._(
            "Use-by date (DLC) %(date)s leaves fewer than %(days)s days after the pickup.",
            date=line.dlc,
            days=line.product_id.categ_id.loco_min_days_before_dlc,
        ),
        acceptance.DDM_PAST_GRACE: env._(
            "Best-before date (DDM) %(date)s is past the grace of its shelf-life group.",
            date=line.ddm,
        ),
        acceptance.NO_DATE: env._("The line has no DLC or DDM."),
        acceptance.HUB_CANNOT_STORE: env._(
            "Hub %(hub)s cannot store %(temperature)s food.",
            hub=line.offer_id.hub_id.name,
            temperature=dict(line._fields["temperature_class"]._description_selection(env)).get(
                line.temperature_class, line.temperature_class
            ),
        ),
    }
    return texts[code]


def not_a_food_product(env, product):
    return env._(
        "%(product)s is not a food product: only products of a food category (with a "
        "DLC or DDM) can be donated.",
        product=product,
    )


def quantity_not_positive(env, product):
    return env._("The quantity of %(product)s must be more than zero.", product=product)


def weight_negative(env, product):
    return env._("The weight of %(product)s cannot be negative.", product=product)


def value_negative(env, product):
    return env._("The declared value of %(product)s cannot be negative.", product=product)


def quantity_absurd(env, product, limit):
    return env._(
        "%(product)s: %(limit)s is the most one offer line can hold. Split the offer or "
        "check the quantity.",
        product=product,
        limit=limit,
    )


def missing_date(env, product, kind):
    label = env._("DLC") if kind == "dlc" else env._("DDM")
    return env._("%(product)s needs its %(kind)s.", product=product, kind=label)


def dlc_past(env, product, date):
    return env._(
        "The use-by date (DLC) of %(product)s, %(date)s, is already past.",
        product=product,
        date=date,
    )


def window_reversed(env):
    return env._("The pickup window ends before it starts.")


def window_past(env):
    return env._("The pickup window is already over.")


def no_lines(env, offer):
    return env._("Offer %(offer)s has no line to register.", offer=offer)


def no_hub(env, offer):
    return env._(
        "Offer %(offer)s has no destination hub: choose the hub that receives it.",
        offer=offer,
    )


def not_a_hub(env, warehouse):
    return env._("%(warehouse)s is not a LOCO hub.", warehouse=warehouse)


def not_a_donor(env, partner):
    return env._("%(partner)s is not a donor.", partner=partner)


def wrong_state(env, offer, action, state):
    return env._(
        "Offer %(offer)s cannot be %(action)s: it is %(state)s.",
        offer=offer,
        action=action,
        state=state,
    )


def action_label(env, action):
    return {
        "register": env._("registered"),
        "accept": env._("accepted"),
        "refuse": env._("refused"),
        "cancel": env._("cancelled"),
        "delete": env._("deleted"),
    }[action]


def donation_fields(env, fields):
    return env._(
        "%(fields)s: set by the offer's receipt and frozen when it is validated, never by hand.",
        fields=fields,
    )


def offer_frozen(env, offer, state):
    return env._(
        "Offer %(offer)s is %(state)s: only its note can still be changed.",
        offer=offer,
        state=state,
    )


def lines_frozen(env, offer, state):
    return env._(
        "Offer %(offer)s is %(state)s: its lines can no longer be added, changed or deleted.",
        offer=offer,
        state=state,
    )


def cancel_received(env, offer):
    return env._(
        "Offer %(offer)s cannot be cancelled: goods were already received. Return them "
        "with a transfer instead.",
        offer=offer,
    )


def busy(env, offer):
    return env._(
        "Offer %(offer)s is being handled by someone else right now. Try again in a moment.",
        offer=offer,
    )


def accepted_summary(env, accepted, refused):
    return env._(
        "Accepted: %(accepted)s line(s); refused: %(refused)s line(s).",
        accepted=accepted,
        refused=refused,
    )


def refused_line(env, product, reason):
    return env._("%(product)s refused: %(reason)s", product=product, reason=reason)


def all_lines_refused(env):
    return env._("Every line was refused: the offer is refused.")


def received_summary(env):
    return env._("Goods received.")


def received_difference(env, product, planned, received, uom):
    return env._(
        "%(product)s: %(received)s %(uom)s received instead of %(planned)s %(uom)s.",
        product=product,
        planned=planned,
        received=received,
        uom=uom,
    )


def nothing_arrived(env):
    return env._("The receipt was cancelled: nothing arrived.")


def export_period_reversed(env):
    return env._("The export period ends before it starts.")


def export_title(env):
    return env._("Donations")


def export_headers(env):
    return {
        "summary": env._("Summary"),
        "detail": env._("Detail"),
        "by_donor": env._("By donor"),
        "by_hub": env._("By hub"),
        "by_category": env._("By category"),
        "breakdown": env._("Breakdown"),
        "name": env._("Name"),
        "total": env._("Total"),
        "kg": env._("Kg"),
        "value": env._("Value"),
        "date": env._("Date"),
        "offer": env._("Offer"),
        "donor": env._("Donor"),
        "vat": env._("VAT number"),
        "hub": env._("Hub"),
        "product": env._("Product"),
        "category": env._("Category"),
        "lot": env._("Lot"),
        "quantity": env._("Quantity"),
        "unit": env._("Unit"),
        "unit_value": env._("Unit value"),
        "dlc": env._("DLC"),
        "ddm": env._("DDM"),
        "period": env._("Period"),
    }


def value_per_kg_negative(env):
    return env._("The donation value per kg cannot be negative.")


def export_not_allowed(env):
    return env._("Only accountants and coordinators export donations.")


def not_allowed(env):
    return env._(
        "You are not allowed to do this with donor offers: operators register them, "
        "coordinators accept, refuse or cancel them."
    )
