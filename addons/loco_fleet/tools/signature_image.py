# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""A driver's signature, as the signature widget sends it: a base64 PNG or JPEG."""

import base64
import binascii

SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def is_base64_image(value, max_bytes):
    """Whether ``value`` (str or bytes) is a base64 PNG or JPEG of at most
    ``max_bytes`` bytes."""
    if isinstance(value, str):
        value = value.encode("ascii", "replace")
    if not isinstance(value, bytes) or len(value) > max_bytes * 4 // 3 + 4:
        return False
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return data.startswith(SIGNATURES)
