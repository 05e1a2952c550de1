# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The OSRM client against a stand-in OSRM server on 127.0.0.1 (a real socket), and
the haversine fallback when the server is down, slow or talks nonsense."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

from odoo.tests import common, tagged

from ..tools import distance
from .common import LocoFleetCase


class StandInOsrm(BaseHTTPRequestHandler):
    """Answers /table/v1/driving/lon,lat;lon,lat... like OSRM: distances are
    1.5 × the straight line, durations at 36 km/h. ``server.mode`` changes that."""

    def do_GET(self):  # noqa: N802 - http.server's name
        self.server.requests.append(self.path)
        mode = self.server.mode
        if mode == "slow":
            time.sleep(1.0)
        if mode == "error":
            self.send_response(500)
            self.end_headers()
            return
        path = self.path.split("?")[0]
        if not path.startswith("/table/v1/driving/"):
            self.send_response(404)
            self.end_headers()
            return
        coordinates = path.rsplit("/", 1)[1].split(";")
        points = [tuple(reversed([float(x) for x in pair.split(",")])) for pair in coordinates]
        metres = [[distance.haversine_m(a, b) * 1.5 for b in points] for a in points]
        body = {
            "code": "Ok",
            "distances": metres,
            "durations": [[m / 10 for m in row] for row in metres],  # 10 m/s
        }
        if mode == "garbage":
            payload = b"<html>not json</html>"
        elif mode == "short":
            body["distances"] = body["distances"][:-1]
            payload = json.dumps(body).encode()
        elif mode == "no_route":
            payload = json.dumps({"code": "NoTable", "message": "No route"}).encode()
        else:
            payload = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            # the client gave up waiting ("slow"), as the timeout test wants; left
            # alone, socketserver prints this traceback on stderr (Odoo's runner shows
            # it, pytest captures it)
            return

    def log_message(self, *args):
        pass


class UnpatchedSession(requests.Session):
    """Odoo's test cases stretch every request timeout to 10 s: this session keeps
    the client's own, to see it give up in time."""

    def send(self, request, **kwargs):
        return common._super_send(self, request, **kwargs)


@tagged("post_install", "-at_install")
class TestOsrm(LocoFleetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), StandInOsrm)
        cls.server.mode = "ok"
        cls.server.requests = []
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.url = f"http://127.0.0.1:{cls.server.server_address[1]}"
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)

    def setUp(self):
        super().setUp()
        self.server.mode = "ok"
        self.server.requests.clear()

    POINTS = [(50.4060, 4.3980), (50.4540, 3.9520), (50.4110, 4.4440)]

    def test_the_client_reads_the_table_service(self):
        distances, durations = distance.OsrmClient(self.url, timeout=2).table(self.POINTS)
        self.assertEqual(len(distances), 3)
        straight = distance.haversine_m(self.POINTS[0], self.POINTS[1])
        self.assertAlmostEqual(distances[0][1], straight * 1.5, delta=1)
        self.assertAlmostEqual(durations[0][1], straight * 0.15, delta=1)
        path = self.server.requests[0]
        self.assertIn("/table/v1/driving/4.398000,50.406000;3.952000,50.454000", path)
        self.assertIn("annotations=distance%2Cduration", path)
        matrix = distance.road_matrix(self.POINTS, osrm_url=self.url, timeout=2)
        self.assertEqual(matrix.source, distance.OSRM)
        self.assertIsNone(matrix.notice)
        self.assertEqual(matrix.duration[0][1], int(-(-straight * 0.15 // 60)), "minutes, up")
        # the optimiser and the checker count OSRM's own seconds, not the minutes
        self.assertEqual(matrix.seconds[0][1], int(-(-durations[0][1] // 1)), "seconds, up")
        self.assertEqual(matrix.travel[0][1], matrix.seconds[0][1])

    def test_down_slow_or_nonsense_falls_back_to_haversine_with_a_notice(self):
        expected = distance.haversine_matrix(self.POINTS, 1.3, 40)
        for mode, reason in [
            ("slow", "no answer within 0.3 s"),
            ("error", "500"),
            ("garbage", ""),
            ("short", "does not match"),
            ("no_route", "No route"),
        ]:
            self.server.mode = mode
            started = time.monotonic()
            matrix = distance.road_matrix(
                self.POINTS, 1.3, 40, osrm_url=self.url, timeout=0.3, session=UnpatchedSession()
            )
            self.assertLess(time.monotonic() - started, 0.9, "gives up after its timeout")
            self.assertEqual(matrix.source, distance.HAVERSINE, mode)
            self.assertEqual(matrix.distance, expected.distance, mode)
            self.assertIn(reason, matrix.notice, mode)
        closed = ThreadingHTTPServer(("127.0.0.1", 0), StandInOsrm)
        port = closed.server_address[1]
        closed.server_close()
        matrix = distance.road_matrix(self.POINTS, osrm_url=f"http://127.0.0.1:{port}", timeout=1)
        self.assertEqual(matrix.source, distance.HAVERSINE)
        self.assertTrue(matrix.notice)

    def test_a_round_uses_the_configured_server_and_says_when_it_cannot(self):
        self.env["ir.config_parameter"].sudo().set_param("loco_fleet.osrm_url", self.url)
        self.env["ir.config_parameter"].sudo().set_param("loco_fleet.osrm_timeout", "0.5")
        rnd = self.make_round([self.accepted_offer()], [self.delivery_order()])
        rnd.action_check()
        self.assertEqual(rnd.distance_source, "osrm")
        self.assertFalse(rnd.routing_notice)
        by_road = rnd.distance_km
        self.server.mode = "error"
        rnd.action_optimize()
        self.assertEqual(rnd.distance_source, "haversine")
        self.assertIn("did not answer", rnd.routing_notice)
        self.assertNotEqual(rnd.distance_km, by_road)

    def test_editing_stops_never_calls_the_road_server(self):
        """Slow outside calls happen on explicit actions (Check, Optimise, Plan, the
        planner), with their timeout, never inside create, write or unlink."""
        self.env["ir.config_parameter"].sudo().set_param("loco_fleet.osrm_url", self.url)
        self.server.mode = "slow"
        started = time.monotonic()
        rnd = self.make_round([self.accepted_offer()])
        order = self.delivery_order()
        stop = (
            self.env["loco.round.stop"]
            .with_user(self.coordinator)
            .create({"round_id": rnd.id, "order_id": order.id})
        )
        stop.sequence = 1
        stop.unlink()
        rnd.with_user(self.coordinator).departure_hour = 8.0
        self.assertEqual(self.server.requests, [])
        self.assertLess(time.monotonic() - started, 5, "no request waited for its timeout")
        self.assertEqual(rnd.distance_source, "haversine")
        self.assertIn("press Check or Optimise", rnd.routing_notice)
        self.server.mode = "ok"
        rnd.with_user(self.coordinator).action_check()
        self.assertEqual(len(self.server.requests), 1)
        self.assertEqual(rnd.distance_source, "osrm")
        self.assertFalse(rnd.routing_notice)
