# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The cold chain: whether a temperature reading keeps food of a class safe, and the
class a set of goods must be kept at (the coldest of them)."""

IN_RANGE = None
TOO_WARM = "too_warm"
TOO_COLD = "too_cold"

# from the least to the most demanding class
ORDER = ("ambient", "chilled", "frozen")


def verdict(reading, lowest, highest):
    """None when ``reading`` (°C) lies within ``lowest`` .. ``highest`` (both
    included), else TOO_WARM or TOO_COLD."""
    if reading > highest:
        return TOO_WARM
    if reading < lowest:
        return TOO_COLD
    return IN_RANGE


def coldest(classes):
    """The most demanding of the temperature ``classes`` (None for none)."""
    known = [cls for cls in classes if cls in ORDER]
    return max(known, key=ORDER.index) if known else None
