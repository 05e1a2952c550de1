# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""A recall (AFSCA): a coordinator recalls a lot; what is left of it in every hub of
the organisations the coordinator works for is unreserved and quarantined at once,
one done transfer per hub; open orders that held it are flagged; every association
that received it is listed, notified in its language, and answers on the portal."""

import re
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.queue_job.job import Job

from ..models import loco_recall
from .common import load_belgian_languages
from .test_portal import CSRF, LocoPortalCase


@tagged("post_install", "-at_install")
class TestRecall(LocoPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grocery.write({"email": "epicerie@example.com", "lang": "en_US"})
        # the grocery received 3 of the pasta lot; the restaurant's 2 are reserved
        cls.delivered = cls.make_order(cls.grocery, 3)
        cls.delivered.sudo()._loco_deliver()
        cls.held = cls.make_order(cls.restaurant, 2)
        # the same food at a hub of a second organisation of the coordinator's, and at
        # a third organisation's hub, which the coordinator does not work for
        cls.company_b = cls.env["res.company"].create({"name": "Restos (recall test)"})
        cls.company_c = cls.env["res.company"].create({"name": "Antenne (recall test)"})
        cls.hub_b = cls.make_hub("RCLB", cls.company_b)
        cls.hub_c = cls.make_hub("RCLC", cls.company_c)
        cls.lot_b = cls.other_lot(cls.hub_b, 7)
        cls.lot_c = cls.other_lot(cls.hub_c, 9)
        cls.network_coordinator = new_test_user(
            cls.env,
            "loco_recall_coordinator",
            groups="loco_hubs.group_loco_coordinator",
            company_id=cls.company.id,
            company_ids=[Command.set((cls.company | cls.company_b).ids)],
        )

    @classmethod
    def make_order(cls, association, quantity):
        order = cls.env["loco.order"].create(
            {
                "partner_id": association.id,
                "line_ids": [Command.create({"product_id": cls.pasta.id, "quantity": quantity})],
            }
        )
        order.action_submit()
        order.with_user(cls.coordinator).action_confirm()
        return order

    @classmethod
    def make_hub(cls, code, company):
        return (
            cls.env["stock.warehouse"]
            .with_context(allowed_company_ids=company.ids)
            .create(
                {"name": f"Hub {code}", "code": code, "loco_hub": True, "company_id": company.id}
            )
        )

    @classmethod
    def other_lot(cls, hub, quantity):
        lot = cls.env["stock.lot"].create(
            {
                "name": "PORTAL-P",
                "product_id": cls.pasta.id,
                "company_id": hub.company_id.id,
                "use_date": cls.pasta_lot.use_date,
            }
        )
        cls.put_in_stock(lot, quantity, hub.loco_ambient_location_id)
        return lot

    def in_stock(self, lot, hub, quarantine=False):
        quants = self.env["stock.quant"].search(
            [
                ("lot_id", "=", lot.id),
                ("location_id", "child_of", hub.view_location_id.id),
                ("location_id.loco_quarantine", "=", quarantine),
            ]
        )
        return sum(quants.mapped("quantity"))

    def recall(self, user=None, **vals):
        user = user or self.network_coordinator
        return (
            self.env["loco.recall"]
            .with_user(user)
            .with_context(allowed_company_ids=user.company_ids.ids)
            .create({"reason": "Listeria found by the supplier", **vals})
        )

    def test_opening_blocks_the_lots_everywhere_the_coordinator_works_and_lists_who_got_it(self):
        recall = self.recall(lot_ids=[Command.set([self.pasta_lot.id])])
        # the same lot number at the second organisation's hub, by the product's dates
        recall_b = self.recall(
            product_id=self.pasta.id,
            date_from=self.lot_b.use_date.date(),
            date_to=self.lot_b.use_date.date(),
        )
        recall.action_open()
        recall = recall.with_env(self.env)
        self.assertEqual(recall.state, "open")
        # 10 received, 3 delivered: the 7 left, 2 of them reserved, are in quarantine
        self.assertEqual(self.in_stock(self.pasta_lot, self.hub), 0)
        self.assertEqual(self.in_stock(self.pasta_lot, self.hub, quarantine=True), 7)
        self.assertEqual(recall.picking_ids.state, "done")
        self.assertEqual(recall.blocked_qty, 7)
        self.assertFalse(
            self.held.picking_id.move_line_ids.filtered(lambda line: line.lot_id == self.pasta_lot),
            "the restaurant's reservation of the recalled lot is released",
        )
        self.assertIn("Recall", self.held.message_ids[0].body, "its open order is flagged")
        self.assertEqual(recall.partner_ids, self.grocery, "the one association served")
        self.assertIn("Test pasta 500 g: 3", recall.notice_ids.delivered)
        # the second organisation's hub, by product and printed dates
        recall_b.action_open()
        recall_b = recall_b.with_env(self.env)
        self.assertEqual(recall_b.lot_ids, self.pasta_lot | self.lot_b, "the coordinator's two")
        self.assertEqual(self.in_stock(self.lot_b, self.hub_b, quarantine=True), 7)
        self.assertEqual(len(recall_b.picking_ids), 1, "one per hub with food left")
        self.assertEqual(recall_b.picking_ids.company_id, self.company_b)
        self.assertEqual(self.in_stock(self.lot_c, self.hub_c), 9, "not the coordinator's")
        # a second click changes nothing
        recall.action_open()
        self.assertEqual(len(recall.picking_ids), 1)

    def test_the_suppliers_lot_number_finds_every_lot_the_food_became(self):
        """A supplier's notice names its lot number: LOCO's lots of that food, in each
        hub and organisation the coordinator sees, carry it (whatever its case)."""
        (self.pasta_lot | self.lot_b | self.lot_c).write({"ref": "SUP-42"})
        other = self.make_lot(self.pasta, 90, "OTHER-SUPPLIER-LOT")
        other.ref = "SUP-43"
        recall = self.recall(supplier_lot=" sup-42 ")
        recall.action_open()
        recall = recall.with_env(self.env)
        self.assertEqual(recall.lot_ids, self.pasta_lot | self.lot_b)
        self.assertEqual(self.in_stock(self.lot_b, self.hub_b, quarantine=True), 7)
        self.assertEqual(self.in_stock(self.lot_c, self.hub_c), 9, "not the coordinator's")
        # with a product too, only that product's lots of that number
        recall = self.recall(supplier_lot="SUP-42", product_id=self.yoghurt.id)
        with self.assertRaisesRegex(UserError, "finds no lot"):
            recall.action_open()

    def test_notified_associations_answer_on_the_portal(self):
        load_belgian_languages(self.env, "loco_hubs")
        self.grocery.lang = "fr_BE"
        recall = self.recall(lot_ids=[Command.set([self.pasta_lot.id])])
        recall.action_open()
        self.login("grocery_portal")
        _response, html = self.page("/my/loco/recalls")
        self.assertNotIn("Listeria", html, "nothing shows before the notice is sent")
        recall.action_notify()
        recall = recall.with_env(self.env)
        self.assertEqual(recall.state, "notified")
        mail = self.env["mail.mail"].search([("model", "=", "loco.recall.notice")])
        self.assertEqual(mail.recipient_ids, self.grocery)
        self.assertIn("Rappel", mail.subject, "in the association's language")
        recall.action_notify()
        self.assertEqual(
            self.env["mail.mail"].search_count([("model", "=", "loco.recall.notice")]),
            1,
            "a second click sends nothing twice",
        )
        _response, home = self.page("/my")
        self.assertIn("o_loco_recall_banner", home)
        _response, html = self.page("/my/loco/recalls")
        self.assertIn("Listeria", html)
        notice = recall.notice_ids
        form = {
            "quantity_left": "1",
            "note": "Mis de côté",
            "csrf_token": CSRF.search(html).group(1),
        }
        url = f"/my/loco/recalls/{notice.id}/acknowledge"
        response = self.url_open(url, data=form)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            (notice.state, notice.quantity_left, notice.note), ("acknowledged", 1, "Mis de côté")
        )
        self.assertEqual(notice.acknowledged_by.login, "grocery_portal")
        self.assertEqual(recall.pending_count, 0)
        self.url_open(url, data={**form, "quantity_left": "5"})
        self.assertEqual(notice.quantity_left, 1, "a second click changes nothing")
        _response, home = self.page("/my")
        self.assertNotIn("o_loco_recall_banner", home)
        recall.action_close()
        self.assertEqual(recall.state, "closed")

    def test_a_lots_move_lines_are_found_by_an_index(self):
        """A recall lists where a lot went from its move lines: a national year holds
        millions of them, read by lot through an index (Odoo has none)."""
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'stock_move_line'"
            " AND indexname = 'stock_move_line__lot_id_index'"
        )
        self.assertIn("(lot_id)", self.env.cr.fetchone()[0])

    def test_a_lot_number_is_checked_unique_through_an_index(self):
        """Odoo checks each new lot's number is unique for its food: by food and exact
        number, through a b-tree index (its own index of the number is a trigram one,
        slow for exact numbers that share their trigrams with a year of lots)."""
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'stock_lot'"
            " AND indexname = 'stock_lot_loco_product_name_index'"
        )
        self.assertIn("btree (product_id, name)", self.env.cr.fetchone()[0])

    def test_a_foods_stock_in_a_place_is_found_by_an_index(self):
        """FEFO and the catalogue read a food's quants in a hub's places: by food and
        place, through one index (Odoo has one for each apart)."""
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'stock_quant'"
            " AND indexname = 'stock_quant_loco_product_location_index'"
        )
        self.assertIn("btree (product_id, location_id)", self.env.cr.fetchone()[0])

    def test_a_recall_to_many_associations_is_notified_by_a_queued_job(self):
        recall = self.recall(lot_ids=[Command.set([self.pasta_lot.id])])
        recall.action_open()
        Mail = self.env["mail.mail"]
        with patch.object(loco_recall, "NOTICES_IN_REQUEST", 0):
            action = recall.action_notify()
            self.assertEqual(action["params"]["type"], "info")
            self.assertNotIn("next", action["params"], "the recall's form stays open")
            recall.action_notify()  # a second click while the job waits
        jobs = self.env["queue.job"].search([("method_name", "=", "_loco_notify_job")])
        self.assertEqual(len(jobs), 1, "queued once")
        self.assertEqual(jobs.channel, "root.loco_recall")
        self.assertEqual(recall.state, "open", "nothing is told before the job runs")
        self.assertFalse(Mail.search_count([("model", "=", "loco.recall.notice")]))
        Job.load(self.env, jobs.uuid).perform()
        self.assertEqual(recall.state, "notified")
        self.assertEqual(
            Mail.search([("model", "=", "loco.recall.notice")]).recipient_ids, self.grocery
        )

    def test_an_association_answers_for_each_recalled_product_it_received(self):
        bread_lot = self.make_lot(self.bread, 5, "RECALL-BREAD")
        self.put_in_stock(bread_lot, 4)
        order = self.env["loco.order"].create(
            {
                "partner_id": self.grocery.id,
                "line_ids": [Command.create({"product_id": self.bread.id, "quantity": 2})],
            }
        )
        order.action_submit()
        order.with_user(self.coordinator).action_confirm()
        order.sudo()._loco_deliver()
        recall = self.recall(lot_ids=[Command.set([self.pasta_lot.id, bread_lot.id])])
        recall.action_open()
        recall.action_notify()
        notice = recall.with_env(self.env).notice_ids
        self.assertEqual(
            {(line.product_id, line.quantity_delivered) for line in notice.line_ids},
            {(self.pasta, 3), (self.bread, 2)},
        )
        pasta_line = notice.line_ids.filtered(lambda line: line.product_id == self.pasta)
        bread_line = notice.line_ids - pasta_line
        url = f"/my/loco/recalls/{notice.id}/acknowledge"
        self.login("grocery_portal")
        _response, html = self.page("/my/loco/recalls")
        self.assertIn(f'name="left_{bread_line.id}"', html)
        csrf = CSRF.search(html).group(1)
        form = {f"left_{pasta_line.id}": "1", f"left_{bread_line.id}": "5", "csrf_token": csrf}
        response = self.url_open(url, data=form)
        self.assertIn("you cannot still have", response.text)
        # one answer cannot stand for two products: each is asked for
        response = self.url_open(url, data={"quantity_left": "1", "csrf_token": csrf})
        self.assertIn(self.pasta.display_name, response.text)
        self.assertEqual(notice.state, "pending")
        self.url_open(url, data={**form, f"left_{bread_line.id}": "2"})
        self.assertEqual((pasta_line.quantity_left, bread_line.quantity_left), (1, 2))
        self.assertEqual(notice.quantity_left, 3)
        with self.assertRaises(AccessError):
            bread_line.with_user(self.network_coordinator).quantity_left = 0
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "loco_hubs.action_report_loco_recall", recall.ids
        )
        self.assertIn(self.bread.display_name, html.decode())

    def test_the_portal_refuses_bad_answers_and_other_associations(self):
        recall = self.recall(lot_ids=[Command.set([self.pasta_lot.id])])
        recall.action_open()
        recall.action_notify()
        notice = recall.with_env(self.env).notice_ids
        url = f"/my/loco/recalls/{notice.id}/acknowledge"
        self.login("grocery_portal")
        csrf = CSRF.search(self.page("/my/loco/recalls")[1]).group(1)
        for form, message in (
            ({"quantity_left": "nan"}, "as a number"),
            ({"quantity_left": "-3"}, "as a number"),
            ({"quantity_left": "1e99"}, "as a number"),
            ({"quantity_left": "1", "note": "x" * 1001}, "at most 1000 characters"),
        ):
            response = self.url_open(url, data={**form, "csrf_token": csrf})
            self.assertEqual(response.status_code, 200, form)
            self.assertIn(message, response.text, form)
        # a field sent twice
        response = self.opener.post(
            self.base_url() + url,
            data=[("quantity_left", "1"), ("quantity_left", "2"), ("csrf_token", csrf)],
        )
        self.assertIn("as a number", response.text)
        self.assertEqual(notice.state, "pending")
        # another association's volunteer, forged and absurd ids: not found
        self.login("resto_portal")
        self.put_in_stock(self.make_lot(self.bread, 5, "RECALL-B"), 3)  # a form, a token
        csrf = CSRF.search(self.page("/my/bourse")[1]).group(1)
        with mute_logger("odoo.http"):
            for forged in (url, "/my/loco/recalls/999999/acknowledge"):
                response = self.url_open(forged, data={"quantity_left": "0", "csrf_token": csrf})
                self.assertEqual(response.status_code, 404, forged)
            response = self.url_open(
                "/my/loco/recalls/99999999999/acknowledge",
                data={"quantity_left": "0", "csrf_token": csrf},
            )
            self.assertEqual(response.status_code, 404)
        self.assertNotIn("Listeria", self.page("/my/loco/recalls")[1])
        self.assertEqual(notice.state, "pending")
        # without the form's token
        self.login("grocery_portal")
        with mute_logger("odoo.http"):
            response = self.url_open(url, data={"quantity_left": "0"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(notice.state, "pending")

    def test_only_coordinators_act_and_an_open_recall_is_evidence(self):
        recall = self.recall(lot_ids=[Command.set([self.pasta_lot.id])])
        with self.assertRaises(AccessError):
            recall.with_user(self.hub_user).action_open()
        with self.assertRaisesRegex(UserError, "Open it first"):
            recall.action_notify()
        recall.action_open()
        for vals in ({"reason": "nothing"}, {"lot_ids": [Command.clear()]}, {"state": "draft"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                recall.write(vals)
        with self.assertRaises(AccessError):
            recall.notice_ids.with_user(self.network_coordinator).write({"quantity_left": 0})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            recall.unlink()
        with self.assertRaises(AccessError):
            self.env["loco.recall"].with_user(self.hub_user).create({"reason": "x"})
        # another organisation's coordinator neither finds nor reads it
        stranger = new_test_user(
            self.env,
            "loco_recall_stranger",
            groups="loco_hubs.group_loco_coordinator",
            company_id=self.company_c.id,
            company_ids=[Command.set(self.company_c.ids)],
        )
        Recall = self.env["loco.recall"].with_user(stranger)
        self.assertFalse(Recall.search([("id", "=", recall.id)]))
        with self.assertRaises(AccessError):
            recall.with_user(stranger).read(["reason"])

    def test_a_recall_finding_nothing_or_with_dates_upside_down_is_refused(self):
        recall = self.recall(product_id=self.bread.id)
        with self.assertRaisesRegex(UserError, "finds no lot"):
            recall.action_open()
        self.assertEqual(recall.state, "draft")
        with self.assertRaisesRegex(Exception, "comes after the last"):
            self.recall(
                product_id=self.pasta.id,
                date_from=self.today,
                date_to=self.today.replace(year=self.today.year - 1),
            )

    def test_the_report_for_the_agency_renders_as_a_pdf(self):
        recall = self.recall(lot_ids=[Command.set([self.pasta_lot.id])])
        recall.action_open()
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.network_coordinator)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("loco_hubs.action_report_loco_recall", recall.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "loco_hubs.action_report_loco_recall", recall.ids
        )
        text = re.sub(r"\s+", " ", html.decode())
        for expected in ("PORTAL-P", "Épicerie portail", "Listeria", recall.picking_ids.name):
            self.assertIn(expected, text)

    def test_forged_and_absurd_values_get_a_clear_refusal_and_write_nothing(self):
        """As an integrator over JSON-RPC would send them."""
        Recall = self.env["loco.recall"].with_user(self.network_coordinator)
        before = Recall.search_count([])
        for vals in (
            {"reason": "x", "lot_ids": [Command.set([999999])]},
            {"reason": "x", "product_id": 999999},
            {"reason": "x", "product_id": self.pasta.id, "date_from": "9999-12-31"},
            {"reason": "x", "product_id": self.pasta.id, "date_to": "0001-01-01"},
            {"reason": ["not", "text"]},
        ):
            with self.subTest(vals=vals), self.assertRaises(Exception) as caught:
                with self.env.cr.savepoint():
                    Recall.create(vals)
            self.assertIsInstance(caught.exception, (UserError, ValueError), vals)
        self.assertEqual(Recall.search_count([]), before)
        recall = self.recall(lot_ids=[Command.set([self.pasta_lot.id])])
        for forged in ({"state": "closed"}, {"notice_ids": [Command.create({"partner_id": 1})]}):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                recall.write(forged)
        self.assertEqual(recall.state, "draft")
