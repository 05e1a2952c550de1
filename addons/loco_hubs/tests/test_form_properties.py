# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Property-based tests (hypothesis): whatever a form or a script sends, the parser
and the Bourse aux dons give a valid order or a clear error, never anything else."""

import io
import math
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage

from odoo.exceptions import UserError
from odoo.tests import BaseCase, tagged

from ..tools import values
from .common import PROPERTY_SETTINGS as SETTINGS
from .common import LocoHubsCase

TEXTS = st.text(max_size=30) | st.sampled_from(
    ["3", "3,5", "-1", "0", "nan", "inf", "1e3", "007", " 4 ", "9" * 20, "", "2.999999999"]
)
ANY = (
    TEXTS
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
    | st.lists(st.integers(), max_size=3)
    | st.builds(lambda data: FileStorage(io.BytesIO(data), "f.txt"), st.binary(max_size=8))
)


@tagged("post_install", "-at_install")
class TestParserProperties(BaseCase):
    @SETTINGS
    @given(ANY, st.floats(0, 1e6))
    def test_a_number_is_finite_and_within_its_bounds_or_refused(self, value, maximum):
        try:
            result = values.number(value, maximum=maximum)
        except values.BadValue as error:
            self.assertIn(
                error.code,
                (values.NOT_NUMBER, values.NOT_FINITE, values.NEGATIVE, values.TOO_LARGE),
            )
            return
        self.assertTrue(math.isfinite(result))
        self.assertTrue(0 <= result <= maximum)

    @SETTINGS
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["qty_", "qty_1", "qty_01", "qty_+1", "qty_7_1", "qty_07_1", "x"])
                | st.sampled_from(["qty_7_", "qty__1", "qty_7_1_1", "qty_9_1"])
                | st.text(max_size=8).map(lambda t: "qty_" + t),
                ANY,
            ),
            max_size=6,
        )
    )
    def test_quantities_name_each_line_once_by_plain_digits(self, items):
        """qty_<product> is a product of the home hub (7 here), qty_<hub>_<product> one
        of any hub: ids are plain digits and no line is named twice, in either
        spelling ("qty_1" and "qty_7_1" are one line)."""
        try:
            found = values.sourced_quantities(items, "qty_", 7)
        except values.BadValue as error:
            self.assertIn(error.code, (values.BAD_ID, values.DUPLICATE))
            return
        names = [name for name, _value in items]
        for hub, product in found:
            self.assertIsInstance(hub, int)
            self.assertIsInstance(product, int)
            spellings = {f"qty_{hub}_{product}"} | ({f"qty_{product}"} if hub == 7 else set())
            self.assertEqual(len(spellings & set(names)), 1)
        self.assertEqual(len(found), len([name for name in names if name.startswith("qty_")]))

    @SETTINGS
    @given(ANY | st.dates().map(date.isoformat))
    def test_a_day_is_a_date_within_its_range_or_refused(self, value):
        earliest, latest = date(2020, 1, 1), date(2036, 12, 31)
        try:
            result = values.day(value, earliest=earliest, latest=latest)
        except values.BadValue as error:
            self.assertIn(error.code, (values.NOT_DATE, values.DATE_OUT_OF_RANGE))
            return
        self.assertTrue(result is None or earliest <= result <= latest)


@tagged("post_install", "-at_install")
class TestBourseFormProperties(LocoHubsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.association = cls.env["res.partner"].create(
            {
                "name": "Épicerie hypothèse",
                "loco_association": True,
                "loco_hub_id": cls.hub.id,
                "loco_beneficiaries": 50,
                "loco_can_store_chilled": True,
            }
        )
        cls.put_in_stock(cls.make_lot(cls.pasta, 100, "PROP-P"), 10)
        cls.put_in_stock(cls.make_lot(cls.yoghurt, 6, "PROP-Y"), 4)
        cls.free = {cls.pasta.id: 10, cls.yoghurt.id: 4}

    @SETTINGS
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(
                    [
                        "qty_{p}",
                        "qty_{y}",
                        "qty_0{p}",
                        "qty_{p}",
                        "qty_999999",
                        "delivery_method",
                        "requested_date",
                        "portal_key",
                        "csrf_token",
                        "other",
                    ]
                ),
                ANY,
            ),
            max_size=6,
        )
    )
    def test_any_form_gives_a_valid_order_or_a_clear_error(self, items):
        items = [(name.format(p=self.pasta.id, y=self.yoghurt.id), value) for name, value in items]
        Order = self.env["loco.order"].sudo()
        with self.env.cr.savepoint(flush=False) as savepoint:
            try:
                order = Order._loco_portal_submit(self.association, items)
            except UserError as error:
                self.assertTrue(error.args[0])
                self.assertNotIn("Traceback", error.args[0])
                savepoint.rollback()
                return
            self.assertIn(order.state, ("submitted", "cancelled"))
            products = order.line_ids.product_id
            self.assertEqual(len(products), len(order.line_ids), "one line per product")
            for line in order.line_ids:
                self.assertGreater(line.quantity, 0)
                self.assertLessEqual(line.quantity, self.free[line.product_id.id])
                self.assertEqual(line.quantity, int(line.quantity), "whole units")
            savepoint.rollback()
