"""Every message loco_fleet shows to a person, in one place.

Each helper takes an ``env`` so the text is translated in the user's language
(``env._`` is picked up by Odoo's translation export).
"""

from .policy import routing


def _clock(minutes):
    """'14:05' for 845 minutes after midnight (the next day shows as 24:xx+)."""
    minutes = int(minutes)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _class_label(env, temperature_class):
    labels = {
        routing.AMBIENT: env._("ambient"),
        routing.CHILLED: env._("chilled"),
        routing.FROZEN: env._("frozen"),
    }
    return labels.get(temperature_class, temperature_class)


def problem(env, item):
    """One broken rule of a route (a ``routing.Problem``), as a sentence."""
    values = item.values
    if item.code == routing.OVERWEIGHT:
        return env._(
            "%(load)s kg on board, the vehicle carries %(capacity)s kg at most.",
            load=round(values["load"] / routing.WEIGHT_UNITS_PER_KG, 1),
            capacity=round(values["capacity"] / routing.WEIGHT_UNITS_PER_KG, 1),
        )
    if item.code == routing.OVERVOLUME:
        return env._(
            "%(load)s m³ on board, the vehicle holds %(capacity)s m³ at most.",
            load=round(values["load"] / routing.VOLUME_UNITS_PER_M3, 2),
            capacity=round(values["capacity"] / routing.VOLUME_UNITS_PER_M3, 2),
        )
    if item.code == routing.COLD_CHAIN:
        return env._(
            "Cold chain: %(goods)s goods cannot travel in a vehicle for %(vehicle)s goods.",
            goods=_class_label(env, values["goods"]),
            vehicle=_class_label(env, values["vehicle"]),
        )
    if item.code == routing.LATE:
        return env._(
            "Reached at %(arrival)s, after its time window closes (%(end)s).",
            arrival=_clock(values["arrival"]),
            end=_clock(values["end"]),
        )
    if item.code == routing.RETURN_LATE:
        return env._(
            "Back at the hub at %(back)s, later than %(end)s.",
            back=_clock(values["back"]),
            end=_clock(values["end"]),
        )
    if item.code == routing.NO_LOCATION:
        return env._(
            "The address has no coordinates: set its latitude and longitude (or geolocate it)."
        )
    return env._("No vehicle has room or time left for this stop.")


def problems(env, items):
    return " ".join(problem(env, item) for item in items)


def stop_line(env, sequence, name, text):
    return env._(
        "Stop %(sequence)s – %(name)s: %(problem)s", sequence=sequence, name=name, problem=text
    )


def round_line(env, text):
    return env._("Round: %(problem)s", problem=text)


def cannot_plan(env, round_name, lines):
    return env._(
        "Round %(round)s cannot be planned:\n%(problems)s",
        round=round_name,
        problems="\n".join(lines),
    )


def no_stops(env, round_name):
    return env._("Round %(round)s has no stops: add pickups or deliveries first.", round=round_name)


def no_vehicle(env, round_name):
    return env._("Round %(round)s has no vehicle.", round=round_name)


def no_driver(env, round_name):
    return env._("Round %(round)s has no driver.", round=round_name)


def no_payload(env, vehicle):
    return env._(
        "Vehicle %(vehicle)s has no payload: set the maximum weight of its category.",
        vehicle=vehicle,
    )


def hub_not_located(env, hub):
    return env._(
        "Hub %(hub)s has no coordinates: set the latitude and longitude of its address.",
        hub=hub,
    )


def vehicle_booked(env, vehicle, day, other):
    return env._(
        "Vehicle %(vehicle)s is already on round %(round)s on %(date)s.",
        vehicle=vehicle,
        date=day,
        round=other,
    )


def wrong_state(env, name, action, state):
    return env._(
        "Round %(round)s cannot be %(action)s: it is %(state)s.",
        round=name,
        action=action,
        state=state,
    )


def action_label(env, action):
    return {
        "optimize": env._("optimised"),
        "plan": env._("planned"),
        "start": env._("started"),
        "done": env._("closed"),
        "cancel": env._("cancelled"),
        "draft": env._("set back to draft"),
        "delete": env._("deleted"),
        "edit": env._("changed"),
        "collect": env._("collected"),
    }[action]


def busy(env, names):
    return env._(
        "%(rounds)s is being changed by someone else right now: try again in a moment.",
        rounds=names,
    )


def not_allowed(env):
    return env._("Only LOCO coordinators can plan, change or cancel rounds.")


def not_your_round(env, round_name):
    return env._(
        "Round %(round)s is not yours: only its driver or a coordinator can run it.",
        round=round_name,
    )


def driver_fields_only(env, fields):
    return env._(
        "Drivers can only record the odometer, temperatures and who received the goods "
        "(not: %(fields)s).",
        fields=fields,
    )


def stop_wrong_kind(env):
    return env._("A stop is either a pickup (an offer) or a delivery (an order), not both.")


def stop_offer_not_collectable(env, offer):
    return env._(
        "Offer %(offer)s cannot be collected: it must be accepted, collected by LOCO and "
        "not already on another round.",
        offer=offer,
    )


def stop_order_not_deliverable(env, order):
    return env._(
        "Order %(order)s cannot be delivered: it must be confirmed, for delivery, and not "
        "already on another round.",
        order=order,
    )


def stop_other_hub(env, document, hub):
    return env._(
        "%(document)s belongs to another hub than the round's (%(hub)s).",
        document=document,
        hub=hub,
    )


def stop_already_planned(env, document, other):
    return env._("%(document)s is already on round %(round)s.", document=document, round=other)


def stop_not_open(env, stop):
    return env._("Stop %(stop)s is already closed.", stop=stop)


def stop_round_not_started(env, round_name):
    return env._(
        "Round %(round)s has not started: press Start before recording its stops.",
        round=round_name,
    )


def temperature_required(env, stop):
    return env._(
        "Stop %(stop)s carries chilled or frozen food: record the temperature reading.",
        stop=stop,
    )


def temperature_absurd(env, value):
    return env._(
        "%(value)s °C is not a plausible temperature reading (between -40 and 40 °C).",
        value=value,
    )


def temperature_breach(env, stop, value, limit):
    return env._(
        "Cold chain broken at %(stop)s: %(value)s °C read, %(limit)s °C at most. Check the "
        "goods before they are stored or given.",
        stop=stop,
        value=value,
        limit=limit,
    )


def contact_required(env, stop):
    return env._(
        "Stop %(stop)s: write the name of the person who gave or received the goods.", stop=stop
    )


def failure_reason_required(env, stop):
    return env._("Stop %(stop)s: say why it failed.", stop=stop)


def stops_still_open(env, round_name, names):
    return env._(
        "Round %(round)s still has open stops: %(stops)s. Mark each one done or failed.",
        round=round_name,
        stops=names,
    )


def odometer_required(env, round_name):
    return env._("Round %(round)s: record the odometer at the end of the round.", round=round_name)


def odometer_backwards(env, start, end):
    return env._(
        "The odometer cannot go backwards: %(end)s km at the end, %(start)s km at the start.",
        start=start,
        end=end,
    )


def odometer_absurd(env, km):
    return env._("%(km)s km in one round is not plausible: check the odometer.", km=km)


def cannot_cancel_started(env, round_name):
    return env._(
        "Round %(round)s cannot be cancelled: stops were already done. Close it instead.",
        round=round_name,
    )


def optimised(env, distance, source):
    return env._(
        "Stops ordered by the optimiser: %(km)s km (%(method)s).", km=distance, method=source
    )


def source_label(env, source):
    return {
        "osrm": env._("road distances from OSRM"),
        "haversine": env._("straight lines × road factor"),
    }[source]


def osrm_fallback(env, reason):
    return env._(
        "The routing server did not answer (%(reason)s): distances are estimated from "
        "straight lines.",
        reason=reason,
    )


def left_out(env, names):
    return env._("Could not be planned: %(stops)s.", stops=names)


def planner_nothing(env):
    return env._("There is nothing to collect or deliver from this hub on that day.")


def planner_no_vehicle(env):
    return env._("Choose at least one vehicle for the rounds.")


def planner_date_past(env):
    return env._("Rounds are planned for today or later.")


def planner_built(env, count, hub, day):
    return env._(
        "%(count)s round(s) built for %(hub)s on %(date)s.", count=count, hub=hub, date=day
    )


def pickup_done_note(env, round_name, contact):
    return env._(
        "Collected on round %(round)s, given by %(contact)s.", round=round_name, contact=contact
    )


def delivery_done_note(env, round_name, contact):
    return env._(
        "Delivered on round %(round)s, received by %(contact)s.", round=round_name, contact=contact
    )


def stop_failed_note(env, round_name, reason):
    return env._(
        "Not done on round %(round)s: %(reason)s. It can go on another round.",
        round=round_name,
        reason=reason,
    )


def negative_setting(env, label):
    return env._("%(setting)s cannot be negative or zero.", setting=label)


def road_factor_too_small(env):
    return env._("The road factor is at least 1 (roads are never shorter than straight lines).")


def negative_vehicle_value(env, vehicle):
    return env._("Vehicle %(vehicle)s: the cost per km cannot be negative.", vehicle=vehicle)


def bad_hours(env, record):
    return env._(
        "%(record)s: the hours must be between 00:00 and 24:00, the start before the end.",
        record=record,
    )


def window_reversed(env, stop):
    return env._("Stop %(stop)s: its time window ends before it starts.", stop=stop)


def date_past(env):
    return env._("A round cannot be planned for a day already past.")


def not_a_hub(env, warehouse):
    return env._("Warehouse %(warehouse)s is not a LOCO hub.", warehouse=warehouse)


def window_label(env, window, planned):
    return env._("%(window)s (planned %(planned)s)", window=window, planned=planned)
