# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import Form, tagged

from .common import LocoDonationsCase


@tagged("post_install", "-at_install")
class TestOfferFlow(LocoDonationsCase):
    def test_operator_registers_coordinator_accepts_hub_receives(self):
        offer = self.make_offer()
        self.assertRegex(offer.name, r"^DON/\d{4}/\d{5}$")
        self.assertEqual(offer.hub_id, self.hub, "proposed from the donor's postal code")
        self.assertEqual(offer.operator_id, self.operator)
        self.assertEqual(offer.total_weight, 70.0)
        offer.action_register()
        self.assertEqual(offer.state, "registered")

        offer.with_user(self.coordinator).action_accept()
        self.assertEqual(offer.state, "accepted")
        picking = offer.picking_id
        self.assertEqual(picking.picking_type_id, self.hub.in_type_id)
        self.assertEqual(picking.partner_id, self.donor)
        self.assertEqual(picking.origin, offer.name)
        self.assertEqual(picking.loco_offer_id, offer)
        self.assertEqual(offer.picking_ids, picking)
        yoghurt_line, pasta_line = offer.line_ids
        self.assertEqual(yoghurt_line.lot_id.name, f"{offer.name}-1 Y123")
        self.assertEqual(yoghurt_line.lot_id.ref, "Y123")
        self.assertEqual(yoghurt_line.lot_id.distributable_until, self.end_of(10))
        self.assertEqual(pasta_line.lot_id.use_date, self.at(200))
        self.assertEqual(pasta_line.lot_id.distributable_until, self.end_of(565))
        zone_of = {ml.product_id: ml.location_dest_id for ml in picking.move_line_ids}
        self.assertEqual(zone_of[self.yoghurt], self.hub.loco_chilled_location_id)
        self.assertEqual(zone_of[self.pasta], self.hub.loco_ambient_location_id)
        self.assertEqual(picking.move_line_ids.lot_id, yoghurt_line.lot_id | pasta_line.lot_id)

        self.receive(offer, {self.yoghurt: 30})
        self.assertEqual(offer.state, "received")
        quant = self.env["stock.quant"].search(
            [("lot_id", "=", yoghurt_line.lot_id.id), ("quantity", ">", 0)]
        )
        self.assertEqual(quant.location_id, self.hub.loco_chilled_location_id)
        self.assertEqual(quant.quantity, 30)
        self.assertIn("30.0 Units received instead of 40.0", offer.message_ids[0].body)
        # one line per difference in the chatter, not one escaped paragraph
        self.assertIn("<br>", offer.message_ids[0].body)
        self.assertNotIn("&lt;br", offer.message_ids[0].body)

    def test_a_refused_line_keeps_its_reason_and_the_rest_is_accepted(self):
        offer = self.make_offer(
            lines=[
                {
                    "product_id": self.yoghurt.id,
                    "quantity": 5,
                    "dlc": self.today + timedelta(days=2),
                },
                {
                    "product_id": self.pasta.id,
                    "quantity": 5,
                    "ddm": self.today + timedelta(days=30),
                },
            ]
        )
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        yoghurt_line, pasta_line = offer.line_ids
        self.assertEqual(yoghurt_line.state, "refused")
        self.assertIn("fewer than 3 days", yoghurt_line.refusal_reason)
        self.assertEqual(pasta_line.state, "accepted")
        self.assertEqual(offer.picking_id.move_ids.product_id, self.pasta)
        self.assertFalse(yoghurt_line.lot_id)

    def test_a_dlc_passed_since_registration_refuses_its_line_only(self):
        now = fields.Datetime.now()
        vals = self.offer_vals(
            lines=[
                {
                    "product_id": self.yoghurt.id,
                    "quantity": 5,
                    "dlc": self.today - timedelta(days=1),
                },
                {
                    "product_id": self.pasta.id,
                    "quantity": 5,
                    "ddm": self.today + timedelta(days=90),
                },
            ],
            pickup_start=now + timedelta(hours=2),
            pickup_end=now + timedelta(hours=5),
        )
        with freeze_time(now - timedelta(days=3)):  # registered three days ago
            offer = self.env["loco.donation.offer"].with_user(self.operator).create(vals)
            offer.action_register()
        self.assertEqual(offer.state, "registered")
        offer.with_user(self.coordinator).action_accept()
        self.assertEqual(offer.state, "accepted")
        yoghurt_line, pasta_line = offer.line_ids
        self.assertEqual(yoghurt_line.state, "refused")
        self.assertIn("fewer than 3 days", yoghurt_line.refusal_reason)
        self.assertEqual(pasta_line.state, "accepted")
        self.assertEqual(offer.picking_id.move_ids.loco_offer_line_id, pasta_line)

    def test_an_offer_whose_lines_are_all_refused_is_refused(self):
        self.hub.loco_store_chilled = False
        offer = self.make_offer(
            lines=[
                {
                    "product_id": self.yoghurt.id,
                    "quantity": 5,
                    "dlc": self.today + timedelta(days=20),
                },
            ]
        )
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        self.assertEqual(offer.state, "refused")
        self.assertFalse(offer.picking_id)
        self.assertIn("cannot store", offer.line_ids.refusal_reason)

    def test_ddm_past_its_grace_at_pickup_is_refused(self):
        offer = self.make_offer(
            lines=[
                {"product_id": self.peas.id, "quantity": 5, "ddm": self.today - timedelta(days=61)},
                {"product_id": self.peas.id, "quantity": 5, "ddm": self.today - timedelta(days=30)},
            ],
            pickup_start=False,
            pickup_end=False,
        )
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        self.assertEqual(offer.line_ids.mapped("state"), ["refused", "accepted"])

    def test_nothing_arrived(self):
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        offer.picking_id.with_user(self.hub_user).action_cancel()
        self.assertEqual(offer.state, "cancelled")
        self.assertIn("nothing arrived", offer.message_ids[0].body)

    def test_destination_hub_is_overridable(self):
        other = self.env["stock.warehouse"].create(
            {"name": "Other hub", "code": "OTHH", "loco_hub": True}
        )
        offer = self.make_offer(hub_id=other.id)
        self.assertEqual(offer.hub_id, other)
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        self.assertEqual(offer.picking_id.picking_type_id.warehouse_id, other)

    def test_operator_registers_from_one_form(self):
        with Form(self.env["loco.donation.offer"].with_user(self.operator)) as form:
            form.donor_id = self.donor
            form.pickup_start = self.at(1, 9)
            form.pickup_end = self.at(1, 11)
            with form.line_ids.new() as line:
                line.product_id = self.yoghurt
                line.quantity = 12
                line.dlc = self.today + timedelta(days=9)
            self.assertEqual(form.hub_id, self.hub)
        offer = form.record
        self.assertEqual(offer.line_ids.weight_kg, 6.0)
        self.assertEqual(offer.line_ids.uom_id, self.yoghurt.uom_id)
        offer.action_register()
        self.assertEqual(offer.state, "registered")

    def test_values_are_frozen_at_receipt(self):
        self.yoghurt.standard_price = 0.8
        offer = self.make_offer(
            lines=[
                {
                    "product_id": self.yoghurt.id,
                    "quantity": 10,
                    "dlc": self.today + timedelta(days=10),
                },
                {
                    "product_id": self.pasta.id,
                    "quantity": 20,
                    "ddm": self.today + timedelta(days=100),
                },
                {
                    "product_id": self.bread.id,
                    "quantity": 4,
                    "ddm": self.today + timedelta(days=3),
                    "declared_value": 12.0,
                },
            ]
        )
        self.pasta.standard_price = 0.0
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        self.receive(offer, {self.bread: 3})
        values = {
            m.product_id: (m.loco_donation_value, m.loco_value_source, m.loco_weight_kg)
            for m in offer.picking_id.move_ids
        }
        self.assertEqual(values[self.yoghurt], (8.0, "standard_price", 5.0))
        self.assertEqual(values[self.pasta], (18.0, "per_kg", 10.0))
        self.assertEqual(values[self.bread][:2], (9.0, "declared"))
        self.yoghurt.standard_price = 5.0
        self.assertEqual(
            offer.picking_id.move_ids.filtered(
                lambda m: m.product_id == self.yoghurt
            ).loco_donation_value,
            8.0,
        )

    def test_the_receipt_carries_the_weight_of_each_line(self):
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()

        def weights():
            return {m.product_id: m.loco_weight_kg for m in offer.picking_ids.move_ids}

        self.assertEqual(weights(), {self.yoghurt: 20.0, self.pasta: 50.0})
        self.receive(offer, {self.yoghurt: 30})
        self.assertEqual(weights(), {self.yoghurt: 15.0, self.pasta: 50.0}, "what arrived")

    def test_a_backorder_carries_the_weight_still_expected(self):
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        picking = offer.picking_id.with_user(self.hub_user)
        self.read_dock(picking)
        for move in picking.move_ids:
            move.move_line_ids.quantity = 10 if move.product_id == self.yoghurt else 100
            move.picked = True
        action = picking.button_validate()
        Form(
            self.env[action["res_model"]].with_user(self.hub_user).with_context(**action["context"])
        ).save().process()
        backorder = picking.backorder_ids
        self.assertEqual(backorder.move_ids.product_id, self.yoghurt)
        self.assertEqual(backorder.move_ids.loco_weight_kg, 15.0, "30 units still expected")
        self.assertEqual(
            picking.move_ids.filtered(lambda m: m.product_id == self.yoghurt).loco_weight_kg, 5.0
        )
        self.assertEqual(offer.state, "accepted")
        # hub staff scan the lot of what comes later
        backorder.move_ids.move_line_ids.write(
            {"quantity": 20, "lot_id": offer.line_ids[0].lot_id.id}
        )
        backorder.move_ids.picked = True
        self.read_dock(backorder)  # the rest of the yoghurts is read when it comes
        backorder.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=backorder.ids
        ).button_validate()
        self.assertEqual(offer.state, "received")
        self.assertEqual(backorder.move_ids.loco_weight_kg, 10.0)

    def test_the_receipt_lots_follow_the_hub_rules_at_once(self):
        offer = self.make_offer(
            lines=[
                {
                    "product_id": self.yoghurt.id,
                    "quantity": 5,
                    "dlc": self.today + timedelta(days=4),
                },
            ],
            pickup_start=False,
            pickup_end=False,
        )
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        self.receive(offer)
        lot = offer.line_ids.lot_id
        self.assertEqual(lot.loco_freshness, "fresh")
        self.categ_dairy.loco_urgent_days = 5
        self.assertEqual(lot.loco_freshness, "urgent")
        delivery = self.make_delivery(self.yoghurt, 5)
        self.assertEqual(delivery.move_line_ids.lot_id, lot)

    def test_lines_from_commands_keep_order(self):
        offer = self.make_offer()
        offer.write(
            {
                "line_ids": [
                    Command.create(
                        {
                            "product_id": self.peas.id,
                            "quantity": 3,
                            "ddm": self.today + timedelta(days=90),
                        }
                    )
                ]
            }
        )
        self.assertEqual(len(offer.line_ids), 3)

    def test_lines_of_the_same_product_keep_their_own_move_and_lot(self):
        offer = self.make_offer(
            lines=[
                {
                    "product_id": self.yoghurt.id,
                    "quantity": 5,
                    "dlc": self.today + timedelta(days=8),
                },
                {
                    "product_id": self.yoghurt.id,
                    "quantity": 7,
                    "dlc": self.today + timedelta(days=12),
                },
            ]
        )
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        moves = offer.picking_id.move_ids
        self.assertEqual(len(moves), 2)
        self.assertEqual(moves.loco_offer_line_id, offer.line_ids)
        for line in offer.line_ids:
            self.assertEqual(line.move_ids.product_uom_qty, line.quantity)
            self.assertEqual(line.move_ids.move_line_ids.lot_id, line.lot_id)
        self.receive(offer)
        quants = self.env["stock.quant"].search(
            [("lot_id", "in", offer.line_ids.lot_id.ids), ("quantity", ">", 0)]
        )
        self.assertEqual(sorted(quants.mapped("quantity")), [5, 7])
