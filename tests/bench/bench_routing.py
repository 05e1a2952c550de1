"""Benchmark of the round optimiser (run with `make bench`, prints a table).

A day of a busy hub: 60 stops around Charleroi (pickups and deliveries, ambient,
chilled and frozen goods, 2 to 4 hour windows, 10 minutes per stop) for 4 vehicles of
different payload, volume and cold class. Solved with the time limit a coordinator's
click gets, then with a 10× longer run, and compared with the stops driven in the
order given (shared out in turn between the vehicles)."""

import random
import time

from tablefmt import table  # tests/bench is on sys.path (pytest rootdir import)

from odoo.addons.loco_fleet.policy import routing
from odoo.addons.loco_fleet.tests.test_routing_policy import unoptimised_distance
from odoo.addons.loco_fleet.tools import distance
from odoo.addons.loco_fleet.tools.settings import DEFAULTS

SEEDS = (1, 2, 3)
STOPS = 60
HUB = (50.406, 4.398)


def instance(seed):
    """A feasible day by construction: each vehicle gets 15 stops, visited in
    nearest-neighbour order from the hub; each stop's window (2 to 4 hours) contains
    the time that plan reaches it, loads fit the vehicle all along it, and cold goods
    ride in a vehicle cold enough. The optimiser must find at least as good."""
    rnd = random.Random(seed)
    fleet = [
        routing.Vehicle("truck", 3500, 20, routing.FROZEN, 7 * 60, 19 * 60),
        routing.Vehicle("van 1", 2000, 12, routing.CHILLED, 7 * 60, 19 * 60),
        routing.Vehicle("van 2", 2000, 12, routing.CHILLED, 7 * 60, 19 * 60),
        routing.Vehicle("van 3", 1500, 10, routing.AMBIENT, 7 * 60, 19 * 60),
    ]
    points = [HUB] + [
        (50.25 + rnd.random() * 0.35, 4.10 + rnd.random() * 0.80) for _ in range(STOPS)
    ]
    matrix = distance.haversine_matrix(points, road_factor=1.3, speed_kmh=40)
    positions = list(range(STOPS))
    rnd.shuffle(positions)
    share = STOPS // len(fleet)
    stops = [None] * STOPS
    for index, vehicle in enumerate(fleet):
        mine = positions[index * share : (index + 1) * share]
        order, here = [], 0
        while mine:  # nearest neighbour from the hub
            nearest = min(mine, key=lambda p, here=here: matrix.distance[here][p + 1])
            order.append(nearest)
            mine.remove(nearest)
            here = nearest + 1
        kinds = [routing.PICKUP if rnd.random() < 0.4 else routing.DELIVERY for _ in order]
        weights = [rnd.randint(40, 250) for _ in order]
        # loads fit: the deliveries and the pickups of a route stay within the payload
        scale = min(1.0, 0.9 * vehicle.payload / max(sum(weights), 1))
        weights = [max(int(w * scale), 5) for w in weights]
        classes = [
            rnd.choice(
                [
                    c
                    for c in (routing.AMBIENT, routing.CHILLED, routing.FROZEN)
                    if routing.can_carry(vehicle.cold, c)
                ]
            )
            for _ in order
        ]
        time, here = vehicle.start, 0
        for position, kind, weight, cold in zip(order, kinds, weights, classes, strict=True):
            time += matrix.duration[here][position + 1]
            opens = max(vehicle.start, time - rnd.randint(0, 90))
            stops[position] = routing.Stop(
                position,
                kind,
                weight=weight,
                volume=weight / 400,
                cold=cold,
                window=(opens, opens + rnd.choice([120, 180, 240])),
                service=10,
            )
            time = max(time, opens) + 10
            here = position + 1
    return matrix, stops, fleet


def solve(matrix, stops, fleet, limit):
    start = time.perf_counter()
    solution = routing.solve(matrix, stops, fleet, time_limit=limit)
    elapsed = time.perf_counter() - start
    for vehicle in fleet:
        assert routing.evaluate(matrix, stops, vehicle, solution.routes[vehicle.key]).feasible
    return solution, elapsed


def test_bench_routing():
    limit = routing.time_limit(STOPS, DEFAULTS["time_limit"])
    rows = []
    for seed in SEEDS:
        matrix, stops, fleet = instance(seed)
        default, seconds = solve(matrix, stops, fleet, limit)
        longer, long_seconds = solve(matrix, stops, fleet, 10 * limit)
        given = unoptimised_distance(matrix, stops, fleet)
        rows.append(
            (
                seed,
                len(stops),
                len(fleet),
                f"{seconds:.1f}",
                f"{default.distance / 1000:.1f}",
                len(default.dropped),
                f"{long_seconds:.1f}",
                f"{longer.distance / 1000:.1f}",
                f"{100 * (default.distance - longer.distance) / longer.distance:+.1f} %",
                f"{given / 1000:.1f}",
                f"{100 * (given - default.distance) / given:.0f} %",
            )
        )
    table(
        f"Round optimiser: {STOPS} stops, 4 vehicles (default limit {limit:g} s, long run ×10)",
        [
            "seed",
            "stops",
            "vehicles",
            "default s",
            "default km",
            "left out",
            "long s",
            "long km",
            "default vs long",
            "given order km",
            "saved",
        ],
        rows,
    )
