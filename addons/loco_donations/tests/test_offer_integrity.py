# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Over RPC an operator (or a coordinator) cannot move an offer through its workflow by
hand, nor change an offer a coordinator has decided on: its state and receipt change
through its actions only, its lines and the received moves' donor, hub and values stay
as they were."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import LocoDonationsCase

WORKFLOW = "only through the document's buttons"
FROZEN = "only its note can still be changed"
LINES_FROZEN = "its lines can no longer be added, changed or deleted"


@tagged("post_install", "-at_install")
class TestOfferIntegrity(LocoDonationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_hub = cls.env["stock.warehouse"].create(
            {"name": "Other hub", "code": "OTHI", "loco_hub": True}
        )
        cls.other_donor = cls.donor.copy({"name": "Other donor"})

    def accepted_offer(self):
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        self.assertEqual(offer.state, "accepted")
        return offer

    def received_offer(self):
        offer = self.accepted_offer()
        self.receive(offer)
        self.assertEqual(offer.state, "received")
        return offer

    def snapshot(self, offer):
        """Everything a forged write could change, read afresh from the database."""
        self.env.invalidate_all()
        offer = offer.sudo()
        moves = self.env["stock.move"].search([("loco_offer_id", "=", offer.id)])
        return {
            "offer": offer.read(
                ["state", "picking_id", "hub_id", "donor_id", "pickup_end", "line_ids", "note"]
            ),
            "lines": offer.line_ids.read(
                [
                    "offer_id",
                    "product_id",
                    "quantity",
                    "weight_kg",
                    "dlc",
                    "ddm",
                    "declared_value",
                    "state",
                    "refusal_reason",
                ]
            ),
            "moves": moves.read(
                [
                    "state",
                    "loco_offer_line_id",
                    "loco_hub_id",
                    "loco_donor_id",
                    "loco_weight_kg",
                    "loco_donation_value",
                    "loco_value_source",
                ]
            ),
            "line_count": self.env["loco.donation.offer.line"].search_count([]),
        }

    def assert_refused(self, offer, message, func):
        before = self.snapshot(offer)
        # writing a workflow field is not allowed; changing a decided offer is refused
        error = AccessError if message == WORKFLOW else UserError
        # an RPC call is one transaction: an error rolls it back, like this savepoint
        with self.assertRaisesRegex(error, message), self.env.cr.savepoint():
            func()
        self.assertEqual(self.snapshot(offer), before, "nothing changed")

    def forbidden_changes(self, offer):
        """(expected message, change) as an operator would send them over RPC."""
        as_operator = offer.with_user(self.operator)
        line = as_operator.line_ids[0]
        draft = self.make_offer()
        new_line = {
            "product_id": self.pasta.id,
            "quantity": 500,
            "ddm": self.today + timedelta(days=100),
        }
        return [
            (WORKFLOW, lambda: as_operator.write({"state": "registered"})),
            (WORKFLOW, lambda: as_operator.write({"state": "received"})),
            (WORKFLOW, lambda: as_operator.write({"picking_id": False})),
            (FROZEN, lambda: as_operator.write({"hub_id": self.other_hub.id})),
            (FROZEN, lambda: as_operator.write({"donor_id": self.other_donor.id})),
            (FROZEN, lambda: as_operator.write({"pickup_end": fields.Datetime.now()})),
            (FROZEN, lambda: as_operator.write({"line_ids": [Command.create(new_line)]})),
            (FROZEN, lambda: as_operator.write({"line_ids": [Command.delete(line.id)]})),
            (
                FROZEN,
                lambda: as_operator.write({"line_ids": [Command.update(line.id, {"quantity": 1})]}),
            ),
            (LINES_FROZEN, lambda: line.write({"quantity": 1})),
            (LINES_FROZEN, lambda: line.write({"weight_kg": 900, "declared_value": 5000})),
            (LINES_FROZEN, lambda: line.write({"dlc": self.today + timedelta(days=30)})),
            (LINES_FROZEN, lambda: line.write({"offer_id": draft.id})),
            (LINES_FROZEN, lambda: line.unlink()),
            (
                LINES_FROZEN,
                lambda: line.create({**new_line, "offer_id": offer.id}),
            ),
            (
                LINES_FROZEN,
                lambda: draft.line_ids[0].write({"offer_id": offer.id}),
            ),
            (WORKFLOW, lambda: line.write({"state": "refused"})),
            (WORKFLOW, lambda: line.write({"refusal_reason": "forged"})),
            ("cannot be deleted", lambda: as_operator.unlink()),
        ]

    def test_an_accepted_offer_and_its_lines_cannot_be_changed(self):
        offer = self.accepted_offer()
        for message, change in self.forbidden_changes(offer):
            with self.subTest(message=message):
                self.assert_refused(offer, message, change)

    def test_a_received_offer_its_lines_and_moves_cannot_be_changed(self):
        offer = self.received_offer()
        moves = offer.picking_id.move_ids
        self.assertTrue(all(moves.mapped("loco_value_source")))
        self.assertEqual(moves.loco_hub_id, self.hub)
        self.assertEqual(moves.loco_donor_id, self.donor)
        for message, change in self.forbidden_changes(offer):
            with self.subTest(message=message):
                self.assert_refused(offer, message, change)
        self.assertEqual(moves.loco_hub_id, self.hub)
        self.assertEqual(moves.loco_donor_id, self.donor)

    def test_coordinators_do_not_write_the_state_either(self):
        offer = self.make_offer()
        offer.action_register()
        as_coordinator = offer.with_user(self.coordinator)
        self.assert_refused(offer, WORKFLOW, lambda: as_coordinator.write({"state": "accepted"}))
        picking = self.make_delivery(self.pasta, 1)
        self.assert_refused(
            offer, WORKFLOW, lambda: as_coordinator.write({"picking_id": picking.id})
        )
        self.assert_refused(
            offer,
            WORKFLOW,
            lambda: as_coordinator.line_ids[0].write({"state": "accepted"}),
        )
        with self.assertRaisesRegex(AccessError, WORKFLOW):
            self.make_offer(user=self.coordinator, state="received")
        self.assertEqual(offer.state, "registered")

    def test_draft_and_registered_offers_stay_editable(self):
        offer = self.make_offer()
        for state in ("draft", "registered"):
            self.assertEqual(offer.state, state)
            as_operator = offer.with_user(self.operator)
            as_operator.write({"hub_id": self.other_hub.id, "note": f"{state} note"})
            as_operator.line_ids[0].quantity = 12
            as_operator.line_ids[1].unlink()
            as_operator.write(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": self.pasta.id,
                                "quantity": 3,
                                "ddm": self.today + timedelta(days=60),
                            }
                        )
                    ]
                }
            )
            self.assertEqual(offer.hub_id, self.other_hub)
            self.assertEqual(offer.line_ids.mapped("quantity"), [12, 3])
            offer.action_register()
        self.assertEqual(offer.state, "registered")
        offer.with_user(self.coordinator).action_accept()
        self.assertEqual(offer.picking_id.picking_type_id.warehouse_id, self.other_hub)

    def test_the_note_stays_editable_and_the_actions_still_work(self):
        offer = self.accepted_offer()
        offer.with_user(self.operator).note = "Call before coming"
        self.assertEqual(offer.note, "Call before coming")
        self.receive(offer)
        self.assertEqual(offer.state, "received")
        offer.with_user(self.operator).note = "All there"
        self.assertEqual(offer.note, "All there")
        cancelled = self.accepted_offer()
        cancelled.with_user(self.coordinator).action_cancel()
        self.assertEqual(cancelled.state, "cancelled")
        with self.assertRaisesRegex(UserError, FROZEN):
            cancelled.with_user(self.operator).hub_id = self.other_hub

    def test_what_an_action_locked_it_may_move(self):
        """Another module's action (loco_fleet collects offers) writes the state of the
        offers ``_loco_lock`` returned, without sudo."""
        offer = self.accepted_offer()
        as_coordinator = offer.with_user(self.coordinator)
        for locked in as_coordinator._loco_lock("collect", allowed=("accepted",), done=()):
            locked.state = "collected"
        self.assertEqual(offer.state, "collected")
        # a context copied from RPC is not the workflow's
        forged = as_coordinator.with_context(loco_workflow=True)
        self.assert_refused(offer, WORKFLOW, lambda: forged.write({"state": "received"}))

    def test_the_superuser_may_repair(self):
        offer = self.accepted_offer()
        offer.sudo().write({"transport": "donor_delivers"})
        self.assertEqual(offer.transport, "donor_delivers")
        offer.sudo().line_ids[0].declared_value = 4.0
        self.assertEqual(offer.line_ids[0].declared_value, 4.0)

    def test_state_changes_are_still_tracked(self):
        offer = self.make_offer()
        self.env.cr.precommit.run()  # created untracked: done with it
        offer.with_context(tracking_disable=False).action_register()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = offer.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state"
        )
        self.assertEqual(tracked.mapped("new_value_char"), ["Registered"])

    def test_the_frozen_values_of_received_moves_are_never_written_by_hand(self):
        offer = self.received_offer()
        moves = offer.sudo().picking_id.move_ids
        values = moves.read(["loco_weight_kg", "loco_donation_value", "loco_value_source"])
        as_staff = moves.with_user(self.hub_user)
        for vals in (
            {"loco_donation_value": 99999.0},
            {"loco_weight_kg": 1.0},
            {"loco_value_source": "declared"},
            {"loco_offer_line_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, "never by hand"):
                as_staff.write(vals)
        with self.assertRaisesRegex(AccessError, "never by hand"):
            self.env["stock.move"].with_user(self.hub_user).create(
                {
                    "name": "forged",
                    "product_id": self.pasta.id,
                    "product_uom_qty": 1,
                    "location_id": self.hub.lot_stock_id.id,
                    "location_dest_id": self.hub.lot_stock_id.id,
                    "loco_donation_value": 5000.0,
                }
            )
        self.env.invalidate_all()
        self.assertEqual(
            moves.read(["loco_weight_kg", "loco_donation_value", "loco_value_source"]), values
        )
