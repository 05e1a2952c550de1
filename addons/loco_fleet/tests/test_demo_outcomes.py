# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""On the demo database: urgent food arriving at a hub is proposed to the right
association, which takes it on the portal."""

import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestDemoOutcomes(HttpCase):
    def test_urgent_yoghurt_received_at_bruxelles_is_taken_by_saint_gilles(self):
        hub = self.env.ref("loco_hubs.hub_bruxelles")
        yoghurt = self.env.ref("loco_hubs.product_yoghurt")
        coordinator = self.env["res.users"].search([("login", "=", "coordinator")])
        staff = {"allowed_company_ids": coordinator.company_ids.ids}
        supplier = self.env.ref("stock.stock_location_suppliers")
        picking = (
            self.env["stock.picking"]
            .with_user(coordinator)
            .with_context(**staff)
            .create(
                {
                    "picking_type_id": hub.in_type_id.id,
                    "location_id": supplier.id,
                    "location_dest_id": hub.lot_stock_id.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": yoghurt.name,
                                "product_id": yoghurt.id,
                                "product_uom_qty": 30,
                                "product_uom": yoghurt.uom_id.id,
                                "location_id": supplier.id,
                                "location_dest_id": hub.lot_stock_id.id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        lot = self.env["stock.lot"].create(
            {
                "name": "DEMO-URGENT-YOG",
                "product_id": yoghurt.id,
                "company_id": hub.company_id.id,
                "expiration_date": fields.Datetime.now() + timedelta(days=1),
            }
        )
        picking.move_ids.move_line_ids.write({"lot_id": lot.id, "quantity": 30})
        picking.move_ids.picked = True
        self.env["loco.temperature.log"].with_user(coordinator).with_context(**staff).create(
            {"place": "receipt", "picking_id": picking.id, "reading": 3.0}
        )
        picking.button_validate()
        proposal = self.env["loco.proposal"].search([("lot_id", "=", lot.id)])
        saint_gilles = self.env.ref("loco_hubs.partner_resto_saint_gilles")
        # near the hub, and it took dairy before (the demo's milk)
        self.assertEqual(proposal.partner_id, saint_gilles)
        self.authenticate("volunteer.saintgilles", "demo")
        html = self.url_open("/my/bourse").text
        self.assertIn(f"/my/bourse/proposals/{proposal.id}/take", html)
        self.url_open(
            f"/my/bourse/proposals/{proposal.id}/take",
            data={"csrf_token": CSRF.search(html).group(1)},
        )
        self.assertEqual(proposal.state, "taken")
        self.assertEqual(proposal.order_id.partner_id, saint_gilles)
        self.assertEqual(proposal.order_id.line_ids.product_id, yoghurt)
