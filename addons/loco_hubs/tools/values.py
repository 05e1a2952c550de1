# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""One parser for the values people and scripts send: form fields of the portal and
arguments of public methods. Pure Python, no ORM: each function returns the clean value
or raises :class:`BadValue` with a code, and the caller words the code for its user."""

import math
import re
from datetime import date, datetime

# why a value is refused
NOT_TEXT = "not_text"  # a file, a list, a number where text was expected
TOO_LONG = "too_long"
NOT_NUMBER = "not_number"
NOT_FINITE = "not_finite"  # NaN or infinity
NEGATIVE = "negative"
TOO_LARGE = "too_large"
NOT_DATE = "not_date"
DATE_OUT_OF_RANGE = "date_out_of_range"
BAD_ID = "bad_id"
DUPLICATE = "duplicate"

MAX_TEXT = 500
# record ids are PostgreSQL integers
MAX_ID = 2**31 - 1
# a decimal number as people type it: "12", "2.5", "2,5" (no exponent, no NaN, no sign
# but a leading minus, which is read so that it can be refused with its own message)
DECIMAL = re.compile(r"^(-?)(\d{1,12})(?:[.,](\d{1,9}))?$")
PLAIN_ID = re.compile(r"^[1-9]\d{0,9}$")
MONTH = re.compile(r"^\d{4}-\d{2}$")


class BadValue(ValueError):
    """A value the parser refuses: ``code`` says why, ``value`` is what was sent."""

    def __init__(self, code, value=None):
        super().__init__(code, value)
        self.code = code
        self.value = value


def text(value, max_length=MAX_TEXT, required=False):
    """A stripped string of at most ``max_length`` characters ('' when absent)."""
    if value is None or value is False:
        value = ""
    if not isinstance(value, str):
        raise BadValue(NOT_TEXT, value)
    value = value.strip()
    if len(value) > max_length:
        raise BadValue(TOO_LONG, value[:max_length])
    if required and not value:
        raise BadValue(NOT_TEXT, value)
    return value


def number(value, maximum, minimum=0.0):
    """A finite number between ``minimum`` and ``maximum``, from a number or from a
    decimal typed with a point or a comma. Booleans are not numbers."""
    if isinstance(value, bool):
        raise BadValue(NOT_NUMBER, value)
    if isinstance(value, str):
        match = DECIMAL.match(value.strip())
        if not match:
            raise BadValue(NOT_NUMBER, value)
        sign, whole, fraction = match.groups()
        result = float(f"{sign}{whole}.{fraction or 0}")
    elif isinstance(value, int | float):
        result = float(value)
    else:
        raise BadValue(NOT_NUMBER, value)
    if not math.isfinite(result):
        raise BadValue(NOT_FINITE, value)
    if result < minimum:
        raise BadValue(NEGATIVE, value)
    if result > maximum:
        raise BadValue(TOO_LARGE, value)
    return result


def record_id(value):
    """A record id sent as plain digits ("12", never "012", "+12" or "12.0")."""
    if isinstance(value, bool):
        raise BadValue(BAD_ID, value)
    if isinstance(value, int):
        if 0 < value <= MAX_ID:
            return value
        raise BadValue(BAD_ID, value)
    if isinstance(value, str) and PLAIN_ID.match(value) and int(value) <= MAX_ID:
        return int(value)
    raise BadValue(BAD_ID, value)


def day(value, earliest, latest):
    """A calendar day between ``earliest`` and ``latest`` (both included), from a
    date or an ISO string; None when absent."""
    if value in (None, False, ""):
        return None
    if isinstance(value, datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError as error:
            raise BadValue(NOT_DATE, value) from error
    elif not isinstance(value, date):
        raise BadValue(NOT_DATE, value)
    if not earliest <= value <= latest:
        raise BadValue(DATE_OUT_OF_RANGE, value)
    return value


def month(value, earliest, latest):
    """The first day of a calendar month between those of ``earliest`` and ``latest``,
    from "YYYY-MM" (an HTML month input), a date or an ISO date; None when absent."""
    if isinstance(value, str) and MONTH.match(value.strip()):
        value = value.strip() + "-01"
    first = day(value, date(earliest.year, earliest.month, 1), latest)
    return first.replace(day=1) if first else None


def years_after(start, years):
    """The same day ``years`` later (28 February for a 29 February)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def single(items, key):
    """The one value of ``key`` among the (key, value) pairs of a form: None when the
    key is absent; a key sent twice is refused."""
    found = [value for name, value in items if name == key]
    if len(found) > 1:
        raise BadValue(DUPLICATE, key)
    return found[0] if found else None


def sourced_quantities(items, prefix, default_source):
    """{(source id, id): raw value} of the form fields named ``prefix`` + source id +
    "_" + id ("qty_3_12": product 12 from hub 3), or ``prefix`` + id for the
    ``default_source`` ("qty_12"). Each id is plain digits; a line named twice, in
    either spelling, is refused: it would be two lines of one product of one source."""
    found = {}
    for name, value in items:
        if not name.startswith(prefix):
            continue
        source, sep, key = name[len(prefix) :].partition("_")
        line = (record_id(source), record_id(key)) if sep else (default_source, record_id(source))
        if line in found:
            raise BadValue(DUPLICATE, name)
        found[line] = value
    return found
