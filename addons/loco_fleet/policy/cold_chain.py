# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Temperature readings along a round (no ORM).

Chilled food travels at 0-7 °C, frozen food at -18 °C or colder. A driver records a
reading at each stop with chilled or frozen goods; a reading above the limit is a
break of the cold chain that hub staff must look at.
"""

from .routing import AMBIENT, CHILLED, FROZEN

MAX_READING = {CHILLED: 7.0, FROZEN: -18.0}
PLAUSIBLE = (-40.0, 40.0)


def needs_reading(temperature_class):
    return (temperature_class or AMBIENT) in (CHILLED, FROZEN)


def plausible(value):
    return PLAUSIBLE[0] <= value <= PLAUSIBLE[1]


def limit(temperature_class):
    return MAX_READING.get(temperature_class)


def breach(temperature_class, value):
    """Whether ``value`` (°C) breaks the cold chain of goods of that class."""
    top = limit(temperature_class)
    return top is not None and value > top
