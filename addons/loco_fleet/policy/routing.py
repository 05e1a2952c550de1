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

from dataclasses import dataclass, field

AMBIENT = "ambient"
CHILLED = "chilled"
FROZEN = "frozen"
COLD_RANK = {AMBIENT: 0, CHILLED: 1, FROZEN: 2}

PICKUP = "pickup"
DELIVERY = "delivery"

# Problem codes (turned into sentences by the addon's messages)
OVERWEIGHT = "overweight"
OVERVOLUME = "overvolume"
COLD_CHAIN = "cold_chain"
LATE = "late"
RETURN_LATE = "return_late"
NO_LOCATION = "no_location"
NO_ROOM = "no_room"

WEIGHT_UNITS_PER_KG = 100
VOLUME_UNITS_PER_M3 = 1000
DAY_MINUTES = 24 * 60
HORIZON = 2 * DAY_MINUTES


def weight_units(kg):
    return int(round((kg or 0.0) * WEIGHT_UNITS_PER_KG))


def volume_units(m3):
    return int(round((m3 or 0.0) * VOLUME_UNITS_PER_M3))


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
        units = weight_units(self.weight)
        return units if self.kind == PICKUP else -units

    @property
    def signed_volume(self):
        units = volume_units(self.volume)
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

    def problems_by_key(self):
        return {visit.key: visit.problems for visit in self.visits if visit.problems}


def evaluate(matrix, stops, vehicle, order):
    """Drive ``order`` (positions in ``stops``) with ``vehicle``: arrival times, load
    after each stop, and every broken rule, per stop."""
    route = [stops[i] for i in order]
    weight = sum(-s.signed_weight for s in route if s.kind == DELIVERY)
    volume = sum(-s.signed_volume for s in route if s.kind == DELIVERY)
    report = RouteReport([], 0, vehicle.start, vehicle.start, weight, volume)
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
    if report.back > vehicle.end:
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

    @property
    def complete(self):
        return not self.dropped


def solve(matrix, stops, vehicles, time_limit=5.0):
    """Best routes found within ``time_limit`` seconds for ``vehicles`` (each starts
    and ends at the hub, point 0) serving ``stops``. Returns a ``Solution``; a stop
    no vehicle can serve is in ``solution.dropped`` with the reason."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2  # noqa: PLC0415

    dropped = {}
    candidates = []
    for position, stop in enumerate(stops):
        reasons = _unservable_alone(matrix, stops, position, vehicles)
        if reasons:
            dropped[position] = reasons
        else:
            candidates.append(position)
    if not candidates or not vehicles:
        status = "empty" if not stops else "infeasible"
        return Solution({v.key: [] for v in vehicles}, dropped, 0, status)

    # the model knows the hub (node 0) and the candidates (nodes 1..n)
    nodes = [0] + [position + 1 for position in candidates]
    manager = pywrapcp.RoutingIndexManager(len(nodes), len(vehicles), 0)
    routing = pywrapcp.RoutingModel(manager)
    solver = routing.solver()

    def node_of(index):
        return nodes[manager.IndexToNode(index)]

    def stop_of(index):
        node = node_of(index)
        return stops[node - 1] if node else None

    def distance_cb(from_index, to_index):
        return matrix.distance[node_of(from_index)][node_of(to_index)]

    def time_cb(from_index, to_index):
        stop = stop_of(from_index)
        service = stop.service if stop else 0
        return matrix.duration[node_of(from_index)][node_of(to_index)] + service

    def weight_cb(from_index):
        stop = stop_of(from_index)
        return stop.signed_weight if stop else 0

    def volume_cb(from_index):
        stop = stop_of(from_index)
        return stop.signed_volume if stop else 0

    # the cheapest fleet: each vehicle's km weighted by its cost per km
    factors = sorted({vehicle.cost_factor for vehicle in vehicles})
    cost_callbacks = {}
    for factor in factors:

        def cost_cb(from_index, to_index, factor=factor):
            return distance_cb(from_index, to_index) * factor

        cost_callbacks[factor] = routing.RegisterTransitCallback(cost_cb)
    for v, vehicle in enumerate(vehicles):
        routing.SetArcCostEvaluatorOfVehicle(cost_callbacks[vehicle.cost_factor], v)

    time_index = routing.RegisterTransitCallback(time_cb)
    routing.AddDimension(time_index, HORIZON, HORIZON, False, "time")
    time = routing.GetDimensionOrDie("time")
    for v, vehicle in enumerate(vehicles):
        time.CumulVar(routing.Start(v)).SetRange(vehicle.start, vehicle.end)
        time.CumulVar(routing.End(v)).SetRange(vehicle.start, vehicle.end)
    for node, position in enumerate(candidates, start=1):
        window = stops[position].window
        if window:
            time.CumulVar(manager.NodeToIndex(node)).SetRange(*window)

    delivery_indexes = [
        (manager.NodeToIndex(node), stops[position])
        for node, position in enumerate(candidates, start=1)
        if stops[position].kind == DELIVERY
    ]
    loads = [
        ("weight", weight_cb, [v.weight_capacity for v in vehicles], "signed_weight"),
    ]
    if any(v.volume_capacity is not None for v in vehicles) and any(s.volume for s in stops):
        unlimited = sum(volume_units(s.volume) for s in stops) + 1
        capacities = [
            v.volume_capacity if v.volume_capacity is not None else unlimited for v in vehicles
        ]
        loads.append(("volume", volume_cb, capacities, "signed_volume"))
    for name, callback, capacities, attribute in loads:
        index = routing.RegisterUnaryTransitCallback(callback)
        routing.AddDimensionWithVehicleCapacity(index, 0, capacities, False, name)
        dimension = routing.GetDimensionOrDie(name)
        # the vehicle leaves the hub with exactly the deliveries of its route
        for v in range(len(vehicles)):
            on_board = [
                solver.IsEqualCstVar(routing.VehicleVar(index), v) * -getattr(stop, attribute)
                for index, stop in delivery_indexes
            ]
            start = dimension.CumulVar(routing.Start(v))
            solver.Add(start == (solver.Sum(on_board) if on_board else 0))

    for node, position in enumerate(candidates, start=1):
        index = manager.NodeToIndex(node)
        allowed = [v for v, vehicle in enumerate(vehicles) if can_carry(vehicle.cold, stops[position].cold)]
        if len(allowed) < len(vehicles):
            routing.SetAllowedVehiclesForIndex(allowed, index)
    # serving a stop always beats leaving it out: the penalty exceeds any route
    longest = (max(max(row) for row in matrix.distance) or 1) * factors[-1]
    penalty = (len(nodes) + 1) * (longest + 1) * 10
    for node in range(1, len(nodes)):
        routing.AddDisjunction([manager.NodeToIndex(node)], penalty)

    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    )
    parameters.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    parameters.time_limit.FromMilliseconds(max(int(time_limit * 1000), 100))
    assignment = routing.SolveWithParameters(parameters)
    if assignment is None:
        for position in candidates:
            dropped[position] = [Problem(NO_ROOM)]
        return Solution({v.key: [] for v in vehicles}, dropped, 0, "infeasible")

    routes = {}
    served = set()
    total = 0
    for v, vehicle in enumerate(vehicles):
        order = []
        index = routing.Start(v)
        while not routing.IsEnd(index):
            node = node_of(index)
            if node:
                order.append(node - 1)
            index = assignment.Value(routing.NextVar(index))
        routes[vehicle.key] = order
        served.update(order)
        total += evaluate(matrix, stops, vehicle, order).distance if order else 0
    for position in candidates:
        if position not in served:
            dropped[position] = [Problem(NO_ROOM)]
    return Solution(routes, dropped, total, "solved")


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


def unoptimised_distance(matrix, stops, vehicles):
    """Distance of the stops driven in the order given, shared out round-robin by
    vehicle: the baseline the optimiser is measured against."""
    total = 0
    for v, vehicle in enumerate(vehicles):
        order = list(range(v, len(stops), len(vehicles)))
        if order:
            total += evaluate(matrix, stops, vehicle, order).distance
    return total
