# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Service area of a hub: the postal codes it serves, written like "1000-1299, 1410"."""

import re

_TOKEN = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


class ServiceAreaError(ValueError):
    """The text is not a list of 4-digit Belgian postal codes or ranges."""


def parse(text):
    """Return the list of (first, last) postal code ranges written in ``text``."""
    ranges = []
    normalised = re.sub(r"\s*-\s*", "-", text or "")
    for token in re.split(r"[,;\s]+", normalised):
        if not token:
            continue
        match = _TOKEN.match(token)
        if not match:
            raise ServiceAreaError(token)
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            raise ServiceAreaError(token)
        ranges.append((first, last))
    return ranges


def covers(text, postal_code):
    """Whether the area written in ``text`` contains ``postal_code``."""
    return span(text, postal_code) is not None


def span(text, postal_code):
    """Width of the narrowest range of the area that contains ``postal_code`` (1 for a
    single code), or None when the area does not cover it. The hub with the narrowest
    span is the most specific one for that code."""
    code = (postal_code or "").strip()
    if not code.isdigit():
        return None
    value = int(code)
    widths = [last - first + 1 for first, last in parse(text) if first <= value <= last]
    return min(widths) if widths else None
