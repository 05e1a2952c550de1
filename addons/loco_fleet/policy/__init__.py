# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain-Python rules of LOCO rounds: routing, cold chain, cost sharing (no ORM)."""
