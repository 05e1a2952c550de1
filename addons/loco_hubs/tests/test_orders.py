# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import LocoHubsCase


class LocoOrdersCase(LocoHubsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.grocery = Partner.create(
            {
                "name": "Épicerie test",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": cls.hub.id,
                "loco_beneficiaries": 300,
                "loco_can_store_chilled": True,
            }
        )
        cls.restaurant = Partner.create(
            {
                "name": "Resto test",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": cls.hub.id,
                "loco_beneficiaries": 100,
            }
        )
        cls.grocery_user = new_test_user(
            cls.env,
            "loco_portal_grocery",
            groups="base.group_portal",
            partner_id=Partner.create({"name": "Anne", "parent_id": cls.grocery.id}).id,
        )
        cls.restaurant_user = new_test_user(
            cls.env,
            "loco_portal_resto",
            groups="base.group_portal",
            partner_id=Partner.create({"name": "Bert", "parent_id": cls.restaurant.id}).id,
        )
        cls.pasta_old = cls.make_lot(cls.pasta, -330, "P-OLD")  # until +35
        cls.pasta_new = cls.make_lot(cls.pasta, 100, "P-NEW")
        cls.yoghurt_lot = cls.make_lot(cls.yoghurt, 5, "Y-1")
        cls.put_in_stock(cls.pasta_old, 6)
        cls.put_in_stock(cls.pasta_new, 10)
        cls.put_in_stock(cls.yoghurt_lot, 8)

    @classmethod
    def order(cls, association, lines, **vals):
        """An order as the portal makes it (sudo, after its own checks)."""
        return (
            cls.env["loco.order"]
            .sudo()
            .create(
                {
                    "partner_id": association.id,
                    "line_ids": [(0, 0, {"product_id": p.id, "quantity": q}) for p, q in lines],
                    **vals,
                }
            )
        )


@tagged("post_install", "-at_install")
class TestOrders(LocoOrdersCase):
    def test_catalogue_shows_only_what_can_be_stored_and_given(self):
        catalogue = self.hub._loco_catalogue(self.grocery)
        self.assertEqual(catalogue[self.pasta]["free"], 16)
        self.assertEqual(catalogue[self.yoghurt]["free"], 8)
        self.assertEqual(catalogue[self.pasta]["until"], self.end_of(35))
        self.assertNotIn(
            self.yoghurt, self.hub._loco_catalogue(self.restaurant), "no fridge, no yoghurt"
        )
        expired = self.make_lot(self.bread, -1, "B-EXP")
        self.put_in_stock(expired, 5)
        self.assertNotIn(self.bread, self.hub._loco_catalogue(self.grocery))
        fresh_bread = self.make_lot(self.bread, 0, "B-TODAY")
        self.put_in_stock(fresh_bread, 3, self.hub.loco_quarantine_location_id)
        self.assertNotIn(
            self.bread, self.hub._loco_catalogue(self.grocery), "quarantine is never offered"
        )
        self.put_in_stock(fresh_bread, 2)
        bread = self.hub._loco_catalogue(self.grocery)[self.bread]
        self.assertEqual(bread["free"], 2)
        self.assertTrue(bread["urgent"])

    def test_submit_confirm_ready_done_with_fefo(self):
        order = self.order(self.grocery, [(self.pasta, 8)], delivery_method="delivery")
        self.assertRegex(order.name, r"^CMD/\d{4}/\d{5}$")
        self.assertEqual(order.hub_id, self.hub)
        order.action_submit()
        self.assertEqual(order.state, "submitted")
        self.assertEqual(
            self.hub._loco_catalogue(self.restaurant)[self.pasta]["free"], 8, "submitted = taken"
        )
        order.with_user(self.hub_user).action_confirm()
        picking = order.picking_id
        self.assertEqual(picking.picking_type_id, self.hub.out_type_id)
        self.assertEqual(picking.loco_order_id, order)
        self.assertEqual(
            {ml.lot_id: ml.quantity for ml in picking.move_line_ids},
            {self.pasta_old: 6, self.pasta_new: 2},
        )
        self.assertEqual(order.state, "ready")
        self.assertEqual(order.line_ids.reserved_quantity, 8)
        order.with_user(self.grocery_user).sudo().action_confirm_receipt()
        self.assertEqual(order.state, "done")
        self.assertEqual(picking.state, "done")

    def test_the_second_association_gets_what_is_left(self):
        first = self.order(self.grocery, [(self.pasta, 12)])
        second = self.order(self.restaurant, [(self.pasta, 12)])
        first.action_submit()
        second.action_submit()
        self.assertEqual(first.line_ids.quantity, 12)
        self.assertEqual(second.line_ids.quantity, 4)
        self.assertIn("only 4.0 left of the 12.0", second.notice)
        third = self.order(self.restaurant, [(self.pasta, 1)])
        third.action_submit()
        self.assertEqual(third.state, "cancelled")
        self.assertIn("Nothing you asked for is left", third.notice)
        for order in (first, second):
            order.with_user(self.coordinator).action_confirm()
        reserved = sum(first.picking_id.move_ids.mapped("quantity")) + sum(
            second.picking_id.move_ids.mapped("quantity")
        )
        self.assertEqual(reserved, 16)

    def test_auto_confirm_hub(self):
        self.hub.loco_auto_confirm = True
        order = self.order(self.grocery, [(self.yoghurt, 3)])
        order.action_submit()
        self.assertEqual(order.state, "ready")
        self.assertEqual(order.picking_id.move_line_ids.lot_id, self.yoghurt_lot)

    def test_pickup_order_is_done_when_the_hub_validates(self):
        order = self.order(self.grocery, [(self.yoghurt, 2)])
        order.action_submit()
        order.with_user(self.coordinator).action_confirm()
        with self.assertRaisesRegex(UserError, "picked up at the hub"):
            order.sudo().action_confirm_receipt()
        picking = order.picking_id
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(order.state, "done")

    def test_fair_share_of_a_scarce_product(self):
        self.env["loco.scarce.product"].create(
            {"hub_id": self.hub.id, "product_id": self.pasta.id, "floor_quantity": 1}
        )
        total = sum(
            self.env["res.partner"]
            .search([("loco_hub_id", "=", self.hub.id), ("loco_association", "=", True)])
            .mapped("loco_beneficiaries")
        )
        expected = int(16 * 100 / total) or 1
        entry = self.hub._loco_catalogue(self.restaurant)[self.pasta]
        self.assertEqual(entry["allowance"], max(expected, 1))
        self.assertTrue(entry["scarce"])
        order = self.order(self.restaurant, [(self.pasta, 10)])
        order.action_submit()
        self.assertEqual(order.line_ids.quantity, entry["allowance"])
        self.assertIn("shared fairly", order.notice)
        self.assertEqual(self.hub._loco_catalogue(self.restaurant)[self.pasta]["allowance"], 0)

    def test_cancel(self):
        order = self.order(self.grocery, [(self.pasta, 2)])
        order.action_submit()
        order.with_user(self.grocery_user).sudo().action_cancel()
        self.assertEqual(order.state, "cancelled")
        confirmed = self.order(self.grocery, [(self.pasta, 2)])
        confirmed.action_submit()
        confirmed.with_user(self.coordinator).action_confirm()
        with self.assertRaisesRegex(UserError, "cannot be cancelled any more"):
            confirmed.with_user(self.grocery_user).sudo().action_cancel()
        confirmed.with_user(self.coordinator).action_cancel()
        self.assertEqual(confirmed.picking_id.state, "cancel")
        self.assertFalse(
            confirmed.message_ids.filtered(lambda m: "transfer was cancelled" in (m.body or "")),
            "cancelled by the hub's staff, not by its transfer",
        )

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "more than zero"):
            self.order(self.grocery, [(self.pasta, -1)])
        with self.assertRaisesRegex(ValidationError, "whole number"):
            self.order(self.grocery, [(self.pasta, 1.5)])
        with self.assertRaisesRegex(ValidationError, "the most one order line"):
            self.order(self.grocery, [(self.pasta, 10**7)])
        with self.assertRaisesRegex(UserError, "fridge or a freezer"):
            self.order(self.restaurant, [(self.yoghurt, 1)]).action_submit()
        with self.assertRaisesRegex(ValidationError, "not a food-aid association"):
            self.order(self.env["res.partner"].create({"name": "Someone"}), [(self.pasta, 1)])
        with self.assertRaisesRegex(ValidationError, "already past"):
            self.order(
                self.grocery, [(self.pasta, 1)], requested_date=self.today - timedelta(days=1)
            )
        with self.assertRaisesRegex(UserError, "at least one product"):
            self.order(self.grocery, []).action_submit()

    def test_the_order_follows_its_transfer_whatever_moves_the_reservation(self):
        order = self.order(self.grocery, [(self.pasta, 4)])
        order.action_submit()
        order.with_user(self.coordinator).action_confirm()
        self.assertEqual(order.state, "ready")
        order.picking_id.do_unreserve()
        self.assertEqual(order.state, "confirmed", "unreserved at the hub")
        self.env["stock.quant"]._quant_tasks()
        self.env["procurement.group"].run_scheduler()  # Odoo's scheduler reserves again
        self.assertEqual(order.state, "ready")
        order.picking_id.with_user(self.coordinator).action_cancel()
        self.assertEqual(order.state, "cancelled", "its transfer was cancelled at the hub")
        self.assertTrue(
            order.message_ids.filtered(lambda m: "transfer was cancelled" in (m.body or ""))
        )

    def test_workflow_fields_and_submitted_lines_do_not_change_over_rpc(self):
        order = self.order(self.grocery, [(self.pasta, 4)])
        order.action_submit()
        as_staff = order.with_user(self.hub_user)
        with self.assertRaisesRegex(AccessError, "only through the document's buttons"):
            as_staff.write({"state": "ready"})
        with self.assertRaisesRegex(AccessError, "only through the document's buttons"):
            as_staff.write({"picking_id": order.picking_id.id or 1})
        with self.assertRaisesRegex(UserError, "no longer change"):
            as_staff.line_ids.write({"quantity": 40})
        with self.assertRaisesRegex(UserError, "no longer change"):
            as_staff.line_ids.unlink()
        with self.assertRaisesRegex(UserError, "no longer change"):
            as_staff.write({"line_ids": [(0, 0, {"product_id": self.pasta.id, "quantity": 1})]})
        with self.assertRaisesRegex(UserError, "no longer change"):
            as_staff.write({"partner_id": self.restaurant.id})
        with self.assertRaisesRegex(AccessError, "only through the document's buttons"):
            self.env["loco.order"].with_user(self.hub_user).create(
                {"partner_id": self.grocery.id, "state": "ready"}
            )
        as_staff.note = "Pickup at the back door"  # still free
        self.assertEqual(order.state, "submitted")
        self.assertEqual(order.line_ids.quantity, 4)
        # drafts stay editable
        draft = self.order(self.grocery, [(self.pasta, 1)])
        draft.with_user(self.hub_user).line_ids.quantity = 2
        self.assertEqual(draft.line_ids.quantity, 2)

    def test_confirming_is_for_hub_staff(self):
        order = self.order(self.grocery, [(self.pasta, 1)])
        order.action_submit()
        with self.assertRaises(AccessError):
            order.with_user(self.grocery_user).action_confirm()
        with self.assertRaises(AccessError):
            order.with_user(self.stock_user).action_confirm()

    def test_portal_users_read_only_their_association_orders(self):
        mine = self.order(self.grocery, [(self.pasta, 1)])
        theirs = self.order(self.restaurant, [(self.pasta, 1)])
        Order = self.env["loco.order"].with_user(self.grocery_user)
        self.assertEqual(Order.search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.grocery_user).read(["name"])
        with self.assertRaises(AccessError):
            mine.with_user(self.grocery_user).write({"note": "x"})


@tagged("post_install", "-at_install")
class TestOrderQueries(LocoOrdersCase):
    """The catalogue and a submission cost the same queries with 20 or 200 lots."""

    def fill(self, count):
        for index in range(count):
            self.put_in_stock(self.make_lot(self.pasta, 50 + index, f"Q{count}-{index}"), 1)

    def count(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_catalogue_and_submission(self):
        self.fill(20)
        self.count(lambda: self.hub._loco_catalogue(self.grocery))
        small_catalogue = self.count(lambda: self.hub._loco_catalogue(self.grocery))
        small_submit = self.count(
            lambda: self.order(self.grocery, [(self.pasta, 2)]).action_submit()
        )
        self.fill(180)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(small_catalogue):
            self.hub._loco_catalogue(self.grocery)
        order = self.order(self.grocery, [(self.pasta, 2)])
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(small_submit):
            order.action_submit()
            self.env.flush_all()


@tagged("post_install", "-at_install")
class TestDemandReport(LocoOrdersCase):
    def test_demand_next_to_stock(self):
        self.order(self.grocery, [(self.pasta, 12)]).action_submit()
        self.order(self.restaurant, [(self.pasta, 3)]).action_submit()
        self.env.flush_all()
        Report = self.env["loco.demand.report"].with_user(self.hub_user)
        row = Report.search([("hub_id", "=", self.hub.id), ("product_id", "=", self.pasta.id)])
        self.assertEqual((row.demand_qty, row.stock_qty), (15, 16))
        self.assertEqual(row.categ_id, self.categ_pasta)


@tagged("post_install", "-at_install")
class TestOrderLinesOverRpc(LocoHubsCase):
    def test_one_product_on_several_lines_is_refused(self):
        association = self.env["res.partner"].create(
            {"name": "Épicerie RPC", "loco_association": True, "loco_hub_id": self.hub.id}
        )
        Order = self.env["loco.order"].with_user(self.hub_user)
        with self.assertRaisesRegex(ValidationError, "on several lines"):
            Order.create(
                {
                    "partner_id": association.id,
                    "line_ids": [
                        Command.create({"product_id": self.pasta.id, "quantity": 6}),
                        Command.create({"product_id": self.pasta.id, "quantity": 6}),
                    ],
                }
            )
        order = Order.create(
            {
                "partner_id": association.id,
                "line_ids": [Command.create({"product_id": self.pasta.id, "quantity": 6})],
            }
        )
        with self.assertRaisesRegex(ValidationError, "on several lines"):
            order.write(
                {"line_ids": [Command.create({"product_id": self.pasta.id, "quantity": 6})]}
            )
