# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Belgian phone numbers, compared by their national number."""

import re

MIN_PHONE_DIGITS = 5


def phone_tail(value):
    """The national number of a Belgian phone number, without +32 / 0032 / the trunk
    0, so "+32 2 538 41 27", "02/538.41.27" and a partial "02 538 41" compare."""
    digits = re.sub(r"\D", "", value or "")
    for prefix in ("0032", "32", "0"):
        if digits.startswith(prefix) and (prefix != "32" or len(digits) > 9):
            digits = digits[len(prefix) :]
            break
    return digits if len(digits) >= MIN_PHONE_DIGITS else ""
