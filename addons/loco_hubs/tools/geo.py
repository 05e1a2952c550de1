# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Distances on the Earth between (latitude, longitude) points in degrees; no ORM."""

import math

EARTH_RADIUS_M = 6371008.8


def haversine_m(a, b):
    """Great-circle distance in metres between two (lat, lon) points in degrees."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def located(partner_like):
    """(lat, lon) of a record with partner_latitude / partner_longitude, or None when
    it was never located (both zero)."""
    lat, lon = partner_like.partner_latitude, partner_like.partner_longitude
    return (lat, lon) if (lat or lon) else None
