# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Temperature readings along a round (no ORM).

A driver records a reading at each stop with chilled or frozen goods; a reading above
the highest temperature of their class (configuration: loco.temperature.limit, 7 °C
for chilled food and -18 °C for frozen food unless coordinators change it) is a break
of the cold chain that hub staff must look at.
"""

from .routing import AMBIENT, CHILLED, FROZEN

PLAUSIBLE = (-40.0, 40.0)


def needs_reading(temperature_class):
    return (temperature_class or AMBIENT) in (CHILLED, FROZEN)


def plausible(value):
    return PLAUSIBLE[0] <= value <= PLAUSIBLE[1]


def breach(value, highest):
    """Whether ``value`` (°C) breaks the cold chain of goods kept at ``highest`` °C at
    most."""
    return value > highest
