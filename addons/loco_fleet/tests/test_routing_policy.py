# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The optimiser against the exact optimum (brute force), and its rules kept."""

import itertools
import random
from unittest.mock import patch

from odoo.tests import BaseCase, tagged

from odoo.addons.loco_fleet.policy import routing
from odoo.addons.loco_fleet.policy.routing import DELIVERY, PICKUP, Stop, Vehicle
from odoo.addons.loco_fleet.tools import distance

HUB = (50.406, 4.398)  # Charleroi


def random_instance(seed, size, vehicles=1):
    """Stops around Charleroi: pickups and deliveries, some chilled or frozen, with
    time windows; vehicles whose payload and cold class sometimes bind."""
    rnd = random.Random(seed)
    points = [HUB] + [
        (50.30 + rnd.random() * 0.40, 4.10 + rnd.random() * 0.70) for _ in range(size)
    ]
    matrix = distance.haversine_matrix(points, road_factor=1.3, speed_kmh=40)
    stops = []
    for key in range(size):
        opens = rnd.randint(7 * 60, 12 * 60)
        stops.append(
            Stop(
                key,
                rnd.choice([PICKUP, DELIVERY]),
                weight=rnd.randint(50, 300),
                cold=rnd.choice(
                    [routing.AMBIENT, routing.AMBIENT, routing.CHILLED, routing.FROZEN]
                ),
                window=(opens, opens + rnd.randint(120, 360)),
                service=10,
            )
        )
    fleet = [
        Vehicle(
            f"v{index}",
            payload=rnd.choice([800, 1000, 1200]),
            cold=rnd.choice([routing.CHILLED, routing.FROZEN]),
            start=7 * 60,
            end=19 * 60,
        )
        for index in range(vehicles)
    ]
    return matrix, stops, fleet


def best_route(matrix, stops, vehicle, subset):
    """Shortest feasible order of ``subset`` for ``vehicle`` (None when none is)."""
    best = None
    for order in itertools.permutations(subset):
        report = routing.evaluate(matrix, stops, vehicle, list(order))
        if report.feasible and (best is None or report.distance < best):
            best = report.distance
    return best


def brute_force(matrix, stops, fleet):
    """(stops served, -distance) of the best assignment and orders, by enumeration."""
    cache = {}
    best = None
    for assignment in itertools.product(range(len(fleet) + 1), repeat=len(stops)):
        served, total = 0, 0
        for index, vehicle in enumerate(fleet):
            subset = tuple(i for i, a in enumerate(assignment) if a == index)
            if not subset:
                continue
            if (index, subset) not in cache:
                cache[index, subset] = best_route(matrix, stops, vehicle, subset)
            length = cache[index, subset]
            if length is None:
                break
            served += len(subset)
            total += length
        else:
            if best is None or (served, -total) > best:
                best = (served, -total)
    return best


def assert_feasible(matrix, stops, fleet, solution):
    for vehicle in fleet:
        report = routing.evaluate(matrix, stops, vehicle, solution.routes[vehicle.key])
        assert report.feasible, (vehicle, report)
    served = [p for route in solution.routes.values() for p in route]
    assert sorted(served + list(solution.dropped)) == list(range(len(stops))), (
        "every stop is served once or reported"
    )


def problems_by_key(report):
    """{stop key: its problems} of the stops a route breaks a rule at."""
    return {visit.key: visit.problems for visit in report.visits if visit.problems}


def unoptimised_distance(matrix, stops, vehicles):
    """Distance of the stops driven in the order given, shared out round-robin by
    vehicle: the baseline the optimiser is measured against."""
    total = 0
    for v, vehicle in enumerate(vehicles):
        order = list(range(v, len(stops), len(vehicles)))
        if order:
            total += routing.evaluate(matrix, stops, vehicle, order).distance
    return total


def line_matrix(*km):
    """Points on a line at these km from the hub; 1 km = 1 minute."""
    points = [0, *km]
    dist = [[abs(a - b) * 1000 for b in points] for a in points]
    time = [[abs(a - b) for b in points] for a in points]
    return routing.Matrix(dist, time)


@tagged("post_install", "-at_install")
class TestRoutingPolicy(BaseCase):
    def test_one_vehicle_finds_the_exact_optimum_of_eight_stops(self):
        for seed in range(6):
            with self.subTest(seed=seed):
                matrix, stops, fleet = random_instance(seed, 8)
                solution = routing.solve(matrix, stops, fleet, time_limit=1)
                assert_feasible(matrix, stops, fleet, solution)
                assert (len(stops) - len(solution.dropped), -solution.distance) == brute_force(
                    matrix, stops, fleet
                )

    def test_split_between_two_vehicles_is_the_exact_optimum(self):
        for seed in range(4):
            with self.subTest(seed=seed):
                matrix, stops, fleet = random_instance(100 + seed, 6, vehicles=2)
                solution = routing.solve(matrix, stops, fleet, time_limit=1)
                assert_feasible(matrix, stops, fleet, solution)
                assert (len(stops) - len(solution.dropped), -solution.distance) == brute_force(
                    matrix, stops, fleet
                )

    def test_load_changes_stop_by_stop_deliveries_leave_with_the_vehicle(self):
        matrix = line_matrix(10, 20)
        van = Vehicle("van", payload=100)
        stops = [Stop("a", DELIVERY, weight=80), Stop("b", PICKUP, weight=90)]
        report = routing.evaluate(matrix, stops, van, [0, 1])
        assert report.weight_at_start == 8000, "leaves with the 80 kg to deliver"
        assert [v.weight_after for v in report.visits] == [0, 9000]
        assert report.feasible
        # picking up first means 170 kg on board
        report = routing.evaluate(matrix, stops, van, [1, 0])
        assert [p.code for p in problems_by_key(report)["b"]] == [routing.OVERWEIGHT]
        solution = routing.solve(matrix, stops, [van], time_limit=0.5)
        assert solution.routes["van"] == [0, 1]

    def test_volume_is_checked_only_when_the_vehicle_has_one(self):
        matrix = line_matrix(5)
        stops = [Stop("a", PICKUP, weight=10, volume=2.5)]
        assert routing.evaluate(matrix, stops, Vehicle("v", 100), [0]).feasible
        report = routing.evaluate(matrix, stops, Vehicle("v", 100, volume=2), [0])
        assert [p.code for p in report.visits[0].problems] == [routing.OVERVOLUME]

    def test_cold_chain_frozen_goods_only_in_a_frozen_capable_vehicle(self):
        matrix = line_matrix(5, 6, 7)
        stops = [
            Stop("dry", DELIVERY, weight=10),
            Stop("cold", DELIVERY, weight=10, cold=routing.CHILLED),
            Stop("ice", DELIVERY, weight=10, cold=routing.FROZEN),
        ]
        ambient = Vehicle("ambient", 1000, cold=routing.AMBIENT, cost_per_km=0.1)
        chilled = Vehicle("chilled", 1000, cold=routing.CHILLED, cost_per_km=0.2)
        frozen = Vehicle("frozen", 1000, cold=routing.FROZEN, cost_per_km=0.3)
        report = routing.evaluate(matrix, stops, chilled, [0, 1, 2])
        assert list(problems_by_key(report)) == ["ice"]
        fleet = [ambient, chilled, frozen]
        solution = routing.solve(matrix, stops, fleet, time_limit=0.5)
        assert_feasible(matrix, stops, fleet, solution)
        assert 2 in solution.routes["frozen"]
        assert not solution.dropped
        solution = routing.solve(matrix, stops, [ambient, chilled], time_limit=0.5)
        assert list(solution.dropped) == [2]
        assert solution.dropped[2][0].code == routing.COLD_CHAIN

    def test_time_windows_wait_when_early_and_report_when_late(self):
        matrix = line_matrix(30, 60)
        van = Vehicle("van", 100, start=8 * 60, end=18 * 60)
        stops = [
            Stop("early", PICKUP, weight=1, window=(10 * 60, 11 * 60), service=10),
            Stop("tight", PICKUP, weight=1, window=(8 * 60, 9 * 60)),
        ]
        report = routing.evaluate(matrix, stops, van, [0, 1])
        assert report.departure == 10 * 60 - 30, "leaves just in time for the first stop"
        assert report.visits[0].start == 10 * 60
        assert problems_by_key(report)["tight"][0].code == routing.LATE
        solution = routing.solve(matrix, stops, [van], time_limit=0.5)
        assert solution.routes["van"] == [1, 0]
        assert routing.evaluate(matrix, stops, van, [1, 0]).feasible

    def test_return_after_the_end_of_the_day_is_a_problem(self):
        matrix = line_matrix(300)
        van = Vehicle("van", 100, start=8 * 60, end=12 * 60)
        report = routing.evaluate(matrix, [Stop("far", PICKUP, weight=1)], van, [0])
        assert [p.code for p in report.problems] == [routing.RETURN_LATE]

    def test_infeasible_stops_are_reported_with_their_reason_never_dropped_silently(self):
        matrix = line_matrix(5, 6, 7, 8)
        van = Vehicle("van", payload=100)
        stops = [
            Stop("heavy", PICKUP, weight=150),
            Stop("nowhere", PICKUP, weight=1, located=False),
            Stop("a", DELIVERY, weight=60),
            Stop("b", DELIVERY, weight=60),
        ]
        solution = routing.solve(matrix, stops, [van], time_limit=0.5)
        assert solution.dropped[0][0].code == routing.OVERWEIGHT
        assert solution.dropped[1][0].code == routing.NO_LOCATION
        # a and b each fit alone, not together: one is left out for lack of room
        assert len(solution.routes["van"]) == 1
        left = (set(solution.dropped) - {0, 1}).pop()
        assert solution.dropped[left][0].code == routing.NO_ROOM
        assert_feasible(matrix, stops, [van], solution)

    def test_nothing_to_do_and_no_vehicle(self):
        matrix = line_matrix()
        assert routing.solve(matrix, [], [Vehicle("v", 10)]).status == "empty"
        matrix = line_matrix(5)
        solution = routing.solve(matrix, [Stop("a", PICKUP, weight=1)], [])
        assert solution.status == "infeasible"
        assert solution.dropped[0][0].code == routing.NO_ROOM

    def test_optimised_beats_the_given_order(self):
        matrix, stops, fleet = random_instance(7, 12)
        fleet = [Vehicle("big", payload=10000, cold=routing.FROZEN, start=0, end=2000)]
        stops = [Stop(s.key, s.kind, weight=s.weight, cold=s.cold) for s in stops]
        solution = routing.solve(matrix, stops, fleet, time_limit=1)
        assert not solution.dropped
        assert solution.distance < unoptimised_distance(matrix, stops, fleet)

    def test_strictest_class_and_carrying(self):
        assert routing.strictest([]) == routing.AMBIENT
        assert routing.strictest([None, routing.CHILLED, routing.AMBIENT]) == routing.CHILLED
        assert routing.strictest([routing.CHILLED, routing.FROZEN]) == routing.FROZEN
        assert routing.can_carry(routing.FROZEN, routing.CHILLED)
        assert not routing.can_carry(routing.AMBIENT, routing.CHILLED)


@tagged("post_install", "-at_install")
class TestSolveIsTotal(BaseCase):
    """No exception escapes ``solve()``: any input ends in routes and in stops reported
    with their reason."""

    def test_windows_and_days_past_the_horizon(self):
        matrix = line_matrix(30, 40)
        night = Vehicle("night", payload=100, start=2800, end=3400)
        stops = [
            Stop("late", PICKUP, weight=5, window=(3000, 3100)),
            Stop("later", DELIVERY, weight=5, window=(3100, 3300)),
        ]
        solution = routing.solve(matrix, stops, [night], time_limit=0.5)
        assert solution.status == "solved"
        assert not solution.dropped
        assert_feasible(matrix, stops, [night], solution)
        # the same stops for a day van: both reported late, nothing raised
        day = Vehicle("day", payload=100, start=7 * 60, end=18 * 60)
        solution = routing.solve(matrix, stops, [day], time_limit=0.5)
        assert {p[0].code for p in solution.dropped.values()} == {routing.RETURN_LATE}

    def test_absurd_vehicles_serve_no_one_and_say_why(self):
        matrix = line_matrix(5, 6)
        stops = [Stop("a", PICKUP, weight=10), Stop("b", DELIVERY, weight=10)]
        for fleet, code in (
            ([Vehicle("none", payload=0)], routing.OVERWEIGHT),
            ([Vehicle("negative", payload=-50)], routing.OVERWEIGHT),
            ([Vehicle("reversed", payload=100, start=900, end=400)], routing.RETURN_LATE),
            ([Vehicle("nan", payload=float("nan"))], None),
        ):
            solution = routing.solve(matrix, stops, fleet, time_limit=0.3)
            if code:
                assert set(solution.dropped) == {0, 1}, fleet
                assert {p[0].code for p in solution.dropped.values()} == {code}, fleet
            assert_feasible(matrix, stops, fleet, solution)
        # a usable van next to an absurd one takes every stop
        fleet = [Vehicle("reversed", payload=100, start=900, end=400), Vehicle("van", 100)]
        solution = routing.solve(matrix, stops, fleet, time_limit=0.3)
        assert not solution.dropped and solution.routes["reversed"] == []
        assert sorted(solution.routes["van"]) == [0, 1]

    def test_absurd_stops_are_reported_not_raised(self):
        matrix = line_matrix(5, 6, 7, 8, 9)
        van = Vehicle("van", payload=100)
        stops = [
            Stop("closed", PICKUP, weight=1, window=(700, 600)),
            Stop("gone", PICKUP, weight=1, window=(0, 10)),
            Stop("heavy", PICKUP, weight=float("inf")),
            Stop("negative", PICKUP, weight=-5, service=-30),
            Stop("fine", DELIVERY, weight=3, window=(-60, 24 * 60)),
        ]
        solution = routing.solve(matrix, stops, [van], time_limit=0.5)
        assert solution.dropped[0][0].code == routing.NO_TIME
        assert solution.dropped[1][0].code == routing.LATE
        assert solution.dropped[2][0].code == routing.OVERWEIGHT
        assert set(solution.routes["van"]) == {3, 4}
        assert_feasible(matrix, stops, [van], solution)

    def test_absurd_costs_and_distances_are_weighed_not_raised(self):
        """Costs per km of NaN, infinity or a million euros, and a road of 10¹⁵ m, give
        routes (the cheapest engine still serves all it can), never an overflow."""
        matrix = line_matrix(5, 6)
        far = routing.Matrix(
            [[0, 10**15, 6000], [10**15, 0, 1000], [6000, 1000, 0]],
            [[0, 5, 6], [5, 0, 1], [6, 1, 0]],
        )
        stops = [Stop("a", PICKUP, weight=10), Stop("b", DELIVERY, weight=10)]
        for cost in (float("nan"), float("inf"), -3.0, 1e6, 1e300):
            fleet = [Vehicle("odd", 100, cost_per_km=cost), Vehicle("van", 100)]
            for table in (matrix, far):
                with self.subTest(cost=cost, far=table is far):
                    solution = routing.solve(table, stops, fleet, time_limit=0.3)
                    assert not solution.dropped
                    assert_feasible(table, stops, fleet, solution)


EXACT_CASES = [(seed, 7, 1) for seed in (20, 21, 22)] + [(seed, 6, 2) for seed in (120, 121)]


@tagged("post_install", "-at_install")
class TestEveryEnginePath(BaseCase):
    """Each way ``solve()`` can find its routes reaches the exact optimum of small
    instances (pickups and deliveries, cold classes, windows, binding payloads):
    VROOM's plan improved by PyVRP (the default), PyVRP alone when VROOM gives no
    start, and OR-Tools routing, the fallback."""

    def assert_exact(self, engine=routing.ENGINE_HYBRID):
        for seed, size, vehicles in EXACT_CASES:
            with self.subTest(seed=seed, engine=engine):
                matrix, stops, fleet = random_instance(seed, size, vehicles)
                solution = routing.solve(matrix, stops, fleet, time_limit=0.6, engine=engine)
                assert_feasible(matrix, stops, fleet, solution)
                assert (len(stops) - len(solution.dropped), -solution.distance) == brute_force(
                    matrix, stops, fleet
                )

    def test_vroom_then_pyvrp(self):
        self.assert_exact()

    def test_pyvrp_alone_when_vroom_gives_no_start(self):
        with patch.object(routing._HybridModel, "_vroom_start", return_value=None) as start:
            self.assert_exact()
        assert start.called

    def test_vroom_start_is_a_feasible_plan_of_the_same_model(self):
        matrix, stops, fleet = random_instance(120, 6, vehicles=2)
        model = routing._HybridModel(matrix, stops, list(range(len(stops))), fleet)
        start = model._vroom_start(0.5)
        assert start is not None and start.is_feasible()

    def test_ortools(self):
        self.assert_exact(routing.ENGINE_ORTOOLS)

    def test_a_failing_engine_hands_over_to_ortools(self):
        matrix, stops, fleet = random_instance(21, 7)
        logger = "odoo.addons.loco_fleet.policy.routing"
        with (
            patch.object(routing._HybridModel, "solve", side_effect=RuntimeError("boom")),
            self.assertLogs(logger, "ERROR") as logs,
        ):
            solution = routing.solve(matrix, stops, fleet, time_limit=0.6)
        assert "failed" in logs.output[0]
        assert_feasible(matrix, stops, fleet, solution)
        assert (len(stops) - len(solution.dropped), -solution.distance) == brute_force(
            matrix, stops, fleet
        )

    def test_a_route_that_breaks_a_rule_is_never_returned(self):
        """An engine's answer is driven again by ``evaluate``: a route it refuses (here
        170 kg for a 100 kg van) sends the instance to OR-Tools instead."""
        matrix = line_matrix(10, 20)
        van = Vehicle("van", payload=100)
        stops = [Stop("a", DELIVERY, weight=80), Stop("b", PICKUP, weight=90)]
        logger = "odoo.addons.loco_fleet.policy.routing"
        for answer in ({"van": [1, 0]}, {"van": [0, 0, 1]}, {"van": [0, 7]}):
            with (
                self.subTest(answer=answer),
                patch.object(routing._HybridModel, "solve", return_value=answer),
                self.assertLogs(logger, "ERROR"),
            ):
                solution = routing.solve(matrix, stops, [van], time_limit=0.3)
            assert solution.routes["van"] == [0, 1]

    def test_no_engine_at_all_reports_every_stop(self):
        matrix = line_matrix(10, 20)
        stops = [Stop("a", DELIVERY, weight=8), Stop("b", PICKUP, weight=9)]
        logger = "odoo.addons.loco_fleet.policy.routing"
        with (
            patch.object(routing._HybridModel, "solve", side_effect=RuntimeError("boom")),
            patch.object(routing._RoutingModel, "solve", side_effect=RuntimeError("boom")),
            self.assertLogs(logger, "ERROR"),
        ):
            solution = routing.solve(matrix, stops, [Vehicle("van", 100)], time_limit=0.3)
        assert solution.status == "infeasible"
        assert {p[0].code for p in solution.dropped.values()} == {routing.NO_ROOM}


@tagged("post_install", "-at_install")
class TestTimesToTheSecond(BaseCase):
    def test_a_drive_of_30_and_a_half_minutes_meets_a_window_closing_then(self):
        """Driving times are counted in seconds when the matrix has them (OSRM gives
        them): 30 min 30 s reaches a window that closes at 00:30:30, which whole
        minutes rounded up would call late."""
        seconds = [[0, 1830], [1830, 0]]
        matrix = routing.Matrix([[0, 25000], [25000, 0]], [[0, 31], [31, 0]], seconds=seconds)
        van = Vehicle("van", 100, start=0, end=120)
        stops = [Stop("tight", PICKUP, weight=1, window=(0, 30.5), service=1.25)]
        report = routing.evaluate(matrix, stops, van, [0])
        assert report.feasible
        assert report.visits[0].arrival == 30.5
        assert report.visits[0].departure == 31.75
        assert report.back == 62.25
        for engine in (routing.ENGINE_HYBRID, routing.ENGINE_ORTOOLS):
            solution = routing.solve(matrix, stops, [van], time_limit=0.3, engine=engine)
            assert solution.routes["van"] == [0], engine
        minutes = routing.Matrix(matrix.distance, matrix.duration)
        report = routing.evaluate(minutes, stops, van, [0])
        assert [p.code for p in report.visits[0].problems] == [routing.LATE]
        solution = routing.solve(minutes, stops, [van], time_limit=0.3)
        assert solution.dropped[0][0].code == routing.LATE

    def test_whole_minutes_stay_whole(self):
        report = routing.evaluate(
            line_matrix(30), [Stop("a", PICKUP, weight=1)], Vehicle("v", 9), [0]
        )
        assert report.visits[0].arrival == 7 * 60 + 30
        assert isinstance(report.visits[0].arrival, int)
