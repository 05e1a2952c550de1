"""Published VRPTW instances (Solomon 1987; Gehring & Homberger 1999), their best-known
plans, and the same instance as LOCO's optimiser sees it (``routing.Matrix``, ``Stop``,
``Vehicle``). The files and their sources are in ``vrptw/README.md``.

Conventions: a Solomon distance unit is 1 km, a time unit 1 minute; vehicles start
and end at the depot (point 0) within its window. Distances and driving times follow
the DIMACS convention of the published distance optima (the Euclidean distance
truncated to one decimal), which LOCO's second-level times carry exactly: 0.1 unit is
100 m and 6 s. Best-known values published with full precision (``double``) are
compared with the exact Euclidean length of a plan."""

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

from odoo.addons.loco_fleet.policy import routing

HERE = Path(__file__).parent / "vrptw"
TRUNCATED = "truncated_1_decimal"


@dataclass(frozen=True)
class Instance:
    name: str
    points: list  # (x, y) of the depot then each customer
    demand: list  # per customer
    ready: list
    due: list
    service: list
    capacity: int
    horizon: int  # the depot's due date

    @property
    def size(self):
        return len(self.points) - 1

    def tenths(self, i, j):
        """Distance (and driving time) in tenths of a unit, truncated."""
        (xa, ya), (xb, yb) = self.points[i], self.points[j]
        return int(math.floor(10 * math.hypot(xa - xb, ya - yb) + 1e-9))

    def exact(self, i, j):
        (xa, ya), (xb, yb) = self.points[i], self.points[j]
        return math.hypot(xa - xb, ya - yb)

    def length(self, routes, precision):
        """Total length of ``routes`` (lists of customer numbers) in units."""
        total = 0.0
        for route in routes:
            path = [0, *route, 0]
            for a, b in zip(path, path[1:], strict=False):
                total += self.tenths(a, b) / 10 if precision == TRUNCATED else self.exact(a, b)
        return total

    def loco(self, vehicles):
        """(matrix, stops, fleet) of LOCO's optimiser: stop i is customer i + 1."""
        n = len(self.points)
        tenths = [[self.tenths(i, j) for j in range(n)] for i in range(n)]
        matrix = routing.Matrix(
            distance=[[t * 100 for t in row] for row in tenths],  # metres
            duration=[[math.ceil(t / 10) for t in row] for row in tenths],  # minutes (shown)
            source="solomon",
            seconds=[[t * 6 for t in row] for row in tenths],
        )
        stops = [
            routing.Stop(
                c,
                routing.DELIVERY,
                weight=self.demand[c - 1],
                window=(self.ready[c - 1], self.due[c - 1]),
                service=self.service[c - 1],
            )
            for c in range(1, n)
        ]
        fleet = [
            routing.Vehicle(f"v{k}", payload=self.capacity, start=0, end=self.horizon)
            for k in range(vehicles)
        ]
        return matrix, stops, fleet


def read_instance(path, customers=None):
    """An instance of Solomon's text format, cut to its first ``customers``."""
    lines = path.read_text().splitlines()
    header = next(i for i, line in enumerate(lines) if line.strip().startswith("NUMBER"))
    capacity = int(lines[header + 1].split()[1])
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("CUST NO"))
    rows = [[float(x) for x in line.split()] for line in lines[start + 1 :] if line.strip()]
    if customers is not None:
        rows = rows[: customers + 1]
    depot, rest = rows[0], rows[1:]
    return Instance(
        name=lines[0].strip(),
        points=[(row[1], row[2]) for row in rows],
        demand=[int(row[3]) for row in rest],
        ready=[int(row[4]) for row in rest],
        due=[int(row[5]) for row in rest],
        service=[int(row[6]) for row in rest],
        capacity=capacity,
        horizon=int(depot[5]),
    )


def read_plan(path):
    """Routes (customer numbers) of a best-known plan, CVRPLIB or SINTEF format."""
    routes = []
    for line in path.read_text().splitlines():
        match = re.match(r"\s*Route\s*#?\s*\d+\s*:\s*(.*)$", line)
        if match and match.group(1).strip():
            routes.append([int(x) for x in match.group(1).split()])
    return routes


@dataclass(frozen=True)
class Best:
    set: str
    instance: str
    customers: int
    vehicles: int
    distance: float
    objective: str
    precision: str

    @property
    def file(self):
        folder = "gh200" if self.set == "gh200" else "solomon"
        name = self.instance.lower() if folder == "gh200" else self.instance
        return HERE / folder / f"{name}.txt"

    @property
    def plan(self):
        """The published plan of this value, when the folder has it."""
        if self.set == "gh200":
            if self.objective == "distance":
                return HERE / "gh200" / f"{self.instance}.sol"
            found = sorted((HERE / "gh200").glob(f"{self.instance.lower()}.*_*.txt"))
            return found[0] if found else None
        if self.customers == 100:
            return HERE / "solomon" / f"{self.instance}.sol"
        return None

    def read(self):
        return read_instance(self.file, self.customers)


def best_known():
    """Every best-known value of ``vrptw/bks.csv``, in file order."""
    with (HERE / "bks.csv").open(newline="") as handle:
        return [
            Best(
                row["set"],
                row["instance"],
                int(row["customers"]),
                int(row["vehicles"]),
                float(row["distance"]),
                row["objective"],
                row["precision"],
            )
            for row in csv.DictReader(handle)
        ]
