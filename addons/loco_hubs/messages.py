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
    return env._("Only LOCO coordinators can run the expiry sweep.")


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
