# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Sharing the cost of a round between the organisations it served (no ORM)."""

BY_WEIGHT = "weight"
BY_STOP = "stop"


def split(total, weights, digits=2):
    """Split ``total`` in proportion to ``weights`` (a list of non-negative numbers),
    rounded to ``digits`` decimals so that the parts add up exactly to the total
    (largest remainders get the leftover cents). Equal parts when all weights are 0."""
    if any(w < 0 for w in weights):
        raise ValueError("weights cannot be negative")
    if not weights:
        return []
    if not any(weights):
        weights = [1] * len(weights)
    scale = 10**digits
    cents = round(total * scale)
    whole = sum(weights)
    exact = [cents * w / whole for w in weights]
    parts = [int(x // 1) for x in exact]
    leftover = cents - sum(parts)
    by_remainder = sorted(
        range(len(weights)), key=lambda i: (exact[i] - parts[i], -i), reverse=True
    )
    for i in by_remainder[:leftover]:
        parts[i] += 1
    return [part / scale for part in parts]


def shares(total, served, rule=BY_WEIGHT):
    """``served``: [(organisation, kg)], one per stop served. Returns
    {organisation: (kg, amount)}, stops of the same organisation together."""
    weights = {}
    for organisation, kg in served:
        weight = kg if rule == BY_WEIGHT else 1
        kg_total, w_total = weights.get(organisation, (0.0, 0.0))
        weights[organisation] = (kg_total + kg, w_total + weight)
    organisations = list(weights)
    amounts = split(total, [weights[o][1] for o in organisations])
    return {o: (weights[o][0], amount) for o, amount in zip(organisations, amounts, strict=True)}
