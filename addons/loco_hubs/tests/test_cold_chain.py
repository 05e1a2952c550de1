# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The cold chain: chilled and frozen food is received once its temperature was read
at the dock; a reading out of the limits of its class (configuration) puts the food
on hold in quarantine with an activity for the hub manager; food in quarantine is
released (never past its date, with who and why) or destroyed with its reason."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from ..policy import cold_chain
from .common import LocoHubsCase


@tagged("post_install", "-at_install")
class TestColdChain(LocoHubsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hub.loco_manager_id = cls.coordinator

    def receipt(self, lot, quantity):
        """A receipt of ``lot`` at the hub, ready to validate, as hub staff see it."""
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.hub.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.hub.lot_stock_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": lot.product_id.name,
                            "product_id": lot.product_id.id,
                            "product_uom_qty": quantity,
                            "product_uom": lot.product_id.uom_id.id,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.hub.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.move_line_ids.write({"lot_id": lot.id, "quantity": quantity})
        picking.move_ids.picked = True
        return picking.with_user(self.hub_user)

    def read_at(self, user=None, **vals):
        return self.env["loco.temperature.log"].with_user(user or self.hub_user).create(vals)

    def where(self, lot):
        quants = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("quantity", ">", 0), ("location_id.usage", "=", "internal")]
        )
        return {quant.location_id: quant.quantity for quant in quants}

    def test_the_policy_says_too_warm_too_cold_and_the_coldest_class(self):
        self.assertIsNone(cold_chain.verdict(4.0, 0.0, 7.0))
        self.assertIsNone(cold_chain.verdict(7.0, 0.0, 7.0), "the limit is allowed")
        self.assertEqual(cold_chain.verdict(7.1, 0.0, 7.0), cold_chain.TOO_WARM)
        self.assertEqual(cold_chain.verdict(-1.0, 0.0, 7.0), cold_chain.TOO_COLD)
        self.assertEqual(cold_chain.coldest(["ambient", "frozen", "chilled"]), "frozen")
        self.assertIsNone(cold_chain.coldest([False, None]))

    def test_a_chilled_receipt_needs_its_dock_reading(self):
        lot = self.make_lot(self.yoghurt, 10, "COLD-1")
        picking = self.receipt(lot, 12)
        with self.assertRaisesRegex(UserError, "enter the temperature read at the dock"):
            picking.button_validate()
        self.assertNotEqual(picking.state, "done")
        self.read_at(place="receipt", picking_id=picking.id, reading=3.5)
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.where(lot), {self.hub.loco_chilled_location_id: 12})
        # dry food needs no reading
        dry = self.receipt(self.make_lot(self.pasta, 100, "DRY-1"), 5)
        dry.button_validate()
        self.assertEqual(dry.state, "done")

    def test_an_out_of_range_receipt_puts_the_food_on_hold(self):
        lot = self.make_lot(self.yoghurt, 10, "COLD-2")
        picking = self.receipt(lot, 12)
        log = self.read_at(place="receipt", picking_id=picking.id, reading=11.0)
        self.assertEqual((log.temperature_class, log.verdict), ("chilled", "too_warm"))
        picking.button_validate()
        self.assertEqual(self.where(lot), {self.hub.loco_quarantine_location_id: 12})
        self.assertTrue(log.hold_picking_id)
        activity = log.hold_picking_id.activity_ids
        self.assertEqual(activity.user_id, self.coordinator, "for the hub manager")
        self.assertIn("11.0", activity.note)

    def test_a_storage_reading_out_of_range_holds_the_zone(self):
        lot = self.make_lot(self.peas, 60, "FROZEN-1")
        self.put_in_stock(lot, 20)
        pasta = self.make_lot(self.pasta, 90, "DRY-2")
        self.put_in_stock(pasta, 5)
        frozen = self.hub.loco_frozen_location_id
        self.read_at(place="storage", location_id=frozen.id, reading=-20.0)
        self.assertEqual(self.where(lot), {frozen: 20}, "in range: nothing moves")
        log = self.read_at(place="storage", location_id=frozen.id, reading=-9.0)
        self.assertEqual(log.verdict, "too_warm")
        self.assertEqual(self.where(lot), {self.hub.loco_quarantine_location_id: 20})
        self.assertEqual(self.where(pasta), {self.hub.loco_ambient_location_id: 5})

    def test_limits_are_configuration(self):
        limit = self.env.ref("loco_hubs.temperature_limit_chilled")
        limit.with_user(self.coordinator).highest = 8.0
        log = self.read_at(
            place="storage", location_id=self.hub.loco_chilled_location_id.id, reading=7.5
        )
        self.assertFalse(log.out_of_range)
        with self.assertRaises(AccessError):
            limit.with_user(self.hub_user).highest = 20.0
        with self.assertRaisesRegex(ValidationError, "from the lowest to the highest"):
            limit.with_user(self.coordinator).lowest = 9.0

    def test_a_reading_is_evidence_and_must_be_plausible(self):
        log = self.read_at(
            place="storage", location_id=self.hub.loco_chilled_location_id.id, reading=4.0
        )
        with self.assertRaises(AccessError):
            log.write({"reading": 2.0})
        with self.assertRaises(AccessError):
            log.unlink()
        for reading in (float("nan"), 1e9, 99.0, -273.0):
            with self.subTest(reading=reading), self.assertRaises(UserError):
                self.read_at(
                    place="storage",
                    location_id=self.hub.loco_chilled_location_id.id,
                    reading=reading,
                )
        with self.assertRaises(AccessError):
            self.read_at(
                place="storage",
                location_id=self.hub.loco_chilled_location_id.id,
                reading=20.0,
                hold_picking_id=self.make_delivery(self.pasta, 1).id,
            )

    def decide(self, quants, **vals):
        wizard = (
            self.env["loco.quarantine.decision"]
            .with_user(self.hub_user)
            .with_context(active_model="stock.quant", active_ids=quants.ids)
            .create(vals)
        )
        return wizard.action_apply()

    def quarantined(self, lot):
        return self.env["stock.quant"].search(
            [
                ("lot_id", "=", lot.id),
                ("location_id.loco_quarantine", "=", True),
                ("quantity", ">", 0),
            ]
        )

    def test_quarantined_food_is_released_with_why_or_destroyed_with_its_reason(self):
        lot = self.make_lot(self.peas, 60, "FROZEN-2")
        self.put_in_stock(lot, 20)
        self.read_at(place="storage", location_id=self.hub.loco_frozen_location_id.id, reading=-5.0)
        with self.assertRaisesRegex(UserError, "Say why"):
            self.decide(self.quarantined(lot), decision="release")
        self.decide(self.quarantined(lot), decision="release", note="Probe was faulty")
        self.assertEqual(
            self.where(lot), {self.hub.loco_frozen_location_id: 20}, "back in its zone"
        )
        self.assertIn("Probe was faulty", lot.message_ids[0].body)
        # destroyed: Odoo's scrap, with its reason
        self.read_at(place="storage", location_id=self.hub.loco_frozen_location_id.id, reading=-5.0)
        reason = self.env.ref("loco_hubs.scrap_reason_cold_chain")
        self.decide(self.quarantined(lot), decision="destroy", reason_id=reason.id)
        scrap = self.env["stock.scrap"].search([("lot_id", "=", lot.id)])
        self.assertEqual(
            (scrap.state, scrap.scrap_qty, scrap.scrap_reason_tag_ids), ("done", 20, reason)
        )
        self.assertFalse(self.where(lot))

    def test_food_past_its_date_is_never_released(self):
        lot = self.make_lot(self.yoghurt, -1, "COLD-PAST")
        self.put_in_stock(lot, 4, self.hub.loco_quarantine_location_id)
        with self.assertRaisesRegex(UserError, "past its date"):
            self.decide(self.quarantined(lot), decision="release", note="looks fine")
        self.assertEqual(self.where(lot), {self.hub.loco_quarantine_location_id: 4})
        # food outside the quarantine is not decided here
        fresh = self.make_lot(self.pasta, 90, "DRY-3")
        self.put_in_stock(fresh, 3)
        quant = self.env["stock.quant"].search([("lot_id", "=", fresh.id)])
        with self.assertRaisesRegex(UserError, "in a hub's quarantine"):
            self.decide(
                quant,
                decision="destroy",
                reason_id=self.env.ref("loco_hubs.scrap_reason_damaged").id,
            )

    def test_a_decision_on_forged_or_absurd_values_is_refused(self):
        Decision = self.env["loco.quarantine.decision"].with_user(self.hub_user)
        for vals in (
            {"quant_ids": [(6, 0, [999999])], "decision": "destroy"},
            {"quant_ids": [(6, 0, [])], "decision": "teleport"},
            {"quant_ids": [(6, 0, [])], "decision": "release", "note": ["not", "text"]},
            {"quant_ids": [(6, 0, [])], "decision": "destroy", "reason_id": 999999},
        ):
            with self.subTest(vals=vals), self.assertRaises(Exception) as caught:
                with self.env.cr.savepoint():
                    Decision.create(vals).action_apply()
            self.assertIsInstance(caught.exception, (UserError, ValueError), vals)
        with self.assertRaisesRegex(UserError, "in a hub's quarantine"):
            Decision.create({"decision": "destroy"}).action_apply()

    def test_another_organisations_food_is_neither_held_nor_decided(self):
        other = self.env["res.company"].create({"name": "Other organisation (cold test)"})
        hub_b = (
            self.env["stock.warehouse"]
            .with_context(allowed_company_ids=other.ids)
            .create(
                {
                    "name": "Hub B (cold test)",
                    "code": "CLDB",
                    "loco_hub": True,
                    "company_id": other.id,
                }
            )
        )
        lot_b = self.env["stock.lot"].create(
            {"name": "COLD-B", "product_id": self.peas.id, "company_id": other.id}
        )
        self.put_in_stock(lot_b, 10, hub_b.loco_frozen_location_id)
        # a reading of our organisation naming their lot moves nothing of theirs
        self.read_at(place="receipt", lot_ids=[Command.set(lot_b.ids)], reading=5.0)
        self.assertEqual(self.where(lot_b), {hub_b.loco_frozen_location_id: 10})
        # their quarantine is not ours to decide
        self.put_in_stock(lot_b, 2, hub_b.loco_quarantine_location_id)
        theirs = self.env["stock.quant"].search(
            [("lot_id", "=", lot_b.id), ("location_id", "=", hub_b.loco_quarantine_location_id.id)]
        )
        with self.assertRaises(AccessError):
            self.decide(
                theirs,
                decision="destroy",
                reason_id=self.env.ref("loco_hubs.scrap_reason_damaged").id,
            )
        self.assertFalse(self.env["stock.scrap"].search([("lot_id", "=", lot_b.id)]))

    def test_the_daily_round_reads_every_cold_zone_of_the_hub(self):
        lot = self.make_lot(self.peas, 60, "FROZEN-ROUND")
        self.put_in_stock(lot, 8)
        chilled, frozen = self.hub.loco_chilled_location_id, self.hub.loco_frozen_location_id
        form = Form(self.env["loco.temperature.round"].with_user(self.hub_user))
        form.hub_id = self.hub
        zones = [form.line_ids.edit(index).location_id for index in range(len(form.line_ids))]
        self.assertEqual(set(zones), {chilled, frozen}, "the cold zones, no quarantine")
        for index, zone in enumerate(zones):
            with form.line_ids.edit(index) as line:
                line.reading = 3.5 if zone == chilled else -8.0
        action = form.save().action_record()
        logs = self.env["loco.temperature.log"].search(action["domain"])
        self.assertEqual(
            {(log.location_id, log.place, log.user_id) for log in logs},
            {(chilled, "storage", self.hub_user), (frozen, "storage", self.hub_user)},
        )
        self.assertEqual(logs.filtered("out_of_range").location_id, frozen)
        self.assertEqual(self.where(lot), {self.hub.loco_quarantine_location_id: 8})
        # the next round shows what was read today
        again = Form(self.env["loco.temperature.round"].with_user(self.hub_user))
        self.assertEqual(again.hub_id, self.hub, "the hub of the last round")
        self.assertIn("3.5", again.line_ids.edit(zones.index(chilled)).last_reading)

    def test_a_round_on_forged_zones_is_refused(self):
        other_hub = self.env["stock.warehouse"].create(
            {"name": "Round other hub", "code": "RNDO", "loco_hub": True}
        )
        Round = self.env["loco.temperature.round"].with_user(self.hub_user)
        round_ = Round.create(
            {
                "hub_id": self.hub.id,
                "line_ids": [
                    Command.clear(),
                    Command.create(
                        {"location_id": other_hub.loco_chilled_location_id.id, "reading": 4}
                    ),
                ],
            }
        )
        with self.assertRaises(UserError):
            round_.action_record()
        for bad in (float("nan"), float("inf"), 1e15):
            with self.assertRaises(ValidationError):
                Round.create(
                    {
                        "hub_id": self.hub.id,
                        "line_ids": [
                            Command.create(
                                {
                                    "location_id": self.hub.loco_chilled_location_id.id,
                                    "reading": bad,
                                }
                            )
                        ],
                    }
                )
        with self.assertRaises(UserError):
            Round.create({"hub_id": 2**31 - 2})
        self.assertFalse(
            self.env["loco.temperature.log"].search(
                [("location_id", "child_of", other_hub.view_location_id.id)]
            )
        )
