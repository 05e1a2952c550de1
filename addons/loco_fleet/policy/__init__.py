"""Plain-Python rules of LOCO rounds: routing, distances, cost sharing (no ORM)."""
