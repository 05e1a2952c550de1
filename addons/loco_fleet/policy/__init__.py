"""Plain-Python rules of LOCO rounds: routing, cold chain, cost sharing (no ORM)."""
