"""Plain-Python food-safety rules of LOCO hubs (no ORM: unit-tested alone)."""
