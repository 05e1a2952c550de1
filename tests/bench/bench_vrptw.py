"""LOCO's round optimiser against the best open solvers on published VRPTW instances
(run with `make bench`, prints a table; the instances and the sources of their
best-known values are in vrptw/README.md).

For each instance, with the fleet of its best-known plan (distance-minimising) and the
time limit a coordinator's click gets (``routing.time_limit``), side by side in one
run: LOCO's optimiser (``routing.solve``: VROOM's plan improved by PyVRP's iterated
local search, in LOCO's model), the OR-Tools model LOCO used before
(``engine=ortools``), PyVRP 0.14 as a routing engineer would call it on the plain
instance, and VROOM 1.15 (pyvroom, its deepest search, both cores). Every plan is
driven again by ``routing.evaluate``: only its feasible routes count as served.
``BENCH_VRPTW=quick`` keeps one instance a size.
"""

import os
import statistics
import time
import warnings
from datetime import timedelta

from tablefmt import table
from vrptw_data import TRUNCATED, best_known

from odoo.addons.loco_fleet.policy import routing
from odoo.addons.loco_fleet.tools.settings import DEFAULTS

SOLVERS = ("LOCO", "LOCO OR-Tools (before)", "PyVRP", "VROOM")


def loco(problem, limit):
    matrix, stops, fleet = problem
    solution = routing.solve(matrix, stops, fleet, time_limit=limit)
    return [solution.routes[v.key] for v in fleet]


def loco_ortools(problem, limit):
    matrix, stops, fleet = problem
    solution = routing.solve(matrix, stops, fleet, time_limit=limit, engine=routing.ENGINE_ORTOOLS)
    return [solution.routes[v.key] for v in fleet]


def plain_pyvrp(problem, limit):
    """PyVRP on the instance itself: every client required, one vehicle type."""
    import numpy  # noqa: PLC0415
    import pyvrp  # noqa: PLC0415
    from pyvrp.exceptions import PenaltyBoundWarning  # noqa: PLC0415
    from pyvrp.stop import MaxRuntime  # noqa: PLC0415

    matrix, stops, fleet = problem
    van = fleet[0]
    clients = [
        pyvrp.Client(
            i,
            delivery=[routing.weight_units(stop.weight)],
            service_duration=stop.service_s,
            tw_early=stop.window_s[0],
            tw_late=stop.window_s[1],
        )
        for i, stop in enumerate(stops, 1)
    ]
    data = pyvrp.ProblemData(
        [pyvrp.Location(0, 0) for _ in range(len(stops) + 1)],
        clients,
        [pyvrp.Depot(0, tw_early=van.start_s, tw_late=van.end_s)],
        [
            pyvrp.VehicleType(
                len(fleet), [van.weight_capacity], tw_early=van.start_s, tw_late=van.end_s
            )
        ],
        [numpy.array(matrix.metres, dtype=numpy.int64)],
        [numpy.array(matrix.travel, dtype=numpy.int64)],
    )
    with warnings.catch_warnings():  # its penalties at their bound: said by the table
        warnings.simplefilter("ignore", PenaltyBoundWarning)
        result = pyvrp.solve(data, MaxRuntime(limit), seed=0, collect_stats=False)
    return [[a.idx for a in route if a.is_client()] for route in result.best.routes()]


def vroom(problem, limit):
    """VROOM on the instance: distances as its costs, second-level durations."""
    import vroom as pyvroom  # noqa: PLC0415

    matrix, stops, fleet = problem
    problem_instance = pyvroom.Input()
    problem_instance.set_durations_matrix("car", matrix.travel)
    problem_instance.set_distances_matrix("car", matrix.metres)
    problem_instance.set_costs_matrix("car", matrix.metres)
    for k, van in enumerate(fleet):
        problem_instance.add_vehicle(
            pyvroom.Vehicle(
                k,
                start=0,
                end=0,
                capacity=[van.weight_capacity],
                time_window=pyvroom.TimeWindow(van.start_s, van.end_s),
            )
        )
    for i, stop in enumerate(stops, 1):
        problem_instance.add_job(
            pyvroom.Job(
                i,
                location=i,
                default_service=stop.service_s,
                delivery=[routing.weight_units(stop.weight)],
                time_windows=[pyvroom.TimeWindow(*stop.window_s)],
            )
        )
    solution = problem_instance.solve(
        exploration_level=5, nb_threads=2, timeout=timedelta(seconds=limit)
    )
    frame = solution.routes
    routes = []
    for k in range(len(fleet)):
        jobs = frame[(frame.vehicle_id == k) & (frame.type == "job")]
        routes.append([int(job) - 1 for job in jobs.id])
    return routes


RUNNERS = dict(zip(SOLVERS, (loco, loco_ortools, plain_pyvrp, vroom), strict=True))


def measure(best, solver, problem, limit):
    """(served, vehicles used, length in units, gap %, seconds) of one solver."""
    instance = best.read()
    matrix, stops, fleet = problem
    start = time.perf_counter()
    routes = RUNNERS[solver](problem, limit)
    seconds = time.perf_counter() - start
    feasible = [
        route
        for vehicle, route in zip(fleet, routes, strict=False)
        if route and routing.evaluate(matrix, stops, vehicle, route).feasible
    ]
    served = sum(len(route) for route in feasible)
    length = instance.length([[p + 1 for p in route] for route in feasible], best.precision)
    if best.precision == TRUNCATED:
        length = round(length, 1)  # a sum of tenths, without float noise
    gap = 100 * (length - best.distance) / best.distance
    return served, len(feasible), length, gap, seconds


def chosen():
    values = best_known()
    if os.environ.get("BENCH_VRPTW") == "quick":
        seen, quick = set(), []
        for best in values:
            if best.customers not in seen:
                seen.add(best.customers)
                quick.append(best)
        return quick
    return values


def test_bench_vrptw():
    rows, gaps, missed = [], {}, {}
    for best in chosen():
        instance = best.read()
        limit = routing.time_limit(instance.size, DEFAULTS["time_limit"])
        problem = instance.loco(best.vehicles)
        for solver in SOLVERS:
            served, used, length, gap, seconds = measure(best, solver, problem, limit)
            full = served == instance.size
            gaps.setdefault((best.customers, solver), []).append(gap if full else None)
            missed[best.customers, solver] = missed.get((best.customers, solver), 0) + (
                instance.size - served
            )
            rows.append(
                (
                    best.instance,
                    best.customers,
                    solver,
                    f"{limit:g}",
                    f"{served}/{instance.size}",
                    f"{used}/{best.vehicles}",
                    f"{length:.1f}",
                    f"{best.distance:g}" + ("" if best.precision == TRUNCATED else "*"),
                    f"{gap:+.2f} %" if full else "(stops left)",
                    f"{seconds:.1f}",
                )
            )
    table(
        "VRPTW instances, fleet of the best-known plan (* best known of the hierarchical "
        "objective, exact lengths)",
        [
            "instance",
            "n",
            "solver",
            "limit s",
            "served",
            "vehicles",
            "distance",
            "best known",
            "gap",
            "seconds",
        ],
        rows,
    )
    summary = []
    for (size, solver), values in sorted(gaps.items(), key=lambda item: item[0]):
        complete = [v for v in values if v is not None]
        summary.append(
            (
                size,
                solver,
                len(values),
                f"{statistics.mean(complete):+.2f} %" if complete else "-",
                f"{max(complete):+.2f} %" if complete else "-",
                missed[size, solver],
            )
        )
    table(
        "Mean gap to best known per size (instances where every stop is served)",
        ["n", "solver", "instances", "mean gap", "worst gap", "stops left out"],
        summary,
    )
