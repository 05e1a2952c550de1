# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.loco_hubs.tests.common import LocoHubsCase

# the food flows' measures, as their pivot and the dashboard read them
FLOW_MEASURES = (
    "received_kg:sum",
    "distributed_kg:sum",
    "in_time_kg:sum",
    "exchanged_kg:sum",
    "quarantined_kg:sum",
    "destroyed_kg:sum",
    "days_left:avg",
)
# what an SQL copy of a received move needs to be valued and exported like it (the
# export tests and the benchmarks copy moves by the thousand)
COPIED_MOVE_COLUMNS = (
    "name",
    "product_id",
    "product_uom",
    "product_uom_qty",
    "quantity",
    "location_id",
    "location_dest_id",
    "company_id",
    "state",
    "date",
    "procure_method",
    "picking_id",
    "loco_offer_line_id",
    "loco_offer_id",
    "loco_donor_id",
    "loco_hub_id",
    "loco_categ_id",
    "loco_donor_type",
    "loco_weight_kg",
    "loco_donation_value",
    "loco_value_source",
    "loco_held_kg",
    "loco_held_value",
)


class LocoDonationsCase(LocoHubsCase):
    """loco_hubs' test network plus a donor in the hub's area and the LOCO users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.donor = cls.env["res.partner"].create(
            {
                "name": "Supermarché Test Mons",
                "is_company": True,
                "loco_donor": True,
                "loco_donor_type": "distributor",
                "zip": "7000",
                "city": "Mons",
                "phone": "+32 65 12 34 56",
                "vat": "BE0477472701",
            }
        )
        cls.operator = new_test_user(
            cls.env, "loco_operator", groups="loco_donations.group_loco_operator"
        )
        cls.accountant = new_test_user(
            cls.env, "loco_accountant", groups="loco_donations.group_loco_accountant"
        )
        cls.categ_dairy.loco_value_per_kg = 2.5
        cls.categ_pasta.loco_value_per_kg = 1.8
        cls.yoghurt.weight = 0.5
        cls.pasta.weight = 0.5

    @classmethod
    def offer_vals(cls, lines=None, **vals):
        now = fields.Datetime.now()
        return {
            "donor_id": cls.donor.id,
            "pickup_start": now + timedelta(days=1),
            "pickup_end": now + timedelta(days=1, hours=4),
            "line_ids": [
                Command.create(line) for line in (cls.default_lines() if lines is None else lines)
            ],
            **vals,
        }

    @classmethod
    def default_lines(cls):
        return [
            {
                "product_id": cls.yoghurt.id,
                "quantity": 40,
                "dlc": cls.today + timedelta(days=10),
                "donor_lot": "Y123",
            },
            {"product_id": cls.pasta.id, "quantity": 100, "ddm": cls.today + timedelta(days=200)},
        ]

    @classmethod
    def make_offer(cls, user=None, lines=None, **vals):
        Offer = cls.env["loco.donation.offer"].with_user(user or cls.operator)
        return Offer.create(cls.offer_vals(lines, **vals))

    @classmethod
    def received_offer(cls, **vals):
        """An offer registered, accepted and received in full by hub staff (its
        temperature read at the dock), for a class's setup."""
        offer = cls.make_offer(**vals)
        offer.action_register()
        offer.with_user(cls.coordinator).action_accept()
        picking = offer.picking_id.with_user(cls.hub_user)
        cls.read_dock(picking)
        for move in picking.move_ids:
            move.move_line_ids.quantity = move.product_uom_qty
            move.picked = True
        picking.button_validate()
        return offer

    def receive(self, offer, quantities=None, user=None):
        """Hub staff validate what really arrived (all, or ``quantities`` per product)."""
        picking = offer.picking_id.with_user(user or self.hub_user)
        if picking.loco_needs_reading:
            self.read_dock(picking, user or self.hub_user)
        for move in picking.move_ids:
            qty = (quantities or {}).get(move.product_id, move.product_uom_qty)
            move.move_line_ids.quantity = qty
            move.picked = True
        result = picking.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=picking.ids
        ).button_validate()
        self.assertTrue(result is True or isinstance(result, dict))
        self.assertEqual(picking.state, "done")
        return picking
