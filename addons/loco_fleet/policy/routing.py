# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Rounds of food-aid vehicles: checking a route and optimising stop orders (no ORM).

A round leaves its hub loaded with every delivery it will make, visits its stops in
order and comes back. At a delivery the load goes down, at a pickup (a donor's goods)
it goes up. A route is feasible when, at every moment:

* the load (kg, and m³ when the vehicle's volume is known) fits the vehicle;
* the vehicle's cold class can carry the goods of every stop (chilled goods need a
  chilled or frozen vehicle, frozen goods a frozen-capable one);
* each stop is reached before the end of its time window (arriving early means
  waiting for the window to open), and the vehicle is back before its day ends.

Weights are counted in integer units of 10 g, volumes in litres and times in whole
seconds, so that the optimisers and the checker compare exactly the same numbers.
Times are given in minutes from midnight of the round's day (fractions allowed), driving
times in minutes or, when the matrix has them, seconds; distances in metres.

``solve`` orders stops (one vehicle) or splits a day's stops into rounds (several
vehicles): capacities, time windows, service times, cold chain, start and end at the
hub, each vehicle's km at its own cost. Its engine (``ENGINE_HYBRID``) asks VROOM for
a plan, then improves it with PyVRP's iterated local search for the rest of the time;
OR-Tools routing (``ENGINE_ORTOOLS``, the engine of earlier versions) is kept as the
fallback. Every answer is driven again by ``evaluate``: a route it finds infeasible is
never returned. Stops that cannot be served are reported with their reason, never silently
left out.
"""

import logging
import math
import os
import time
import warnings
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property

_logger = logging.getLogger(__name__)

AMBIENT = "ambient"
CHILLED = "chilled"
FROZEN = "frozen"
COLD_RANK = {AMBIENT: 0, CHILLED: 1, FROZEN: 2}

PICKUP = "pickup"
DELIVERY = "delivery"

# Problem codes (turned into sentences by loco.round._loco_problem_text)
OVERWEIGHT = "overweight"
OVERVOLUME = "overvolume"
COLD_CHAIN = "cold_chain"
LATE = "late"
RETURN_LATE = "return_late"
NO_LOCATION = "no_location"
NO_ROOM = "no_room"
NO_TIME = "no_time"  # its time window closes before it opens

# VROOM's plan first (a fast, good start), then PyVRP's iterated local search from
# it for the rest of the time (the default); OR-Tools routing, guided local search
ENGINE_HYBRID = "vroom_pyvrp"
ENGINE_ORTOOLS = "ortools"
# the share of the time limit VROOM may take (it usually stops well before)
VROOM_SHARE = 0.3

WEIGHT_UNITS_PER_KG = 100
VOLUME_UNITS_PER_M3 = 1000
DAY_MINUTES = 24 * 60
HORIZON = 2 * DAY_MINUTES
# more than any load or time a round could count: what an absurd value becomes
BEYOND = 10**12
# the dearest km an optimiser weighs (cents): 10,000 €
MAX_COST_FACTOR = 10**6


def _units(value, per):
    """``value`` in whole units (``per`` a unit); NaN and infinities, which no load
    is, become more than any vehicle carries."""
    value = value or 0.0
    if not math.isfinite(value):
        return BEYOND
    return max(min(int(round(value * per)), BEYOND), -BEYOND)


def to_seconds(minutes):
    """``minutes`` (fractions allowed) in whole seconds; NaN and infinities become a
    time no round reaches (or, negative, one every round is past)."""
    minutes = minutes or 0.0
    if not math.isfinite(minutes):
        return -BEYOND if minutes < 0 else BEYOND
    return max(min(int(round(minutes * 60)), BEYOND), -BEYOND)


def minutes_of_seconds(value):
    """Whole minutes when ``value`` seconds are, else their fraction."""
    return value // 60 if value % 60 == 0 else value / 60


def weight_units(kg):
    return _units(kg, WEIGHT_UNITS_PER_KG)


def volume_units(m3):
    return _units(m3, VOLUME_UNITS_PER_M3)


def time_limit(size, configured):
    """Seconds the optimiser searches for ``size`` stops: the configured limit for 100
    stops, in proportion above (a day of 200 stops gets twice as long), less for small
    rounds (a handful of stops is solved to the optimum in a second)."""
    return min(configured * max(1.0, size / 100), 1.0 + size / 10)


def can_carry(vehicle_cold, goods_cold):
    """Whether a vehicle of class ``vehicle_cold`` may carry goods of ``goods_cold``."""
    return COLD_RANK[vehicle_cold or AMBIENT] >= COLD_RANK[goods_cold or AMBIENT]


def strictest(classes):
    """The coldest class among ``classes`` (ambient when there is none)."""
    return max((c or AMBIENT for c in classes), key=COLD_RANK.__getitem__, default=AMBIENT)


@dataclass(frozen=True)
class Stop:
    key: object
    kind: str
    weight: float = 0.0  # kg loaded (pickup) or unloaded (delivery)
    volume: float = 0.0  # m³
    cold: str = AMBIENT  # the strictest class of its goods
    window: tuple | None = None  # (start, end) in minutes from midnight
    service: int = 0  # minutes spent at the stop
    located: bool = True  # whether it has coordinates

    @property
    def window_s(self):
        """The window in seconds from midnight (None when the stop has none)."""
        return (to_seconds(self.window[0]), to_seconds(self.window[1])) if self.window else None

    @property
    def service_s(self):
        return to_seconds(self.service)

    @property
    def signed_weight(self):
        units = max(weight_units(self.weight), 0)
        return units if self.kind == PICKUP else -units

    @property
    def signed_volume(self):
        units = max(volume_units(self.volume), 0)
        return units if self.kind == PICKUP else -units


@dataclass(frozen=True)
class Vehicle:
    key: object
    payload: float  # kg
    volume: float = 0.0  # m³; 0 when unknown (not checked)
    cold: str = AMBIENT
    start: int = 7 * 60  # earliest departure from the hub
    end: int = 18 * 60  # latest return to the hub
    cost_per_km: float = 1.0  # what the optimiser minimises: km × this, all vehicles

    @property
    def start_s(self):
        return to_seconds(self.start)

    @property
    def end_s(self):
        return to_seconds(self.end)

    @property
    def cost_factor(self):
        """Integer weight of a metre for this vehicle (cents per km; 1 € when unknown,
        between 1 cent and 10,000 € whatever is given)."""
        return min(max(_units(self.cost_per_km or 1.0, 100), 1), MAX_COST_FACTOR)

    @property
    def weight_capacity(self):
        return weight_units(self.payload)

    @property
    def volume_capacity(self):
        return volume_units(self.volume) if self.volume else None


@dataclass(frozen=True)
class Matrix:
    """Distances (m) and driving times (min) between points; point 0 is the hub,
    point i the i-th stop of the instance. ``seconds``, when given, are the driving
    times to the second (the minutes are then only shown)."""

    distance: list
    duration: list
    source: str = "haversine"
    notice: str | None = None
    seconds: list | None = None

    @cached_property
    def travel(self):
        """Driving times in whole seconds, as the optimisers and ``evaluate`` count."""
        if self.seconds is not None:
            return [[_whole(value) for value in row] for row in self.seconds]
        return [[to_seconds(value) for value in row] for row in self.duration]

    @cached_property
    def metres(self):
        """Distances in whole metres."""
        return [[_whole(value) for value in row] for row in self.distance]


def _whole(value):
    """An integer of a matrix entry; NaN and infinities become unreachable."""
    if not math.isfinite(value or 0):
        return BEYOND
    return max(min(int(round(value or 0)), BEYOND), -BEYOND)


@dataclass(frozen=True)
class Problem:
    code: str
    values: dict = field(default_factory=dict)


@dataclass
class Visit:
    key: object
    arrival: int
    start: int  # start of service (after waiting for the window)
    departure: int
    weight_after: int  # load on board when leaving, in weight units
    volume_after: int
    problems: list = field(default_factory=list)


@dataclass
class RouteReport:
    visits: list
    distance: int  # metres, hub to hub
    departure: int
    back: int  # return to the hub
    weight_at_start: int
    volume_at_start: int
    problems: list = field(default_factory=list)  # about the route, not one stop

    @property
    def feasible(self):
        return not self.problems and not any(visit.problems for visit in self.visits)


def evaluate(matrix, stops, vehicle, order):
    """Drive ``order`` (positions in ``stops``) with ``vehicle``: arrival times (in
    minutes, counted to the second), load after each stop, and every broken rule, per
    stop."""
    route = [stops[i] for i in order]
    weight = sum(-s.signed_weight for s in route if s.kind == DELIVERY)
    volume = sum(-s.signed_volume for s in route if s.kind == DELIVERY)
    report = RouteReport([], 0, vehicle.start, vehicle.start, weight, volume)
    if route:  # an empty route carries nothing, whatever the vehicle
        _check_load(report.problems, vehicle, weight, volume)
    travel, metres = matrix.travel, matrix.metres
    time = departure = vehicle.start_s
    previous = 0
    for position in order:
        stop = stops[position]
        node = position + 1
        problems = []
        if not stop.located:
            problems.append(Problem(NO_LOCATION))
        report.distance += metres[previous][node]
        arrival = time + travel[previous][node]
        start = arrival
        window = stop.window_s
        if window:
            start = max(arrival, window[0])
            if arrival > window[1]:
                problems.append(
                    Problem(
                        LATE,
                        {"arrival": minutes_of_seconds(arrival), "end": stop.window[1]},
                    )
                )
            if window[0] > window[1]:
                problems.append(Problem(NO_TIME, {"start": stop.window[0], "end": stop.window[1]}))
        weight += stop.signed_weight
        volume += stop.signed_volume
        _check_load(problems, vehicle, weight, volume)
        if not can_carry(vehicle.cold, stop.cold):
            problems.append(Problem(COLD_CHAIN, {"goods": stop.cold, "vehicle": vehicle.cold}))
        if not report.visits:
            # leave just in time for the first stop: waiting there gains nothing
            departure += start - arrival
        time = start + stop.service_s
        report.visits.append(
            Visit(
                stop.key,
                minutes_of_seconds(arrival),
                minutes_of_seconds(start),
                minutes_of_seconds(time),
                weight,
                volume,
                problems,
            )
        )
        previous = node
    report.distance += metres[previous][0]
    back = time + travel[previous][0]
    report.departure = minutes_of_seconds(departure)
    report.back = minutes_of_seconds(back)
    if route and back > vehicle.end_s:
        report.problems.append(Problem(RETURN_LATE, {"back": report.back, "end": vehicle.end}))
    return report


def _check_load(problems, vehicle, weight, volume):
    if weight > vehicle.weight_capacity:
        problems.append(Problem(OVERWEIGHT, {"load": weight, "capacity": vehicle.weight_capacity}))
    capacity = vehicle.volume_capacity
    if capacity is not None and volume > capacity:
        problems.append(Problem(OVERVOLUME, {"load": volume, "capacity": capacity}))


@dataclass
class Solution:
    routes: dict  # vehicle key -> [positions in stops], in driving order
    dropped: dict  # position -> [Problem] why it could not be served
    distance: int  # metres, all routes
    status: str  # "solved", "empty" (no stops), "infeasible" (none could be served)


def solve(matrix, stops, vehicles, time_limit=5.0, engine=ENGINE_HYBRID, seed=0):
    """Best routes found within ``time_limit`` seconds for ``vehicles`` (each starts
    and ends at the hub, point 0) serving ``stops``. Returns a ``Solution``; a stop
    no vehicle can serve is in ``solution.dropped`` with the reason. ``engine`` picks
    the optimiser; when it fails, or finds a route ``evaluate`` refuses, OR-Tools
    routing solves again."""
    dropped = {}
    candidates = []
    for position in range(len(stops)):
        reasons = _unservable_alone(matrix, stops, position, vehicles)
        if reasons:
            dropped[position] = reasons
        else:
            candidates.append(position)
    # a vehicle whose day ends before it starts, or that carries nothing, serves no one
    usable = [
        v
        for v in vehicles
        if v.start_s <= v.end_s
        and v.weight_capacity >= 0
        and (v.volume_capacity is None or v.volume_capacity >= 0)
    ]
    no_routes = {v.key: [] for v in vehicles}
    if not candidates or not usable:
        status = "empty" if not stops else "infeasible"
        dropped.update({position: [Problem(NO_ROOM)] for position in candidates})
        return Solution(no_routes, dropped, 0, status)
    instance = (matrix, stops, candidates, usable)
    routes = _optimise(engine, instance, time_limit, seed)
    if routes is None and engine != ENGINE_ORTOOLS:
        routes = _optimise(ENGINE_ORTOOLS, instance, time_limit, seed)
    if routes is None:
        dropped.update({position: [Problem(NO_ROOM)] for position in candidates})
        return Solution(no_routes, dropped, 0, "infeasible")
    routes = {**no_routes, **routes}
    served = {position for order in routes.values() for position in order}
    dropped.update(
        {position: [Problem(NO_ROOM)] for position in candidates if position not in served}
    )
    total = sum(
        evaluate(matrix, stops, vehicle, routes[vehicle.key]).distance
        for vehicle in vehicles
        if routes[vehicle.key]
    )
    return Solution(routes, dropped, total, "solved")


def _optimise(engine, instance, time_limit, seed):
    """{vehicle key: order} of ``engine`` for ``instance`` (matrix, stops, candidate
    positions, usable vehicles), or None when it fails or breaks a rule."""
    matrix, stops, candidates, vehicles = instance
    model = {ENGINE_HYBRID: _HybridModel, ENGINE_ORTOOLS: _RoutingModel}[engine]
    try:
        routes = model(matrix, stops, candidates, vehicles).solve(time_limit, seed)
    except ImportError as error:  # an Odoo tree without the optimiser's package
        _logger.info("Route optimiser %s unavailable (%s)", engine, error)
        return None
    except Exception:  # noqa: BLE001 - the solver's own failure: another one or none
        _logger.exception("The route optimiser %s failed", engine)
        return None
    if routes is None:
        return None
    served = [position for order in routes.values() for position in order]
    if len(served) != len(set(served)) or not set(served) <= set(candidates):
        _logger.error("The route optimiser %s served stops twice or unknown ones", engine)
        return None
    for vehicle in vehicles:
        order = routes.get(vehicle.key)
        if order and not evaluate(matrix, stops, vehicle, order).feasible:
            _logger.error("The route optimiser %s broke a rule on %s", engine, vehicle.key)
            return None
    return routes


class _HybridModel:
    """The PyVRP model of an instance: location 0 the hub, locations 1..n the
    candidate stops; loads in weight units (and litres when a vehicle has a volume),
    times in seconds, costs in metres × each vehicle's cost factor. Each cold class of
    the fleet has its own routing profile, in which the stops its vehicles may not
    carry are out of reach. A stop is optional, with a prize that outweighs any route:
    the optimiser serves all it can and leaves out only what no plan fits.

    VROOM solves the same data first (cold classes as skills, each cost factor a
    profile of its own); its plan is where PyVRP's search starts."""

    def __init__(self, matrix, stops, candidates, vehicles):
        import numpy  # noqa: PLC0415
        import pyvrp  # noqa: PLC0415

        self.candidates = candidates
        nodes = [0] + [position + 1 for position in candidates]
        distance = numpy.array(matrix.metres, dtype=numpy.int64)[numpy.ix_(nodes, nodes)]
        duration = numpy.array(matrix.travel, dtype=numpy.int64)[numpy.ix_(nodes, nodes)]
        # absurd entries (negative, or past any road) stay within 64-bit costs
        numpy.clip(distance, 0, _UNREACHABLE, out=distance)
        numpy.clip(duration, 0, _UNREACHABLE, out=duration)
        numpy.fill_diagonal(distance, 0)
        numpy.fill_diagonal(duration, 0)
        self.distance, self.duration = distance, duration
        points = [stops[position] for position in candidates]
        has_volume = any(v.volume_capacity is not None for v in vehicles) and any(
            stop.volume for stop in points
        )
        classes = sorted({v.cold or AMBIENT for v in vehicles}, key=COLD_RANK.__getitem__)
        distances, durations = [], []
        for cold in classes:
            out_of_reach = [
                node for node, stop in enumerate(points, 1) if not can_carry(cold, stop.cold)
            ]
            profile_distance, profile_duration = distance.copy(), duration.copy()
            for node in out_of_reach:
                for table in (profile_distance, profile_duration):
                    table[node, :] = table[:, node] = _UNREACHABLE
                    table[node, node] = 0
            distances.append(profile_distance)
            durations.append(profile_duration)
        top_factor = max(v.cost_factor for v in vehicles)
        # costs per metre as small as they compare (all vehicles alike: 1)
        common = math.gcd(*(v.cost_factor for v in vehicles))
        # more than any plan costs, yet far from PyVRP's 64-bit limits
        prize = min((len(nodes) + 1) * (int(distance.max()) + 1) * top_factor * 2, _MAX_PRIZE)
        clients = []
        for node, stop in enumerate(points, 1):
            load = [max(weight_units(stop.weight), 0)]
            if has_volume:
                load.append(max(volume_units(stop.volume), 0))
            window = stop.window_s or (0, _UNREACHABLE)
            clients.append(
                pyvrp.Client(
                    node,
                    delivery=load if stop.kind == DELIVERY else [0] * len(load),
                    pickup=load if stop.kind == PICKUP else [0] * len(load),
                    service_duration=max(stop.service_s, 0),
                    tw_early=max(window[0], 0),
                    tw_late=max(window[1], 0),
                    prize=prize,
                    required=False,
                )
            )
        unlimited = sum(max(volume_units(stop.volume), 0) for stop in points) + 1
        self.types = []  # (vehicle type, the vehicles of that type)
        for vehicle in vehicles:
            capacity = [vehicle.weight_capacity]
            if has_volume:
                capacity.append(
                    unlimited if vehicle.volume_capacity is None else vehicle.volume_capacity
                )
            spec = (
                tuple(capacity),
                max(vehicle.start_s, 0),
                max(vehicle.end_s, 0),
                vehicle.cost_factor // common,
                classes.index(vehicle.cold or AMBIENT),
            )
            for known, members in self.types:
                if known == spec:
                    members.append(vehicle)
                    break
            else:
                self.types.append((spec, [vehicle]))
        vehicle_types = [
            pyvrp.VehicleType(
                len(members),
                list(spec[0]),
                tw_early=spec[1],
                tw_late=spec[2],
                unit_distance_cost=spec[3],
                profile=spec[4],
            )
            for spec, members in self.types
        ]
        depot = pyvrp.Depot(
            0,
            tw_early=min(spec[1] for spec, _members in self.types),
            tw_late=max(spec[2] for spec, _members in self.types),
        )
        self.classes = classes
        self.cold_ranks = [COLD_RANK[stop.cold or AMBIENT] for stop in points]
        self.data = pyvrp.ProblemData(
            [pyvrp.Location(0, 0) for _node in nodes],
            clients,
            [depot],
            vehicle_types,
            distances,
            durations,
        )

    def solve(self, time_limit, seed=0):
        """{vehicle key: [stop positions in driving order]}, or None without a
        feasible solution."""
        import pyvrp  # noqa: PLC0415
        from pyvrp.exceptions import PenaltyBoundWarning  # noqa: PLC0415
        from pyvrp.stop import MaxRuntime  # noqa: PLC0415

        started = time.monotonic()
        start = self._vroom_start(time_limit * VROOM_SHARE)
        rest = max(time_limit - (time.monotonic() - started), 0.1)
        with warnings.catch_warnings():
            # PyVRP warns when its penalties reach their bound (a stop hard to fit):
            # what it then cannot serve is reported as such, by solve()
            warnings.simplefilter("ignore", PenaltyBoundWarning)
            result = pyvrp.solve(
                self.data,
                MaxRuntime(rest),
                seed=seed,
                collect_stats=False,
                display=False,
                initial_solution=start,
            )
        best = result.best
        if not best.is_feasible():
            return None
        free = [list(members) for _spec, members in self.types]
        routes = {}
        for route in best.routes():
            vehicle = free[route.vehicle_type()].pop(0)
            routes[vehicle.key] = [
                self.candidates[activity.idx] for activity in route if activity.is_client()
            ]
        return routes

    def _vroom_start(self, time_limit):
        """VROOM's plan of the same data, as a PyVRP solution (None when VROOM is not
        installed or gives no feasible plan: PyVRP then starts from its own)."""
        try:
            import pyvrp  # noqa: PLC0415
            import vroom  # noqa: PLC0415
        except ImportError:
            return None
        data = self.data
        problem = vroom.Input()
        durations = _vroom_table(self.duration, _UNREACHABLE)
        profiles = set()
        fleet = []  # vehicle type index of each VROOM vehicle, by its id
        for type_index, vehicle_type in enumerate(data.vehicle_types()):
            factor = vehicle_type.unit_distance_cost
            profile = f"cost{factor}"
            if profile not in profiles:
                profiles.add(profile)
                problem.set_durations_matrix(profile, durations)
                problem.set_costs_matrix(profile, _vroom_table(self.distance * factor))
            rank = COLD_RANK[self.classes[vehicle_type.profile]]
            for _member in range(vehicle_type.num_available):
                problem.add_vehicle(
                    vroom.Vehicle(
                        len(fleet),
                        start=0,
                        end=0,
                        profile=profile,
                        capacity=[min(c, _VROOM_MAX) for c in vehicle_type.capacity],
                        skills=set(range(1, rank + 1)),
                        time_window=vroom.TimeWindow(
                            min(vehicle_type.tw_early, _VROOM_MAX),
                            min(vehicle_type.tw_late, _VROOM_MAX),
                        ),
                    )
                )
                fleet.append(type_index)
        for index, client in enumerate(data.clients()):
            rank = self.cold_ranks[index]
            problem.add_job(
                vroom.Job(
                    index + 1,
                    location=client.location,
                    default_service=min(client.service_duration, _VROOM_MAX),
                    delivery=[min(amount, _VROOM_MAX) for amount in client.delivery],
                    pickup=[min(amount, _VROOM_MAX) for amount in client.pickup],
                    skills={rank} if rank else None,
                    time_windows=[
                        vroom.TimeWindow(
                            min(client.tw_early, _VROOM_MAX), min(client.tw_late, _VROOM_MAX)
                        )
                    ],
                )
            )
        try:
            plan = problem.solve(
                exploration_level=5,
                nb_threads=min(os.cpu_count() or 1, 2),
                timeout=timedelta(seconds=max(time_limit, 0.05)),
            )
            frame = plan.routes
            routes = []
            for vehicle_id, type_index in enumerate(fleet):
                jobs = frame[(frame.vehicle_id == vehicle_id) & (frame.type == "job")]
                visits = [int(job) - 1 for job in jobs.id]
                if visits:
                    routes.append(pyvrp.Route(data, visits, type_index))
            start = pyvrp.Solution(data, routes)
        except Exception:  # noqa: BLE001 - a start only: PyVRP searches without it
            _logger.info("VROOM gave no starting plan", exc_info=True)
            return None
        return start if start.is_feasible() else None


def _vroom_table(table, top=None):
    """A numpy matrix as VROOM reads it: non-negative 32-bit integers."""
    return table.clip(0, min(top or _VROOM_MAX, _VROOM_MAX)).tolist()


# what a profile's vehicles cannot reach (a distance and a time beyond any round)
_UNREACHABLE = 10**9
# VROOM reads 32-bit unsigned amounts, times and costs
_VROOM_MAX = 2**32 - 1
_MAX_PRIZE = 10**17


class _RoutingModel:
    """The OR-Tools model of an instance: the hub is node 0, the candidate stops
    nodes 1..n, one dimension each for time, weight and (when known) volume."""

    def __init__(self, matrix, stops, candidates, vehicles):
        from ortools.constraint_solver import pywrapcp  # noqa: PLC0415

        self.matrix, self.stops, self.vehicles = matrix, stops, vehicles
        self.candidates = candidates
        self.nodes = [0] + [position + 1 for position in candidates]
        self.manager = pywrapcp.RoutingIndexManager(len(self.nodes), len(vehicles), 0)
        self.routing = pywrapcp.RoutingModel(self.manager)
        self._add_costs()
        self._add_time()
        self._add_loads()
        self._add_cold_chain()
        self._add_penalties()

    def point(self, index):
        return self.nodes[self.manager.IndexToNode(index)]

    def stop(self, index):
        point = self.point(index)
        return self.stops[point - 1] if point else None

    def candidate_indexes(self):
        """(routing index, stop) of every candidate."""
        return [
            (self.manager.NodeToIndex(node), self.stops[position])
            for node, position in enumerate(self.candidates, start=1)
        ]

    def _add_costs(self):
        """The cheapest fleet: each vehicle's metres weighted by its cost per km."""
        callbacks = {}
        for vehicle_index, vehicle in enumerate(self.vehicles):
            factor = vehicle.cost_factor
            if factor not in callbacks:

                def cost(from_index, to_index, factor=factor):
                    distance = self.matrix.metres[self.point(from_index)][self.point(to_index)]
                    return max(distance, 0) * factor

                callbacks[factor] = self.routing.RegisterTransitCallback(cost)
            self.routing.SetArcCostEvaluatorOfVehicle(callbacks[factor], vehicle_index)
        self.top_factor = max(callbacks)

    def _add_time(self):
        travel = self.matrix.travel

        def transit(from_index, to_index):
            stop = self.stop(from_index)
            service = max(stop.service_s, 0) if stop else 0
            return max(travel[self.point(from_index)][self.point(to_index)], 0) + service

        routing = self.routing
        # past midnight of the next day too, when a window or a vehicle's day says so
        horizon = max(
            to_seconds(HORIZON),
            *(vehicle.end_s for vehicle in self.vehicles),
            *(stop.window_s[1] for _index, stop in self.candidate_indexes() if stop.window),
        )
        routing.AddDimension(
            routing.RegisterTransitCallback(transit), horizon, horizon, False, "time"
        )
        time = routing.GetDimensionOrDie("time")
        for vehicle_index, vehicle in enumerate(self.vehicles):
            start = max(vehicle.start_s, 0)
            time.CumulVar(routing.Start(vehicle_index)).SetRange(start, vehicle.end_s)
            time.CumulVar(routing.End(vehicle_index)).SetRange(start, vehicle.end_s)
        for index, stop in self.candidate_indexes():
            if stop.window:
                window = stop.window_s
                time.CumulVar(index).SetRange(max(window[0], 0), window[1])

    def _add_loads(self):
        capacities = [vehicle.weight_capacity for vehicle in self.vehicles]
        self._add_load("weight", "signed_weight", capacities)
        has_volume = any(vehicle.volume_capacity is not None for vehicle in self.vehicles)
        if has_volume and any(stop.volume for stop in self.stops):
            unlimited = sum(volume_units(stop.volume) for stop in self.stops) + 1
            capacities = [
                unlimited if vehicle.volume_capacity is None else vehicle.volume_capacity
                for vehicle in self.vehicles
            ]
            self._add_load("volume", "signed_volume", capacities)

    def _add_load(self, name, attribute, capacities):
        """What is on board after each node: a pickup adds, a delivery removes, and the
        vehicle leaves the hub with exactly the deliveries of its route."""
        routing, solver = self.routing, self.routing.solver()

        def change(from_index):
            stop = self.stop(from_index)
            return getattr(stop, attribute) if stop else 0

        index = routing.RegisterUnaryTransitCallback(change)
        routing.AddDimensionWithVehicleCapacity(index, 0, capacities, False, name)
        dimension = routing.GetDimensionOrDie(name)
        deliveries = [(i, s) for i, s in self.candidate_indexes() if s.kind == DELIVERY]
        for vehicle_index in range(len(self.vehicles)):
            on_board = [
                solver.IsEqualCstVar(routing.VehicleVar(i), vehicle_index) * -getattr(s, attribute)
                for i, s in deliveries
            ]
            start = dimension.CumulVar(routing.Start(vehicle_index))
            solver.Add(start == (solver.Sum(on_board) if on_board else 0))

    def _add_cold_chain(self):
        for index, stop in self.candidate_indexes():
            allowed = [
                vehicle_index
                for vehicle_index, vehicle in enumerate(self.vehicles)
                if can_carry(vehicle.cold, stop.cold)
            ]
            if len(allowed) < len(self.vehicles):
                self.routing.SetAllowedVehiclesForIndex(allowed, index)

    def _add_penalties(self):
        """Serving a stop always beats leaving it out: the penalty exceeds any route."""
        longest = (max(max(row) for row in self.matrix.metres) or 1) * self.top_factor
        penalty = (len(self.nodes) + 1) * (longest + 1) * 10
        for index, _stop in self.candidate_indexes():
            self.routing.AddDisjunction([index], penalty)

    def solve(self, time_limit, seed=0):
        """{vehicle key: [stop positions in driving order]}, or None without any
        solution (OR-Tools' search is deterministic: ``seed`` is not used)."""
        from ortools.constraint_solver import pywrapcp, routing_enums_pb2  # noqa: PLC0415

        parameters = pywrapcp.DefaultRoutingSearchParameters()
        parameters.first_solution_strategy = (
            routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
        )
        parameters.local_search_metaheuristic = (
            routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
        )
        parameters.time_limit.FromMilliseconds(max(int(time_limit * 1000), 100))
        assignment = self.routing.SolveWithParameters(parameters)
        if assignment is None:
            return None
        routes = {}
        for vehicle_index, vehicle in enumerate(self.vehicles):
            order = []
            index = self.routing.Start(vehicle_index)
            while not self.routing.IsEnd(index):
                if self.point(index):
                    order.append(self.point(index) - 1)
                index = assignment.Value(self.routing.NextVar(index))
            routes[vehicle.key] = order
        return routes


def _unservable_alone(matrix, stops, position, vehicles):
    """Why no vehicle could serve this stop even on a round of its own (empty when
    one could)."""
    stop = stops[position]
    if not stop.located:
        return [Problem(NO_LOCATION)]
    if not vehicles:
        return [Problem(NO_ROOM)]
    best = None
    for vehicle in vehicles:
        report = evaluate(matrix, stops, vehicle, [position])
        if report.feasible:
            return []
        problems = report.problems + report.visits[0].problems
        if best is None or len(problems) < len(best):
            best = problems
    return best
