# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Distances and driving times between points (latitude, longitude), no ORM.

Without a routing server, the distance is the great-circle (haversine) distance
times a road factor (roads are not straight), and the time that distance at an
average speed. With an OSRM server, its table service gives both by road; when it is
down, slow or answers nonsense, the haversine estimate is used and a notice says so.
"""

import logging
import math

import requests

from odoo.addons.loco_hubs.tools.geo import haversine_m

from ..policy.routing import Matrix

_logger = logging.getLogger(__name__)

HAVERSINE = "haversine"
OSRM = "osrm"


class OsrmError(Exception):
    """The routing server gave no usable answer."""


def haversine_matrix(points, road_factor=1.3, speed_kmh=40.0):
    """Matrix of road-like distances (m) and driving minutes from straight lines."""
    if road_factor < 1 or speed_kmh <= 0:
        raise ValueError("the road factor is at least 1 and the speed positive")
    metres_per_minute = speed_kmh * 1000 / 60
    distance = [[0] * len(points) for _ in points]
    duration = [[0] * len(points) for _ in points]
    for i, a in enumerate(points):
        for j in range(i + 1, len(points)):
            metres = int(round(haversine_m(a, points[j]) * road_factor))
            minutes = int(math.ceil(metres / metres_per_minute))
            distance[i][j] = distance[j][i] = metres
            duration[i][j] = duration[j][i] = minutes
    return Matrix(distance, duration, HAVERSINE)


class OsrmClient:
    """The table service of an OSRM server (``/table/v1/driving``)."""

    def __init__(self, base_url, timeout=5.0, session=None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests

    def table(self, points):
        """(distances in metres, durations in seconds) between every pair of points."""
        coordinates = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in points)
        url = f"{self.base_url}/table/v1/driving/{coordinates}"
        try:
            response = self.session.get(
                url, params={"annotations": "distance,duration"}, timeout=self.timeout
            )
            response.raise_for_status()
            data = response.json()
        except requests.Timeout as error:
            raise OsrmError(f"no answer within {self.timeout:g} s") from error
        except (requests.RequestException, ValueError) as error:
            raise OsrmError(str(error)) from error
        if not isinstance(data, dict) or data.get("code") != "Ok":
            message = data.get("message") if isinstance(data, dict) else None
            raise OsrmError(message or "unexpected answer")
        distances, durations = data.get("distances"), data.get("durations")
        size = len(points)
        for table in (distances, durations):
            if (
                not isinstance(table, list)
                or len(table) != size
                or any(not isinstance(row, list) or len(row) != size for row in table)
                or any(not isinstance(value, int | float) for row in table for value in row)
            ):
                raise OsrmError("the table does not match the points (unreachable point?)")
        return distances, durations


def road_matrix(points, road_factor=1.3, speed_kmh=40.0, osrm_url=None, timeout=5.0, session=None):
    """The matrix by road from OSRM when a server is configured, else (or when it
    fails) from haversine; ``matrix.notice`` says why OSRM was not used."""
    if not osrm_url or len(points) < 2:
        return haversine_matrix(points, road_factor, speed_kmh)
    try:
        distances, durations = OsrmClient(osrm_url, timeout, session).table(points)
    except OsrmError as error:
        _logger.info("OSRM at %s failed (%s): haversine distances used", osrm_url, error)
        fallback = haversine_matrix(points, road_factor, speed_kmh)
        return Matrix(fallback.distance, fallback.duration, HAVERSINE, str(error))
    return Matrix(
        [[int(round(value)) for value in row] for row in distances],
        [[int(math.ceil(value / 60)) for value in row] for row in durations],
        OSRM,
        seconds=[[int(math.ceil(value)) for value in row] for row in durations],
    )
