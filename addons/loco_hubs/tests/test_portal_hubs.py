# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""An association orders from its home hub and from the other hubs of the network that
serve its commune, whatever organisation runs them: the Bourse shows where each line
comes from, one form gives one order per hub, each in its hub's organisation, and the
volunteers follow them all while each organisation's staff see only their own."""

import re

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_portal import LocoPortalCase

KEY = re.compile(r'name="portal_key" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestPortalHubs(LocoPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # codes no demo hub serves: the network of the test is these hubs alone
        cls.grocery.zip = "4993"
        cls.restos = cls.env["res.company"].create(
            {"name": "Restos du Cœur (test)", "currency_id": cls.env.ref("base.EUR").id}
        )
        Hub = cls.env["stock.warehouse"].with_context(allowed_company_ids=[cls.restos.id])
        cls.central = Hub.create(
            {
                "name": "Fernelmont (test)",
                "code": "FRNT",
                "loco_hub": True,
                "company_id": cls.restos.id,
                "loco_service_area": "4990-4999",
            }
        )
        cls.far = Hub.create(
            {
                "name": "Far away (test)",
                "code": "FART",
                "loco_hub": True,
                "company_id": cls.restos.id,
                "loco_service_area": "4980-4985",
            }
        )
        cls.rice = cls.env["product.product"].create(
            {"name": "Test rice 1 kg", "categ_id": cls.categ_pasta.id}
        )
        for hub, product, qty in (
            (cls.central, cls.rice, 30),
            (cls.central, cls.pasta, 5),
            (cls.far, cls.rice, 50),
        ):
            lot = cls.env["stock.lot"].create(
                {
                    "name": f"{hub.code}-{product.name}",
                    "product_id": product.id,
                    "company_id": cls.restos.id,
                    "use_date": cls.at(100),
                }
            )
            cls.put_in_stock(lot, qty, hub.loco_ambient_location_id)
        cls.restos_coordinator = new_test_user(
            cls.env,
            "loco_restos_coordinator",
            groups="loco_hubs.group_loco_coordinator",
            company_id=cls.restos.id,
            company_ids=[Command.set([cls.restos.id])],
        )

    def form(self, **lines):
        """A Bourse form as the page gives it: its key, and the quantities typed."""
        _response, html = self.page("/my/bourse")
        return {"portal_key": KEY.search(html).group(1), **lines}

    def test_the_bourse_shows_the_hubs_serving_the_commune_and_where_each_line_comes_from(self):
        self.login("grocery_portal")
        _response, html = self.page("/my/bourse")
        self.assertIn("Fernelmont (test)", html)
        self.assertNotIn("Far away (test)", html, "its area does not cover 4993")
        self.assertIn(f'name="qty_{self.central.id}_{self.rice.id}"', html)
        self.assertIn(f'name="qty_{self.hub.id}_{self.pasta.id}"', html)
        self.assertIn(f'name="qty_{self.central.id}_{self.pasta.id}"', html)
        self.assertNotIn(f'name="qty_{self.far.id}_', html)
        # the association of no other commune sees its home hub alone
        self.login("resto_portal")
        _response, html = self.page("/my/bourse")
        self.assertNotIn("Fernelmont (test)", html)
        self.assertNotIn(f'name="qty_{self.central.id}_', html)

    def test_one_form_gives_one_order_per_hub_in_each_hubs_organisation(self):
        self.login("grocery_portal")
        response = self.post(
            "/my/bourse/order",
            self.form(
                **{
                    f"qty_{self.hub.id}_{self.pasta.id}": "3",
                    f"qty_{self.central.id}_{self.rice.id}": "10",
                    f"qty_{self.central.id}_{self.pasta.id}": "2",
                    "delivery_method": "pickup",
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my/loco/orders"), "two orders: their list")
        orders = self.env["loco.order"].search([("partner_id", "=", self.grocery.id)])
        self.assertEqual(len(orders), 2)
        home = orders.filtered(lambda order: order.hub_id == self.hub)
        central = orders.filtered(lambda order: order.hub_id == self.central)
        self.assertEqual(home.company_id, self.company)
        self.assertEqual(central.company_id, self.restos)
        self.assertEqual(orders.mapped("state"), ["submitted", "submitted"])
        self.assertEqual(
            {(line.product_id, line.quantity) for line in home.line_ids}, {(self.pasta, 3)}
        )
        self.assertEqual(
            {(line.product_id, line.quantity) for line in central.line_ids},
            {(self.rice, 10), (self.pasta, 2)},
        )
        # the volunteer follows both, with their hubs
        self.assertIn(home.name, response.text)
        self.assertIn(central.name, response.text)
        self.assertIn("Fernelmont (test)", response.text)
        response = self.url_open(central.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Fernelmont (test)", response.text)
        # each organisation's staff see their own hub's order only
        Order = self.env["loco.order"]
        self.assertEqual(Order.with_user(self.coordinator).search([("id", "in", orders.ids)]), home)
        self.assertEqual(
            Order.with_user(self.restos_coordinator).search([("id", "in", orders.ids)]), central
        )
        with self.assertRaises(AccessError):
            central.with_user(self.coordinator).read(["name"])
        with self.assertRaises(AccessError):
            home.line_ids.with_user(self.restos_coordinator).read(["quantity"])
        # the other hub's coordinator confirms its order: the food leaves its hub
        central.with_user(self.restos_coordinator).action_confirm()
        self.assertEqual(central.picking_id.picking_type_id.warehouse_id, self.central)
        self.assertEqual(central.picking_id.company_id, self.restos)

    def test_a_line_left_blank_or_zero_at_one_hub_makes_no_order_there(self):
        self.login("grocery_portal")
        self.post(
            "/my/bourse/order",
            self.form(
                **{
                    f"qty_{self.pasta.id}": "1",
                    f"qty_{self.central.id}_{self.rice.id}": "0",
                    f"qty_{self.central.id}_{self.pasta.id}": "",
                }
            ),
        )
        orders = self.env["loco.order"].search([("partner_id", "=", self.grocery.id)])
        self.assertEqual(orders.hub_id, self.hub, "qty_<product> is a line of the home hub")

    def test_a_double_click_sends_one_order_per_hub(self):
        self.login("grocery_portal")
        form = self.form(
            **{
                f"qty_{self.hub.id}_{self.pasta.id}": "1",
                f"qty_{self.central.id}_{self.rice.id}": "1",
            }
        )
        first = self.post("/my/bourse/order", form)
        second = self.post("/my/bourse/order", form)
        self.assertEqual(first.url, second.url)
        self.assertEqual(
            self.env["loco.order"].search_count([("partner_id", "=", self.grocery.id)]), 2
        )

    def test_forged_hubs_and_lines_are_refused_and_leave_no_order(self):
        self.login("grocery_portal")
        for lines, message in (
            # a hub of the network that does not serve the association
            ({f"qty_{self.far.id}_{self.rice.id}": "1"}, "does not serve your association"),
            # a warehouse id that is no hub, one that does not exist
            ({f"qty_999999_{self.rice.id}": "1"}, "does not serve your association"),
            # the food of one hub asked from another
            ({f"qty_{self.hub.id}_{self.rice.id}": "1"}, "is not available at Test hub"),
            # one line under two names, ids that are not plain digits
            (
                {f"qty_{self.pasta.id}": "1", f"qty_{self.hub.id}_{self.pasta.id}": "1"},
                "came back changed",
            ),
            ({f"qty_0{self.central.id}_{self.rice.id}": "1"}, "came back changed"),
            ({f"qty_{self.central.id}_x": "1"}, "came back changed"),
            ({f"qty_{self.central.id}_{self.rice.id}_1": "1"}, "came back changed"),
            # a good line at one hub does not carry a bad one at another
            (
                {
                    f"qty_{self.hub.id}_{self.pasta.id}": "1",
                    f"qty_{self.central.id}_{self.rice.id}": "-1",
                },
                "more than zero",
            ),
            (
                {
                    f"qty_{self.hub.id}_{self.pasta.id}": "1",
                    f"qty_{self.central.id}_{self.rice.id}": "nan",
                },
                "is not a number",
            ),
        ):
            response = self.post("/my/bourse/order", self.form(**lines))
            self.assertEqual(response.status_code, 200, lines)
            self.assertIn(message, response.text, lines)
        self.assertFalse(self.env["loco.order"].search([("partner_id", "=", self.grocery.id)]))

    def test_an_association_of_another_hub_shares_scarce_food_fairly_there_too(self):
        """The hub's own associations feed 0 people here: the grocery (200) is all the
        hub serves, and its fair share is the whole pool, capped by the floor rule."""
        self.env["loco.scarce.product"].create(
            {"hub_id": self.central.id, "product_id": self.rice.id, "period_days": 7}
        )
        entry = self.central._loco_catalogue(self.grocery)[self.rice]
        self.assertTrue(entry["scarce"])
        self.assertEqual(entry["allowance"], 30)
