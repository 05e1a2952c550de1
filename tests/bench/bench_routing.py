"""Benchmark of the round optimiser on LOCO's own days (run with `make bench`, prints a
table).

A day of a busy hub: 60 stops around Charleroi for 4 vehicles, and the planner's
national-scale day, 120 stops for 8 vehicles (pickups and deliveries, ambient, chilled
and frozen goods, 2 to 4 hour windows, 10 minutes per stop, vehicles of different
payload, volume, cold class and cost per km). Solved by LOCO's optimiser with the time
limit a coordinator's click gets, by the OR-Tools model it used before at the same
limit, then by LOCO's optimiser with a 10× longer run, and compared with the stops
driven in the order given (shared out in turn between the vehicles)."""

import random
import time

from tablefmt import table  # tests/bench is on sys.path (pytest rootdir import)

from odoo.addons.loco_fleet.policy import routing
from odoo.addons.loco_fleet.tests.test_routing_policy import unoptimised_distance
from odoo.addons.loco_fleet.tools import distance
from odoo.addons.loco_fleet.tools.settings import DEFAULTS

SEEDS = (1, 2, 3)
DAYS = ((60, 4), (120, 8))
HUB = (50.406, 4.398)
FLEET = [
    routing.Vehicle("truck", 3500, 20, routing.FROZEN, 7 * 60, 19 * 60, cost_per_km=0.9),
    routing.Vehicle("van 1", 2000, 12, routing.CHILLED, 7 * 60, 19 * 60, cost_per_km=0.5),
    routing.Vehicle("van 2", 2000, 12, routing.CHILLED, 7 * 60, 19 * 60, cost_per_km=0.5),
    routing.Vehicle("van 3", 1500, 10, routing.AMBIENT, 7 * 60, 19 * 60, cost_per_km=0.4),
    routing.Vehicle("truck 2", 3500, 20, routing.FROZEN, 7 * 60, 19 * 60, cost_per_km=0.9),
    routing.Vehicle("van 4", 2000, 12, routing.CHILLED, 8 * 60, 18 * 60, cost_per_km=0.5),
    routing.Vehicle("van 5", 1500, 10, routing.AMBIENT, 7 * 60, 19 * 60, cost_per_km=0.4),
    routing.Vehicle("van 6", 1500, 10, routing.AMBIENT, 8 * 60, 18 * 60, cost_per_km=0.4),
]


def instance(seed, size=60, vehicles=4):
    """A feasible day by construction: each vehicle gets 15 stops, visited in
    nearest-neighbour order from the hub; each stop's window (2 to 4 hours) contains
    the time that plan reaches it, loads fit the vehicle all along it, and cold goods
    ride in a vehicle cold enough. The optimiser must find at least as good."""
    rnd = random.Random(seed)
    fleet = FLEET[:vehicles]
    points = [HUB] + [
        (50.25 + rnd.random() * 0.35, 4.10 + rnd.random() * 0.80) for _ in range(size)
    ]
    matrix = distance.haversine_matrix(points, road_factor=1.3, speed_kmh=40)
    positions = list(range(size))
    rnd.shuffle(positions)
    share = size // len(fleet)
    stops = [None] * size
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


def solve(matrix, stops, fleet, limit, engine=routing.ENGINE_HYBRID):
    start = time.perf_counter()
    solution = routing.solve(matrix, stops, fleet, time_limit=limit, engine=engine)
    elapsed = time.perf_counter() - start
    for vehicle in fleet:
        assert routing.evaluate(matrix, stops, vehicle, solution.routes[vehicle.key]).feasible
    return solution, elapsed


def cost(solution, matrix, stops, fleet):
    """What the optimiser minimises: each vehicle's km × its cost per km."""
    return sum(
        routing.evaluate(matrix, stops, v, solution.routes[v.key]).distance / 1000 * v.cost_per_km
        for v in fleet
    )


def test_bench_routing():
    rows = []
    for size, vehicles in DAYS:
        limit = routing.time_limit(size, DEFAULTS["time_limit"])
        for seed in SEEDS:
            matrix, stops, fleet = instance(seed, size, vehicles)
            default, seconds = solve(matrix, stops, fleet, limit)
            before, before_seconds = solve(matrix, stops, fleet, limit, routing.ENGINE_ORTOOLS)
            longer, long_seconds = solve(matrix, stops, fleet, 10 * limit)
            given = unoptimised_distance(matrix, stops, fleet)
            costs = [cost(s, matrix, stops, fleet) for s in (default, before, longer)]
            rows.append(
                (
                    seed,
                    size,
                    len(fleet),
                    f"{seconds:.1f}",
                    f"{default.distance / 1000:.1f}",
                    f"{costs[0]:.2f}",
                    len(default.dropped),
                    f"{before_seconds:.1f}",
                    f"{costs[1]:.2f}",
                    len(before.dropped),
                    f"{long_seconds:.1f}",
                    f"{costs[2]:.2f}",
                    f"{100 * (costs[0] - costs[2]) / costs[2]:+.2f} %",
                    f"{given / 1000:.1f}",
                    f"{100 * (given - default.distance) / given:.0f} %",
                )
            )
    table(
        "Round optimiser on LOCO's days (default limit: routing.time_limit; long run ×10)",
        [
            "seed",
            "stops",
            "vehicles",
            "LOCO s",
            "LOCO km",
            "LOCO €",
            "left out",
            "OR-Tools s",
            "OR-Tools €",
            "left out",
            "long s",
            "long €",
            "LOCO vs long",
            "given order km",
            "km saved",
        ],
        rows,
    )
