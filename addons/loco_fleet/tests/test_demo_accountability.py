# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""On the demo database, by the people whose job it is: a recall, a cold-chain breach,
a FEAD campaign and a quarter of VAT documents, each carried out end to end."""

import re

from odoo import Command, fields
from odoo.tests import Form, HttpCase, tagged

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestDemoAccountability(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        users = cls.env["res.users"].search([])
        cls.user = {user.login: user for user in users}

    def as_staff(self, login, model):
        user = self.user[login]
        return (
            self.env[model].with_user(user).with_context(allowed_company_ids=user.company_ids.ids)
        )

    def portal_form(self, login, url):
        self.authenticate(login, "demo")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text, CSRF.search(response.text).group(1)

    def test_a_recall_of_the_demo_milk(self):
        lot = self.env.ref("loco_hubs.lot_bruxelles_fresh_milk")
        recall = self.as_staff("coordinator", "loco.recall").create(
            {
                "reason": "Listeria monocytogenes (avis du fournisseur)",
                "lot_ids": [Command.set(lot.ids)],
            }
        )
        recall.action_open()
        recall.action_notify()
        served = {
            self.env.ref("loco_hubs.partner_resto_saint_gilles"),
            self.env.ref("loco_hubs.partner_resto_laeken"),
        }
        self.assertEqual(set(recall.notice_ids.partner_id), served)
        self.assertFalse(
            self.env["stock.quant"].search(
                [
                    ("lot_id", "=", lot.id),
                    ("quantity", ">", 0),
                    ("location_id.usage", "=", "internal"),
                    ("location_id.loco_quarantine", "=", False),
                ]
            ),
            "what was left is blocked in quarantine",
        )
        html, csrf = self.portal_form("volunteer.saintgilles", "/my/loco/recalls")
        self.assertIn("Listeria", html)
        notice = recall.notice_ids.filtered(
            lambda n: n.partner_id == self.env.ref("loco_hubs.partner_resto_saint_gilles")
        )
        self.url_open(
            f"/my/loco/recalls/{notice.id}/acknowledge",
            data={"quantity_left": "4", "note": "Mis de côté", "csrf_token": csrf},
        )
        self.assertEqual((notice.state, notice.quantity_left), ("acknowledged", 4))
        self.assertEqual(recall.pending_count, 1, "Laeken has yet to answer")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.user["coordinator"])
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("loco_hubs.action_report_loco_recall", recall.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        recall.action_close()
        self.assertEqual(recall.state, "closed")

    def test_a_cold_chain_breach_at_charleroi(self):
        hub = self.env.ref("loco_hubs.hub_charleroi")
        chilled = hub.loco_chilled_location_id
        held = self.env["stock.quant"].search(
            [("location_id", "child_of", chilled.id), ("quantity", ">", 0)]
        )
        self.assertTrue(held, "the demo's chicken, salmon and apples")
        held_lots, held_quantity = held.lot_id, sum(held.mapped("quantity"))
        form = Form(self.as_staff("hub.charleroi", "loco.temperature.round"))
        self.assertEqual(form.hub_id, hub, "the hub of yesterday's round")
        for index in range(len(form.line_ids)):
            with form.line_ids.edit(index) as line:
                line.reading = 9.0 if line.location_id == chilled else -20.0
        form.save().action_record()
        quarantine = self.env["stock.quant"].search(
            [
                ("location_id", "child_of", hub.loco_quarantine_location_id.id),
                ("quantity", ">", 0),
                ("lot_id", "in", held_lots.ids),
            ]
        )
        self.assertEqual(quarantine.lot_id, held_lots)
        self.assertTrue(
            self.env["mail.activity"].search(
                [
                    ("user_id", "=", self.user["hub.charleroi"].id),
                    ("res_model", "=", "stock.picking"),
                ]
            ),
            "the hub manager is asked to decide",
        )
        decision = (
            self.as_staff("hub.charleroi", "loco.quarantine.decision")
            .with_context(active_model="stock.quant", active_ids=quarantine.ids)
            .create(
                {
                    "decision": "destroy",
                    "reason_id": self.env.ref("loco_hubs.scrap_reason_cold_chain").id,
                    "note": "Chambre froide en panne",
                }
            )
        )
        decision.action_apply()
        self.env.flush_all()
        waste = self.as_staff("hub.charleroi", "loco.waste.report").search(
            [
                ("hub_id", "=", hub.id),
                ("reason_id", "=", self.env.ref("loco_hubs.scrap_reason_cold_chain").id),
            ]
        )
        self.assertEqual(sum(waste.mapped("quantity")), held_quantity)

    def test_a_fead_campaign_of_the_croix_rouge(self):
        rice = self.env.ref("loco_hubs.product_rice_long_grain")
        html, csrf = self.portal_form("volunteer.saintgilles", "/my/bourse")
        hub = self.env.ref("loco_hubs.hub_bruxelles")
        self.assertIn(f"qty_{hub.id}_{rice.id}", html, "the FEAD rice is offered")
        self.url_open(
            "/my/bourse/order",
            data={f"qty_{hub.id}_{rice.id}": "50", "csrf_token": csrf},
        )
        order = self.env["loco.order"].search(
            [
                ("partner_id", "=", self.env.ref("loco_hubs.partner_resto_saint_gilles").id),
                ("line_ids.product_id", "=", rice.id),
            ]
        )
        self.assertEqual(order.line_ids.quantity, 40, "the quota of the campaign")
        # Aarschot is recognised too, but Archennes holds no European aid
        aarschot_html, _csrf = self.portal_form("volunteer.aarschot", "/my/bourse")
        self.assertNotIn(f"qty_{hub.id}_{rice.id}", aarschot_html)
        # Laeken cannot use its rice: the coordinator gives ten to a Restos association
        transfer = self.as_staff("coordinator", "loco.fead.quota.transfer").create(
            {
                "quota_id": self.env.ref("loco_donations.fead_quota_laeken_rice").id,
                "partner_id": self.env.ref("loco_hubs.partner_resto_arlon").id,
                "quantity": 10,
                "note": "Pas de place en réserve",
            }
        )
        self.assertEqual(transfer.to_company_id, self.env.ref("loco_hubs.company_restos"))
        self.assertEqual(
            transfer.to_quota_id.campaign_id, self.env.ref("loco_donations.fead_campaign_restos")
        )
        self.assertEqual(
            self.as_staff("accountant.restos", "loco.fead.quota.transfer").search([]), transfer
        )
        # Saint-Gilles declares this month's end recipients
        _html, csrf = self.portal_form("volunteer.saintgilles", "/my/loco/recipients")
        month = fields.Date.today().strftime("%Y-%m")
        self.url_open(
            "/my/loco/recipients/declare",
            data={
                "month": month,
                "recipients_total": "180",
                "recipients_children": "60",
                "csrf_token": csrf,
            },
        )
        declarations = self.as_staff("accountant.croixrouge", "loco.esf.declaration").search(
            [("partner_id", "=", self.env.ref("loco_hubs.partner_resto_saint_gilles").id)]
        )
        self.assertEqual(sorted(declarations.mapped("recipients_total")), [180, 212])

    def test_a_quarter_of_vat_documents(self):
        delhaize = self.env.ref("loco_donations.donor_delhaize_saint_gilles")
        wizard = self.as_staff("accountant.croixrouge", "loco.vat.summary").create({})
        action = wizard.action_prepare()
        documents = self.as_staff("accountant.croixrouge", "loco.vat.document").search(
            action["domain"]
        )
        self.assertEqual(documents.donor_id, delhaize)
        offer = self.env.ref("loco_donations.offer_received_last_quarter_delhaize")
        self.assertEqual(documents.move_ids, offer.picking_id.move_ids)
        documents.action_issue()
        self.assertEqual(documents.state, "issued")
        self.assertTrue(documents.name and documents.name != "/")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.user["accountant.croixrouge"])
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("loco_donations.action_report_loco_vat_document", documents.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
