"""Plain-Python rules of donor offers (no ORM: unit-tested alone)."""
