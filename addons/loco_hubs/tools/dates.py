# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Calendar days of LOCO's hubs and the naive UTC datetimes Odoo stores."""

from datetime import datetime, time, timedelta

import pytz

DEFAULT_TZ = "Europe/Brussels"


def loco_tz(env):
    """The time zone of the company at work (its partner's), Belgium's by default:
    a hub's day does not depend on where the person clicking is."""
    return pytz.timezone(env.company.sudo().partner_id.tz or DEFAULT_TZ)


def loco_today(env):
    """Today in the company's time zone."""
    return datetime.now(pytz.utc).astimezone(loco_tz(env)).date()


def local_date(env, value):
    """Calendar day, in the company's time zone, of a naive UTC datetime."""
    return pytz.utc.localize(value).astimezone(loco_tz(env)).date()


def utc_start_of(env, day):
    """Naive UTC datetime of local midnight starting ``day``."""
    local = loco_tz(env).localize(datetime.combine(day, time.min))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def utc_end_of(env, day):
    """Naive UTC datetime of the last second of ``day`` in the company's time zone."""
    return utc_start_of(env, day + timedelta(days=1)) - timedelta(seconds=1)
