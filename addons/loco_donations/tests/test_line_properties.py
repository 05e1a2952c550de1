# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Property-based test (hypothesis): whatever values a script sends for offer and
order lines (over RPC: NaN, infinity, huge, negative, wrong types, far dates), the ORM
gives a valid line or a clear error, never a crash nor a stored absurdity."""

import math
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.loco_hubs.tests.common import PROPERTY_SETTINGS as SETTINGS

from .common import LocoDonationsCase

NUMBERS = (
    st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.sampled_from([0, 1, 2.5, -1, 1e9, float("nan"), float("inf")])
)
DATES = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)) | st.sampled_from(
    [date(9999, 12, 31), date(1, 1, 1)]
)


@tagged("post_install", "-at_install")
class TestLineValueProperties(LocoDonationsCase):
    @SETTINGS
    @given(NUMBERS, NUMBERS, NUMBERS, DATES)
    def test_offer_lines_are_valid_or_refused(self, quantity, weight, value, ddm):
        Offer = self.env["loco.donation.offer"].with_user(self.operator)
        line = {
            "product_id": self.pasta.id,
            "quantity": quantity,
            "weight_kg": weight,
            "declared_value": value,
            "ddm": ddm,
        }
        with self.env.cr.savepoint(flush=False) as savepoint:
            try:
                offer = Offer.create(self.offer_vals([line]))
                offer.flush_recordset()
                offer.line_ids.flush_recordset()
            except (UserError, ValueError, TypeError) as error:
                # a clear, translated refusal: never a bare Python error
                self.assertIsInstance(error, UserError)
                savepoint.rollback()
                return
            stored = offer.line_ids
            self.assertTrue(math.isfinite(stored.quantity) and stored.quantity > 0)
            self.assertTrue(math.isfinite(stored.weight_kg) and stored.weight_kg >= 0)
            self.assertTrue(math.isfinite(stored.declared_value) and stored.declared_value >= 0)
            self.assertLessEqual(stored.ddm, self.today + timedelta(days=3700))
            savepoint.rollback()

    @SETTINGS
    @given(NUMBERS)
    def test_order_lines_are_valid_or_refused(self, quantity):
        association = self.customer
        association.loco_hub_id = self.hub
        Order = self.env["loco.order"].with_user(self.hub_user)
        with self.env.cr.savepoint(flush=False) as savepoint:
            try:
                order = Order.create(
                    {
                        "partner_id": association.id,
                        "line_ids": [
                            Command.create({"product_id": self.pasta.id, "quantity": quantity})
                        ],
                    }
                )
                order.line_ids.flush_recordset()
            except (UserError, ValueError, TypeError) as error:
                self.assertIsInstance(error, UserError)
                savepoint.rollback()
                return
            line = order.line_ids
            self.assertTrue(math.isfinite(line.quantity) and 0 < line.quantity <= 10000)
            self.assertEqual(line.quantity, int(line.quantity))
            savepoint.rollback()
