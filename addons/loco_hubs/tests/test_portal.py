# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import LocoNetworkMixin

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class LocoPortalCase(LocoNetworkMixin, HttpCase):
    """Two associations of the test hub with a portal volunteer each, and stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.grocery = Partner.create(
            {
                "name": "Épicerie portail",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": cls.hub.id,
                "loco_beneficiaries": 200,
                "loco_can_store_chilled": True,
            }
        )
        cls.restaurant = Partner.create(
            {
                "name": "Resto portail",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": cls.hub.id,
                "loco_beneficiaries": 100,
            }
        )
        for login, association in (
            ("grocery_portal", cls.grocery),
            ("resto_portal", cls.restaurant),
        ):
            new_test_user(
                cls.env,
                login,
                groups="base.group_portal",
                password=login + "_pw",
                partner_id=Partner.create({"name": login, "parent_id": association.id}).id,
            )
        cls.pasta_lot = cls.make_lot(cls.pasta, 100, "PORTAL-P")
        cls.yoghurt_lot = cls.make_lot(cls.yoghurt, 6, "PORTAL-Y")
        cls.put_in_stock(cls.pasta_lot, 10)
        cls.put_in_stock(cls.yoghurt_lot, 4)
        cls.donor = Partner.create({"name": "Secret Donor SA", "loco_association": False})
        cls.pasta_lot.ref = "Secret Donor SA lot"

    def login(self, login):
        self.authenticate(login, login + "_pw")

    def page(self, url):
        response = self.url_open(url)
        return response, response.text

    def post(self, url, data, with_csrf=True):
        if with_csrf:
            _response, html = self.page("/my/bourse")
            data = {**data, "csrf_token": CSRF.search(html).group(1)}
        return self.url_open(url, data=data)


@tagged("post_install", "-at_install")
class TestPortal(LocoPortalCase):
    def test_catalogue_shows_what_the_association_can_store_and_no_donor(self):
        self.login("grocery_portal")
        response, html = self.page("/my/bourse")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.pasta.display_name, html)
        self.assertIn(self.yoghurt.display_name, html)
        self.assertNotIn("Secret Donor", html)
        self.login("resto_portal")
        _response, html = self.page("/my/bourse")
        self.assertIn(self.pasta.display_name, html)
        self.assertNotIn(self.yoghurt.display_name, html, "no fridge, no chilled food")
        _response, home = self.page("/my")
        self.assertIn("/my/bourse", home)

    def test_order_then_follow_it_and_isolation_both_ways(self):
        self.login("grocery_portal")
        response = self.post(
            "/my/bourse/order", {f"qty_{self.pasta.id}": "3", "delivery_method": "pickup"}
        )
        self.assertEqual(response.status_code, 200)
        order = self.env["loco.order"].search([("partner_id", "=", self.grocery.id)])
        self.assertEqual(order.state, "submitted")
        self.assertEqual(order.line_ids.quantity, 3)
        self.assertIn(order.name, response.text)
        _response, listing = self.page("/my/loco/orders")
        self.assertIn(order.name, listing)

        self.login("resto_portal")
        _response, listing = self.page("/my/loco/orders")
        self.assertNotIn(order.name, listing)
        for url in (
            f"/my/loco/orders/{order.id}",
            f"/my/loco/orders/{order.id}?access_token=forged",
            "/my/loco/orders/999999",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(order.name, response.text)
        response = self.post(f"/my/loco/orders/{order.id}/cancel", {})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(order.state, "submitted")

        # the order's own access token opens it, even logged out
        self.authenticate(None, None)
        token_url = f"/my/loco/orders/{order.id}?access_token={order._portal_ensure_token()}"
        response = self.url_open(token_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(order.name, response.text)

        self.login("grocery_portal")
        self.post(f"/my/loco/orders/{order.id}/cancel", {})
        self.assertEqual(order.state, "cancelled")

    def test_bad_input_over_http_is_a_clear_error_never_a_500(self):
        self.login("resto_portal")
        cases = [
            ({f"qty_{self.pasta.id}": "-2"}, "more than zero"),
            ({f"qty_{self.pasta.id}": "1.5"}, "whole number"),
            ({f"qty_{self.pasta.id}": "abc"}, "is not a number"),
            ({f"qty_{self.pasta.id}": "99999999"}, "the most one order line"),
            ({f"qty_{self.yoghurt.id}": "1"}, "is not available at Test hub"),
            ({"qty_999999": "1"}, "is not available at Test hub"),
            ({}, "at least one product"),
            ({f"qty_{self.pasta.id}": "0"}, "at least one product"),
            ({f"qty_{self.pasta.id}": "1", "requested_date": "2001-01-01"}, "already past"),
            ({f"qty_{self.pasta.id}": "1", "requested_date": "not a date"}, "is not a date"),
            ({f"qty_{self.pasta.id}": "nan"}, "is not a number"),
            ({f"qty_{self.pasta.id}": "inf"}, "is not a number"),
            ({f"qty_{self.pasta.id}": "1e3"}, "is not a number"),
            ({f"qty_{self.pasta.id}": "1", "requested_date": "9999-12-31"}, "next 365 days"),
            ({f"qty_{self.pasta.id}": "1", "delivery_method": "teleport"}, "pickup"),
            ({f"qty_0{self.pasta.id}": "1"}, "came back changed"),
            ({f"qty_+{self.pasta.id}": "1"}, "came back changed"),
            ({"qty_abc": "1"}, "came back changed"),
        ]
        for data, message in cases:
            response = self.post("/my/bourse/order", data)
            self.assertEqual(response.status_code, 200, data)
            self.assertIn(message, response.text, data)
        self.assertFalse(self.env["loco.order"].search([("partner_id", "=", self.restaurant.id)]))

    def test_forms_need_the_csrf_token(self):
        self.login("grocery_portal")
        with mute_logger("odoo.http"):  # Odoo warns about the missing token, as it should
            response = self.post("/my/bourse/order", {f"qty_{self.pasta.id}": "1"}, with_csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["loco.order"].search([("partner_id", "=", self.grocery.id)]))

    def test_a_portal_user_cannot_order_for_another_association(self):
        self.login("resto_portal")
        self.post(
            "/my/bourse/order", {f"qty_{self.pasta.id}": "1", "partner_id": str(self.grocery.id)}
        )
        order = self.env["loco.order"].search([("line_ids.product_id", "=", self.pasta.id)])
        self.assertEqual(order.partner_id, self.restaurant)

    def test_association_confirms_receipt_of_a_delivery(self):
        self.login("grocery_portal")
        self.post(
            "/my/bourse/order", {f"qty_{self.yoghurt.id}": "2", "delivery_method": "delivery"}
        )
        order = self.env["loco.order"].search([("partner_id", "=", self.grocery.id)])
        order.with_user(self.coordinator).action_confirm()
        self.assertEqual(order.state, "ready")
        _response, html = self.page(order.get_portal_url())
        self.assertIn("We received it", html)
        response = self.post(f"/my/loco/orders/{order.id}/received", {})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(order.state, "done")
        self.assertEqual(order.picking_id.state, "done")
        # a second click changes nothing
        self.post(f"/my/loco/orders/{order.id}/received", {})
        self.assertEqual(order.state, "done")

    def test_isolation_the_other_way_round(self):
        self.login("resto_portal")
        self.post("/my/bourse/order", {f"qty_{self.pasta.id}": "2"})
        order = self.env["loco.order"].search([("partner_id", "=", self.restaurant.id)])
        self.assertEqual(order.state, "submitted")
        self.login("grocery_portal")
        _response, listing = self.page("/my/loco/orders")
        self.assertNotIn(order.name, listing)
        response = self.url_open(f"/my/loco/orders/{order.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.restaurant.name, response.text)
        self.post(f"/my/loco/orders/{order.id}/cancel", {})
        self.assertEqual(order.state, "submitted")

    def test_quarantined_food_cannot_be_ordered_over_http(self):
        self.put_in_stock(
            self.make_lot(self.bread, 2, "QUARANTINED"), 9, self.hub.loco_quarantine_location_id
        )
        self.login("resto_portal")
        _response, html = self.page("/my/bourse")
        self.assertNotIn(self.bread.display_name, html)
        response = self.post("/my/bourse/order", {f"qty_{self.bread.id}": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("is not available at Test hub", response.text)
        self.assertFalse(self.env["loco.order"].search([("partner_id", "=", self.restaurant.id)]))

    def test_cancel_and_receipt_forms_need_the_csrf_token(self):
        self.login("grocery_portal")
        self.post(
            "/my/bourse/order", {f"qty_{self.yoghurt.id}": "1", "delivery_method": "delivery"}
        )
        order = self.env["loco.order"].search([("partner_id", "=", self.grocery.id)])
        with mute_logger("odoo.http"):
            # a form without the token (some data: an empty one would be a GET)
            response = self.post(
                f"/my/loco/orders/{order.id}/cancel", {"confirm": "1"}, with_csrf=False
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(order.state, "submitted")
        order.with_user(self.coordinator).action_confirm()
        with mute_logger("odoo.http"):
            response = self.post(
                f"/my/loco/orders/{order.id}/received", {"confirm": "1"}, with_csrf=False
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(order.state, "ready")

    def test_a_double_click_sends_one_order(self):
        self.login("grocery_portal")
        _response, html = self.page("/my/bourse")
        key = re.search(r'name="portal_key" value="([^"]+)"', html).group(1)
        form = {f"qty_{self.pasta.id}": "2", "portal_key": key}
        first = self.post("/my/bourse/order", form)
        second = self.post("/my/bourse/order", form)
        orders = self.env["loco.order"].search([("partner_id", "=", self.grocery.id)])
        self.assertEqual(len(orders), 1)
        self.assertEqual(orders.line_ids.quantity, 2)
        self.assertEqual(first.url, second.url, "the second click shows the first order")
        # another visit of the catalogue is another form: another order
        self.post("/my/bourse/order", {f"qty_{self.pasta.id}": "1"})
        self.assertEqual(
            self.env["loco.order"].search_count([("partner_id", "=", self.grocery.id)]), 2
        )

    def test_receipt_is_confirmed_only_once_the_order_is_ready(self):
        self.login("grocery_portal")
        self.post(
            "/my/bourse/order", {f"qty_{self.yoghurt.id}": "3", "delivery_method": "delivery"}
        )
        order = self.env["loco.order"].search([("partner_id", "=", self.grocery.id)])
        order.with_user(self.coordinator).action_confirm()
        order.picking_id.do_unreserve()  # the hub gave the yoghurts to someone else
        self.assertEqual(order.state, "confirmed", "the order follows its transfer")
        _response, html = self.page(order.get_portal_url())
        self.assertNotIn("We received it", html)
        response = self.post(f"/my/loco/orders/{order.id}/received", {})
        self.assertEqual(response.status_code, 200)
        self.assertIn("is not ready yet", response.text)
        self.assertEqual(order.state, "confirmed")
        self.assertNotEqual(order.picking_id.state, "done")

    def test_catalogue_shows_the_dlc_or_ddm_on_phones_too(self):
        self.login("grocery_portal")
        _response, html = self.page("/my/bourse")
        row = re.search(
            rf'data-product-id="{self.yoghurt.id}".*?</tr>', html, flags=re.DOTALL
        ).group(0)
        self.assertIn("DLC", row)
        dlc = self.yoghurt_lot.expiration_date
        self.assertIn(f"{dlc.month:02d}/{dlc.day:02d}/{dlc.year}", row)
        self.assertNotIn("d-none", row, "visible on every screen")
        row = re.search(rf'data-product-id="{self.pasta.id}".*?</tr>', html, flags=re.DOTALL).group(
            0
        )
        self.assertIn("DDM", row)
        ddm = self.pasta_lot.use_date
        self.assertIn(f"{ddm.month:02d}/{ddm.day:02d}/{ddm.year}", row)


@tagged("post_install", "-at_install")
class TestCatalogueQueries(LocoNetworkMixin, HttpCase):
    """The Bourse aux dons page costs the same queries with 20 or 200 lots."""

    def fill(self, lots, hub=None):
        hub = hub or self.hub
        products = self.env["product.product"].create(
            [{"name": f"Query pasta {i}", "categ_id": self.categ_pasta.id} for i in range(5)]
        )
        for index in range(lots):
            self.put_in_stock(
                self.make_lot(products[index % 5], 30 + index, f"QC-{hub.code}-{lots}-{index}"),
                2,
                hub.loco_ambient_location_id,
            )

    def render(self):
        self.env.flush_all()
        self.env.invalidate_all()
        response = self.url_open("/my/bourse")
        self.assertEqual(response.status_code, 200)
        return response

    def test_catalogue_page_query_count_does_not_grow_with_the_lots(self):
        self.check_query_count(self.hub)

    def test_with_two_hubs_serving_it_the_count_does_not_grow_with_their_lots(self):
        other = self.env["stock.warehouse"].create(
            {"name": "Query hub 2", "code": "QRY2", "loco_hub": True, "loco_service_area": "4993"}
        )
        self.check_query_count(self.hub, other)

    def check_query_count(self, *hubs):
        association = self.env["res.partner"].create(
            {
                "name": "Query grocery",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": hubs[0].id,
                "zip": "4993",  # no demo hub serves it
            }
        )
        new_test_user(
            self.env,
            "query_portal",
            groups="base.group_portal",
            partner_id=self.env["res.partner"]
            .create({"name": "query_portal", "parent_id": association.id})
            .id,
        )
        self.authenticate("query_portal", "query_portal")
        for hub in hubs:
            self.fill(20, hub)
        self.render()  # warm: templates compiled, session loaded
        before = self.cr.sql_log_count
        html = self.render().text
        small = self.cr.sql_log_count - before
        self.assertGreater(small, 0, "the page's queries are counted")
        for hub in hubs:
            self.assertIn(f'name="qty_{hub.id}_', html, "each hub's food is on the page")
            self.fill(180, hub)
        self.render()
        with self.assertQueryCount(small):
            self.render()


@tagged("post_install", "-at_install")
class TestPortalAttacks(LocoPortalCase):
    """What an attacker or a careless volunteer sends to the portal routes."""

    def test_portal_user_cannot_cancel_an_order_the_hub_confirmed(self):
        self.login("grocery_portal")
        self.post("/my/bourse/order", {f"qty_{self.pasta.id}": "2"})
        order = self.env["loco.order"].search([("partner_id", "=", self.grocery.id)])
        order.with_user(self.coordinator).action_confirm()
        self.assertEqual(order.state, "ready")
        response = self.post(f"/my/loco/orders/{order.id}/cancel", {"confirm": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("cannot be cancelled any more", response.text)
        self.assertEqual(order.state, "ready")
        self.assertEqual(order.picking_id.state, "assigned")

    def test_a_token_holder_logged_out_only_reads_the_order(self):
        self.login("grocery_portal")
        self.post("/my/bourse/order", {f"qty_{self.pasta.id}": "2"})
        order = self.env["loco.order"].search([("partner_id", "=", self.grocery.id)])
        token = order._portal_ensure_token()
        self.authenticate(None, None)
        response = self.url_open(f"/my/loco/orders/{order.id}?access_token={token}")
        csrf = CSRF.search(response.text).group(1)
        response = self.url_open(
            f"/my/loco/orders/{order.id}/cancel?access_token={token}",
            data={"csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Log in as a volunteer of", response.text)
        self.assertEqual(order.state, "submitted")

    def test_one_product_under_several_keys_is_refused(self):
        """qty_12, qty_012 and qty_+12 were three lines of one product, each checked
        alone against the free stock and the fair share."""
        self.login("resto_portal")
        pid = self.pasta.id
        for data in (
            {f"qty_{pid}": "10", f"qty_0{pid}": "10", f"qty_+{pid}": "10"},
            [(f"qty_{pid}", "6"), (f"qty_{pid}", "6")],
        ):
            _response, html = self.page("/my/bourse")
            csrf = CSRF.search(html).group(1)
            form = [*(data.items() if isinstance(data, dict) else data), ("csrf_token", csrf)]
            response = self.opener.post(self.base_url() + "/my/bourse/order", data=form)
            self.assertEqual(response.status_code, 200)
            self.assertIn("came back changed", response.text)
        self.assertFalse(self.env["loco.order"].search([("partner_id", "=", self.restaurant.id)]))

    def test_wrong_typed_values_get_the_form_message_not_a_500(self):
        self.login("resto_portal")
        _response, html = self.page("/my/bourse")
        csrf = CSRF.search(html).group(1)
        url = self.base_url() + "/my/bourse/order"
        cases = [
            # a file where a date is expected
            (
                {f"qty_{self.pasta.id}": "1", "csrf_token": csrf},
                {"requested_date": ("d.txt", b"2030-01-01")},
                "is not a date",
            ),
            # a file where a quantity is expected
            ({"csrf_token": csrf}, {f"qty_{self.pasta.id}": ("q.txt", b"3")}, "is not a number"),
            # a field sent twice
            (
                [
                    (f"qty_{self.pasta.id}", "1"),
                    ("delivery_method", "pickup"),
                    ("delivery_method", "delivery"),
                    ("csrf_token", csrf),
                ],
                None,
                "came back changed",
            ),
            (
                {f"qty_{self.pasta.id}": "1", "portal_key": "k" * 500, "csrf_token": csrf},
                None,
                "came back changed",
            ),
        ]
        for data, files, message in cases:
            response = self.opener.post(url, data=data, files=files)
            self.assertEqual(response.status_code, 200, data)
            self.assertIn(message, response.text, data)
        self.assertFalse(self.env["loco.order"].search([("partner_id", "=", self.restaurant.id)]))

    def test_forged_ids_pages_and_tokens_answer_404_or_the_page(self):
        self.login("grocery_portal")
        self.post("/my/bourse/order", {f"qty_{self.pasta.id}": "2"})
        order = self.env["loco.order"].search([("partner_id", "=", self.grocery.id)])
        for url in ("/my/loco/orders/99999999999", "/my/loco/orders/0"):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        for url in ("/my/loco/orders/page/99999999999", "/my/loco/orders/page/0"):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 200, "the pager clamps the page")
        response = self.post("/my/loco/orders/99999999999/cancel", {"confirm": "1"})
        self.assertEqual(response.status_code, 404)
        # a token sent twice: the first is read, and the order still opens
        token = order._portal_ensure_token()
        response = self.url_open(
            f"/my/loco/orders/{order.id}?access_token={token}&access_token=forged"
        )
        self.assertEqual(response.status_code, 200)
        self.login("resto_portal")
        response = self.url_open(f"/my/loco/orders/{order.id}?access_token=" + "x" * 5000)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(order.state, "submitted")
