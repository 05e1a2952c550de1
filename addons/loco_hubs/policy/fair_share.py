# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Fair allocation of a scarce product among the associations of a hub.

Each association may take, per period, a share of the pool (what the hub had free for
the period: what is still free plus what was already taken in it) in proportion to its
beneficiaries among the hub's associations, and never less than the floor (when the
pool allows it). Shares are whole units, rounded down so that they never add up to more
than the pool.
"""

import math


def share(pool, beneficiaries, total_beneficiaries, floor=0.0, unit=1.0):
    """The quantity one association may take in the period."""
    if pool <= 0:
        return 0.0
    if total_beneficiaries <= 0 or beneficiaries <= 0:
        proportional = 0.0
    else:
        proportional = pool * beneficiaries / total_beneficiaries
    proportional = math.floor(proportional / unit + 1e-9) * unit
    return min(pool, max(proportional, floor))


def remaining(pool, beneficiaries, total_beneficiaries, taken, floor=0.0, unit=1.0):
    """How much more the association may take this period (never negative)."""
    return max(share(pool, beneficiaries, total_beneficiaries, floor, unit) - taken, 0.0)
