# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import HttpCase, tagged

from .common import LocoFleetCase


@tagged("post_install", "-at_install")
class TestRoundSheet(LocoFleetCase, HttpCase):
    def test_the_round_sheet_is_a_real_pdf(self):
        """Rendered by wkhtmltopdf, as a driver prints it."""
        rnd = self.make_round([self.accepted_offer()], [self.delivery_order()])
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("loco_fleet.report_loco_round", rnd.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertGreater(len(pdf), 5000)

    def test_the_shared_vehicle_costs_statement_is_a_real_pdf(self):
        owner = self.env["res.company"].create({"name": "Owner (statement test)"})
        rnd = self.make_round(orders=[self.delivery_order()])
        charge = self.env["loco.vehicle.charge"].create(
            {
                "round_id": rnd.id,
                "vehicle_id": self.van.id,
                "owner_company_id": owner.id,
                "company_id": self.company.id,
                "date": self.today,
                "distance_km": 42,
                "amount": 33.6,
                "currency_id": self.company.currency_id.id,
            }
        )
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("loco_fleet.report_vehicle_statement", charge.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
