# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Hours of a round's day: minutes after local midnight, and the naive UTC datetimes
Odoo stores."""

from datetime import timedelta

import pytz

from odoo.addons.loco_hubs.tools.dates import loco_tz, utc_start_of


def minutes_of(env, day, moment):
    """Minutes from local midnight starting ``day`` to ``moment`` (naive UTC)."""
    return int((moment - utc_start_of(env, day)).total_seconds() // 60)


def clock(env, moment):
    """'14:05', the local hour of a naive UTC datetime."""
    return pytz.utc.localize(moment).astimezone(loco_tz(env)).strftime("%H:%M")


def moment_of(env, day, minutes):
    """Naive UTC datetime ``minutes`` after local midnight starting ``day``."""
    return utc_start_of(env, day) + timedelta(minutes=minutes)


def clock_of_minutes(minutes):
    """'14:05' for 845 minutes after midnight (the next day shows as 24:xx+)."""
    minutes = int(minutes)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
