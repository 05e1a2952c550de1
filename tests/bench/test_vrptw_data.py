"""The benchmark's instances are read as published: each best-known plan kept beside
its instance is driven by LOCO's own checker (``routing.evaluate``) with the fleet
of that plan, breaks no rule and has the published length. This holds only with
second-level driving times (whole minutes rounded up make most of them late)."""

import pytest
from vrptw_data import TRUNCATED, best_known, read_plan

from odoo.addons.loco_fleet.policy import routing

PLANS = [best for best in best_known() if best.plan and best.plan.exists()]


def test_every_value_has_its_instance():
    assert len(PLANS) >= 12
    for best in best_known():
        assert best.file.exists(), best


@pytest.mark.parametrize("best", PLANS, ids=lambda best: f"{best.instance}-{best.customers}")
def test_best_known_plan_is_feasible_for_loco_with_its_length(best):
    instance = best.read()
    plan = read_plan(best.plan)
    assert len(plan) == best.vehicles
    assert sorted(c for route in plan for c in route) == list(range(1, instance.size + 1))
    matrix, stops, fleet = instance.loco(len(plan))
    for vehicle, route in zip(fleet, plan, strict=True):
        report = routing.evaluate(matrix, stops, vehicle, [c - 1 for c in route])
        assert report.feasible, (best.instance, route, report)
    length = instance.length(plan, best.precision)
    tolerance = 0.051 if best.precision == TRUNCATED else 0.0001
    assert abs(length - best.distance) <= tolerance, (best.instance, length, best.distance)


def test_whole_minutes_rounded_up_refuse_a_best_known_plan():
    best = next(b for b in PLANS if b.instance == "R101")
    instance = best.read()
    plan = read_plan(best.plan)
    matrix, stops, fleet = instance.loco(len(plan))
    minutes = routing.Matrix(matrix.distance, matrix.duration)  # no seconds
    late = [
        route
        for vehicle, route in zip(fleet, plan, strict=True)
        if not routing.evaluate(minutes, stops, vehicle, [c - 1 for c in route]).feasible
    ]
    assert late, "rounding every drive up to the minute should make some route late"
