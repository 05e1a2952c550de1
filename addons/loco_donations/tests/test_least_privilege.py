# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Accountants read and export, nothing more; a donation's value counts once."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import LocoDonationsCase


@tagged("post_install", "-at_install")
class TestLeastPrivilege(LocoDonationsCase):
    def accepted_offer(self):
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        return offer

    def test_accountants_read_stock_but_move_nothing(self):
        offer = self.accepted_offer()
        picking = offer.picking_id.with_user(self.accountant)
        self.assertEqual(picking.origin, offer.name)
        self.assertTrue(picking.move_ids.read(["product_id", "loco_weight_kg"]))
        lot = picking.move_ids.move_line_ids.lot_id[:1]
        self.assertTrue(lot.read(["name", "distributable_until"]))
        quant_location = self.hub.lot_stock_id.with_user(self.accountant)
        self.assertFalse(self.accountant.has_group("stock.group_stock_user"))
        for attempt in (
            picking.action_cancel,
            picking.button_validate,
            lambda: lot.write({"ref": "changed"}),
            lambda: quant_location.write({"name": "renamed"}),
            lambda: self.env["stock.quant"]
            .with_user(self.accountant)
            .create({"product_id": self.pasta.id, "location_id": self.hub.lot_stock_id.id}),
            lambda: picking.move_ids[:1].write({"product_uom_qty": 1}),
        ):
            with self.subTest(attempt=attempt), self.assertRaises(AccessError):
                attempt()
        self.assertEqual(offer.sudo().state, "accepted")
        self.assertEqual(offer.sudo().picking_id.state, "assigned")

    def test_a_returned_donation_is_not_counted_again(self):
        offer = self.accepted_offer()
        self.receive(offer)
        domain = self.env["stock.move"]._loco_donation_domain()
        counted = self.env["stock.move"].search(domain)
        wizard = Form(
            self.env["stock.return.picking"]
            .with_user(self.hub_user)
            .with_context(active_id=offer.picking_id.id, active_model="stock.picking")
        ).save()
        for line in wizard.product_return_moves:
            line.quantity = line.move_id.quantity
        returned = wizard.action_create_returns()
        back = self.env["stock.picking"].browse(returned["res_id"])
        self.assertFalse(back.loco_offer_id)
        self.assertFalse(back.move_ids.loco_offer_line_id)
        for move in back.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        back.with_user(self.hub_user).button_validate()
        self.assertEqual(back.state, "done")
        self.assertEqual(self.env["stock.move"].search(domain), counted)
        self.assertEqual(offer.state, "received")

    def test_a_move_is_never_created_as_a_donation_by_hand(self):
        line = self.accepted_offer().line_ids[:1]
        with self.assertRaisesRegex(AccessError, "never by hand"):
            self.env["stock.move"].with_user(self.hub_user).create(
                {
                    "name": "forged donation",
                    "product_id": line.product_id.id,
                    "product_uom_qty": 1000,
                    "location_id": self.env.ref("stock.stock_location_suppliers").id,
                    "location_dest_id": self.hub.lot_stock_id.id,
                    "loco_offer_line_id": line.id,
                }
            )

    def test_a_lot_prepared_at_acceptance_cannot_be_deleted(self):
        lots = self.accepted_offer().line_ids.lot_id
        self.assertEqual(len(lots), 2)
        with self.assertRaisesRegex(UserError, "so that its food can be traced"):
            lots.with_user(self.hub_user).unlink()
        self.assertEqual(len(lots.exists()), 2)

    def test_a_received_donation_keeps_what_arrived(self):
        offer = self.accepted_offer()
        self.receive(offer)
        moves = offer.sudo().picking_id.move_ids
        before = moves.move_line_ids.read(["quantity", "lot_id", "location_dest_id"])
        for user in (self.hub_user, self.coordinator):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "never by hand"):
                    moves[:1].with_user(user).write({"quantity": 9999})
                with self.assertRaisesRegex(AccessError, "never by hand"):
                    moves.move_line_ids[:1].with_user(user).write({"quantity": 9999})
                with self.assertRaisesRegex(AccessError, "never by hand"):
                    moves.move_line_ids[:1].with_user(user).write(
                        {"location_dest_id": self.hub.loco_quarantine_location_id.id}
                    )
        self.env.invalidate_all()
        self.assertEqual(
            moves.move_line_ids.read(["quantity", "lot_id", "location_dest_id"]), before
        )
