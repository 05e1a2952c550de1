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

Weights are counted in integer units of 10 g and volumes in litres, so that the
optimiser and the checker compare exactly the same numbers. Times are minutes from
midnight of the round's day, distances metres.

``solve`` orders stops (one vehicle) or splits a day's stops into rounds (several
vehicles) with OR-Tools routing: capacities, time windows, service times, cold chain,
start and end at the hub. Stops that cannot be served are reported with their reason,
never silently left out.
"""

import logging
import math
from dataclasses import dataclass, field

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

WEIGHT_UNITS_PER_KG = 100
VOLUME_UNITS_PER_M3 = 1000
DAY_MINUTES = 24 * 60
HORIZON = 2 * DAY_MINUTES
# more than any load or time a round could count: what an absurd value becomes
BEYOND = 10**12


def _units(value, per):
    """``value`` in whole units (``per`` a unit); NaN and infinities, which no load
    is, become more than any vehicle carries."""
    value = value or 0.0
    if not math.isfinite(value):
        return BEYOND
    return max(min(int(round(value * per)), BEYOND), -BEYOND)


def weight_units(kg):
    return _units(kg, WEIGHT_UNITS_PER_KG)


def volume_units(m3):
    return _units(m3, VOLUME_UNITS_PER_M3)


def time_limit(size, configured):
    """Seconds the optimiser searches for ``size`` stops: the configured limit, less
    for small rounds (a handful of stops is solved to the optimum in a second)."""
    return min(configured, 1.0 + size / 10)


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
    def cost_factor(self):
        """Integer weight of a metre for this vehicle (cents per km; 1 € when unknown)."""
        return max(int(round((self.cost_per_km or 1.0) * 100)), 1)

    @property
    def weight_capacity(self):
        return weight_units(self.payload)

    @property
    def volume_capacity(self):
        return volume_units(self.volume) if self.volume else None


@dataclass(frozen=True)
class Matrix:
    """Distances (m) and driving times (min) between points; point 0 is the hub,
    point i the i-th stop of the instance."""

    distance: list
    duration: list
    source: str = "haversine"
    notice: str | None = None


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
    """Drive ``order`` (positions in ``stops``) with ``vehicle``: arrival times, load
    after each stop, and every broken rule, per stop."""
    route = [stops[i] for i in order]
    weight = sum(-s.signed_weight for s in route if s.kind == DELIVERY)
    volume = sum(-s.signed_volume for s in route if s.kind == DELIVERY)
    report = RouteReport([], 0, vehicle.start, vehicle.start, weight, volume)
    if route:  # an empty route carries nothing, whatever the vehicle
        _check_load(report.problems, vehicle, weight, volume)
    time = vehicle.start
    previous = 0
    for position in order:
        stop = stops[position]
        node = position + 1
        problems = []
        if not stop.located:
            problems.append(Problem(NO_LOCATION))
        report.distance += matrix.distance[previous][node]
        arrival = time + matrix.duration[previous][node]
        start = arrival
        if stop.window:
            start = max(arrival, stop.window[0])
            if arrival > stop.window[1]:
                problems.append(Problem(LATE, {"arrival": arrival, "end": stop.window[1]}))
        if stop.window and stop.window[0] > stop.window[1]:
            problems.append(Problem(NO_TIME, {"start": stop.window[0], "end": stop.window[1]}))
        weight += stop.signed_weight
        volume += stop.signed_volume
        _check_load(problems, vehicle, weight, volume)
        if not can_carry(vehicle.cold, stop.cold):
            problems.append(Problem(COLD_CHAIN, {"goods": stop.cold, "vehicle": vehicle.cold}))
        time = start + stop.service
        report.visits.append(Visit(stop.key, arrival, start, time, weight, volume, problems))
        previous = node
    report.distance += matrix.distance[previous][0]
    report.back = time + matrix.duration[previous][0]
    if report.visits:
        # leave just in time for the first stop: waiting there gains nothing
        first = report.visits[0]
        report.departure += first.start - first.arrival
    if route and report.back > vehicle.end:
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


def solve(matrix, stops, vehicles, time_limit=5.0):
    """Best routes found within ``time_limit`` seconds for ``vehicles`` (each starts
    and ends at the hub, point 0) serving ``stops``. Returns a ``Solution``; a stop
    no vehicle can serve is in ``solution.dropped`` with the reason."""
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
        if v.start <= v.end
        and v.weight_capacity >= 0
        and (v.volume_capacity is None or v.volume_capacity >= 0)
    ]
    if not candidates or not usable:
        status = "empty" if not stops else "infeasible"
        dropped.update({position: [Problem(NO_ROOM)] for position in candidates})
        return Solution({v.key: [] for v in vehicles}, dropped, 0, status)
    try:
        routes = _RoutingModel(matrix, stops, candidates, usable).solve(time_limit)
    except Exception:  # noqa: BLE001 - the solver's own failure: every stop is reported
        _logger.exception("The route optimiser failed; its stops are reported unserved")
        routes = None
    if routes is not None:
        routes = {**{v.key: [] for v in vehicles}, **routes}
    if routes is None:
        dropped.update({position: [Problem(NO_ROOM)] for position in candidates})
        return Solution({v.key: [] for v in vehicles}, dropped, 0, "infeasible")
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
                    distance = self.matrix.distance[self.point(from_index)][self.point(to_index)]
                    return max(distance, 0) * factor

                callbacks[factor] = self.routing.RegisterTransitCallback(cost)
            self.routing.SetArcCostEvaluatorOfVehicle(callbacks[factor], vehicle_index)
        self.top_factor = max(callbacks)

    def _add_time(self):
        def travel(from_index, to_index):
            stop = self.stop(from_index)
            service = max(stop.service, 0) if stop else 0
            return max(self.matrix.duration[self.point(from_index)][self.point(to_index)], 0) + (
                service
            )

        routing = self.routing
        # past midnight of the next day too, when a window or a vehicle's day says so
        horizon = max(
            HORIZON,
            *(vehicle.end for vehicle in self.vehicles),
            *(stop.window[1] for _index, stop in self.candidate_indexes() if stop.window),
        )
        routing.AddDimension(
            routing.RegisterTransitCallback(travel), horizon, horizon, False, "time"
        )
        time = routing.GetDimensionOrDie("time")
        for vehicle_index, vehicle in enumerate(self.vehicles):
            start = max(vehicle.start, 0)
            time.CumulVar(routing.Start(vehicle_index)).SetRange(start, vehicle.end)
            time.CumulVar(routing.End(vehicle_index)).SetRange(start, vehicle.end)
        for index, stop in self.candidate_indexes():
            if stop.window:
                time.CumulVar(index).SetRange(max(stop.window[0], 0), stop.window[1])

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
        longest = (max(max(row) for row in self.matrix.distance) or 1) * self.top_factor
        penalty = (len(self.nodes) + 1) * (longest + 1) * 10
        for index, _stop in self.candidate_indexes():
            self.routing.AddDisjunction([index], penalty)

    def solve(self, time_limit):
        """{vehicle key: [stop positions in driving order]}, or None without any
        solution."""
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
