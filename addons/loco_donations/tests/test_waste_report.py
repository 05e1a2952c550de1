# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import LocoDonationsCase


@tagged("post_install", "-at_install")
class TestWasteReport(LocoDonationsCase):
    """Food destroyed from quarantine, counted by reason, hub, category and month."""

    def destroy(self, lot, quantity, reason):
        location = self.put_in_stock(lot, quantity, self.hub.loco_quarantine_location_id)
        quants = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("location_id", "=", location.id)]
        )
        self.env["loco.quarantine.decision"].with_user(self.hub_user).with_context(
            active_model="stock.quant", active_ids=quants.ids
        ).create({"decision": "destroy", "reason_id": self.env.ref(reason).id}).action_apply()

    def test_the_waste_report_sums_equal_the_scraps(self):
        self.destroy(
            self.make_lot(self.yoghurt, -2, "WASTE-Y"), 10, "loco_hubs.scrap_reason_expired"
        )
        self.destroy(self.make_lot(self.pasta, 90, "WASTE-P"), 4, "loco_hubs.scrap_reason_damaged")
        self.destroy(
            self.make_lot(self.yoghurt, 5, "WASTE-Y2"), 6, "loco_hubs.scrap_reason_cold_chain"
        )
        Report = self.env["loco.waste.report"].with_user(self.accountant)
        self.env.flush_all()
        rows = {
            reason.id: (quantity, kg, value)
            for reason, quantity, kg, value in Report._read_group(
                [("hub_id", "=", self.hub.id)],
                ["reason_id"],
                ["quantity:sum", "weight_kg:sum", "value:sum"],
            )
        }
        expired = self.env.ref("loco_hubs.scrap_reason_expired")
        damaged = self.env.ref("loco_hubs.scrap_reason_damaged")
        cold = self.env.ref("loco_hubs.scrap_reason_cold_chain")
        # yoghurt: 0.5 kg a unit, 2.5 €/kg; pasta: 0.5 kg, 1.8 €/kg
        self.assertEqual(rows[expired.id], (10, 5.0, 12.5))
        self.assertEqual(rows[damaged.id], (4, 2.0, 3.6))
        self.assertEqual(rows[cold.id], (6, 3.0, 7.5))
        scraps = self.env["stock.scrap"].search(
            [("location_id", "=", self.hub.loco_quarantine_location_id.id), ("state", "=", "done")]
        )
        self.assertEqual(sum(scraps.mapped("scrap_qty")), sum(r[0] for r in rows.values()))
        # an operator (the hotline) does not read it
        with self.assertRaises(AccessError):
            self.env["loco.waste.report"].with_user(self.operator).search([])

    def test_a_line_refused_at_the_dock_is_counted_as_waste(self):
        """Hub staff refuse food at the dock with Odoo's Scrap button on the receipt,
        saying why: it is counted, by its reason, where it was refused."""
        offer = self.make_offer()
        offer.action_register()
        offer.with_user(self.coordinator).action_accept()
        picking = self.receive(offer)
        yoghurt_lot = offer.line_ids.filtered(lambda line: line.product_id == self.yoghurt).lot_id
        action = picking.with_user(self.hub_user).button_scrap()
        scrap = Form(
            self.env["stock.scrap"].with_user(self.hub_user).with_context(**action["context"]),
            view=action["view_id"],
        )
        scrap.product_id = self.yoghurt
        scrap.location_id = self.hub.loco_chilled_location_id  # where it was put away
        scrap.lot_id = yoghurt_lot
        scrap.scrap_qty = 8
        scrap.scrap_reason_tag_ids.add(self.env.ref("loco_hubs.scrap_reason_quality"))
        scrap = scrap.save()
        result = scrap.action_validate()
        self.assertEqual(scrap.state, "done", result)
        self.env.flush_all()
        row = (
            self.env["loco.waste.report"]
            .with_user(self.accountant)
            .search([("product_id", "=", self.yoghurt.id), ("hub_id", "=", self.hub.id)])
        )
        self.assertEqual(row.reason_id, self.env.ref("loco_hubs.scrap_reason_quality"))
        self.assertEqual((row.quantity, row.weight_kg, row.value), (8, 4.0, 10.0))
