# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Urgent food is pushed, not just listed: an urgent lot is proposed to the nearest
association that can use it in time, shown first in its Bourse, taken in one click;
not taken in time, it goes to the next association."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import load_belgian_languages
from .test_portal import CSRF, LocoPortalCase


@tagged("post_install", "-at_install")
class TestProposals(LocoPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the hub serves its own associations only (not the demo's of its area); in
        # Mons, the grocery 1 km away, the restaurant 15 km away
        cls.hub.loco_service_area = False
        cls.hub.partner_id.write({"partner_latitude": 50.454, "partner_longitude": 3.952})
        cls.grocery.write({"partner_latitude": 50.460, "partner_longitude": 3.960})
        cls.restaurant.write(
            {
                "partner_latitude": 50.41,
                "partner_longitude": 4.16,
                "loco_can_store_chilled": True,
            }
        )
        load_belgian_languages(cls.env, "loco_hubs")
        Users = cls.env["res.users"]
        for login, lang in (("grocery_portal", "fr_BE"), ("resto_portal", "nl_BE")):
            Users.search([("login", "=", login)]).partner_id.write(
                {"email": f"{login}@example.org", "lang": lang}
            )
        # yoghurt to give by tomorrow: urgent (its category's urgent days: 2)
        cls.urgent = cls.make_lot(cls.yoghurt, 1, "URGENT-YOG")
        cls.put_in_stock(cls.urgent, 5)

    def propose(self):
        return self.env["loco.proposal"]._loco_propose(self.hub)

    def proposals(self):
        return self.env["loco.proposal"].search([("lot_id", "=", self.urgent.id)], order="id")

    def mails_to(self, login):
        partner = self.env["res.users"].search([("login", "=", login)]).partner_id
        return self.env["mail.mail"].search(
            [("model", "=", "loco.proposal"), ("recipient_ids", "in", partner.ids)]
        )

    def take(self, proposal):
        _response, html = self.page("/my/bourse")
        return self.url_open(
            f"/my/bourse/proposals/{proposal.id}/take",
            data={"csrf_token": CSRF.search(html).group(1)},
        )

    def test_not_taken_in_time_it_goes_to_the_next_association_which_takes_it(self):
        first = self.propose()
        self.assertEqual((first.partner_id, first.rank), (self.grocery, 1), "the nearest")
        self.assertEqual(first.quantity, 5)
        [mail] = self.mails_to("grocery_portal")
        self.assertEqual(mail.subject, f"Denrées urgentes pour vous : {self.yoghurt.display_name}")
        self.assertIn("vous les propose en premier", mail.body_html)
        self.assertFalse(self.propose(), "one association at a time")
        self.login("grocery_portal")
        _response, html = self.page("/my/bourse")
        self.assertIn("o_loco_proposals", html)
        self.assertIn(f"/my/bourse/proposals/{first.id}/take", html)
        # the grocery lets it pass
        first.sudo()._loco_workflow().deadline = fields.Datetime.now() - timedelta(minutes=1)
        self.env["loco.proposal"]._cron_loco_proposals()
        self.assertEqual(first.state, "expired")
        second = self.proposals() - first
        self.assertEqual((second.partner_id, second.state), (self.restaurant, "proposed"))
        [mail] = self.mails_to("resto_portal")
        self.assertIn("stelt het eerst aan jou voor", mail.body_html)
        # too late for the grocery
        response = self.take(first)
        self.assertIn("ne peut plus être prise", response.text)
        # the restaurant takes it in one click; a second click finds the same order
        self.login("resto_portal")
        response = self.take(second)
        self.assertEqual(second.state, "taken")
        order = second.order_id
        self.assertEqual((order.partner_id, order.hub_id), (self.restaurant, self.hub))
        self.assertEqual(order.line_ids.product_id, self.yoghurt)
        self.assertEqual(order.line_ids.quantity, 5)
        self.assertEqual(order.state, "submitted")
        self.assertIn(f"/my/loco/orders/{order.id}", response.url, "on to the order's page")
        self.take(second)
        self.assertEqual(
            self.env["loco.order"].search_count([("partner_id", "=", self.restaurant.id)]), 1
        )
        # the coordinator sees each proposal of the lot and its outcome
        seen = (
            self.env["loco.proposal"]
            .with_user(self.coordinator)
            .search([("lot_id", "=", self.urgent.id)])
        )
        self.assertEqual(set(seen.mapped("state")), {"expired", "taken"})

    def test_only_the_association_proposed_may_take_it(self):
        proposal = self.propose()
        self.login("resto_portal")
        _response, html = self.page("/my/bourse")
        self.assertNotIn("o_loco_proposals", html)
        with mute_logger("odoo.http"):
            for url in (
                f"/my/bourse/proposals/{proposal.id}/take",
                "/my/bourse/proposals/99999999/take",
                "/my/bourse/proposals/99999999999/take",
            ):
                response = self.url_open(url, data={"csrf_token": CSRF.search(html).group(1)})
                self.assertEqual(response.status_code, 404, url)
        self.assertEqual(proposal.state, "proposed")
        with self.assertRaises(AccessError):
            proposal.with_user(self.coordinator).write({"quantity": 50})
        for hours in (0, -5, 10**9):
            with self.assertRaises(ValidationError):
                self.hub.with_user(self.coordinator).loco_proposal_hours = hours
        with self.assertRaises(AccessError):
            self.env["loco.proposal"].with_user(self.coordinator).create(
                {"hub_id": self.hub.id, "lot_id": self.urgent.id, "partner_id": self.restaurant.id}
            )
        # past its deadline, even before the hourly pass, it cannot be taken
        proposal.sudo()._loco_workflow().deadline = fields.Datetime.now() - timedelta(minutes=1)
        self.login("grocery_portal")
        response = self.take(proposal)
        self.assertIn("est terminée", response.text, "in the volunteer's language")
        self.assertFalse(proposal.order_id)

    def test_a_volunteer_can_stop_the_emails_and_a_receipt_proposes_at_once(self):
        self.login("grocery_portal")
        _response, html = self.page("/my/bourse")
        self.url_open("/my/bourse/proposal-mails", data={"csrf_token": CSRF.search(html).group(1)})
        volunteer = self.env["res.users"].search([("login", "=", "grocery_portal")])
        self.assertTrue(volunteer.partner_id.loco_no_proposal_mail)
        # urgent food received at the dock is proposed at once, without an e-mail to them
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.hub.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.hub.lot_stock_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": self.bread.name,
                            "product_id": self.bread.id,
                            "product_uom_qty": 10,
                            "product_uom": self.bread.uom_id.id,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.hub.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        bread_lot = self.make_lot(self.bread, 0, "BREAD-TODAY")
        picking.move_ids.move_line_ids.write({"lot_id": bread_lot.id, "quantity": 10})
        picking.move_ids.picked = True
        picking.with_user(self.hub_user).button_validate()
        proposals = self.env["loco.proposal"].search([("lot_id", "=", bread_lot.id)])
        self.assertEqual(proposals.partner_id, self.grocery)
        self.assertFalse(self.mails_to("grocery_portal"))
        # and turned on again
        _response, html = self.page("/my/bourse")
        self.url_open(
            "/my/bourse/proposal-mails",
            data={"csrf_token": CSRF.search(html).group(1), "mails": "on"},
        )
        self.assertFalse(volunteer.partner_id.loco_no_proposal_mail)
        # the box sent twice, and a portal user of no association
        _response, html = self.page("/my/bourse")
        response = self.url_open(
            "/my/bourse/proposal-mails",
            data=[("csrf_token", CSRF.search(html).group(1)), ("mails", "on"), ("mails", "on")],
        )
        self.assertIn("o_loco_error", response.text)
        self.assertFalse(volunteer.partner_id.loco_no_proposal_mail)
        new_test_user(
            self.env, "proposal_stranger", groups="base.group_portal", password="stranger_pw"
        )
        self.authenticate("proposal_stranger", "stranger_pw")
        csrf = CSRF.search(self.url_open("/my/account").text).group(1)
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/my/bourse/proposal-mails", data={"csrf_token": csrf, "mails": "on"}
            )
        self.assertEqual(response.status_code, 404)

    def test_a_hub_serves_its_own_and_those_its_area_covers(self):
        self.hub.loco_service_area = "7000-7099"
        neighbour = self.env["stock.warehouse"].create(
            {"name": "Proposal neighbour", "code": "PRNB", "loco_hub": True}
        )
        covered = self.env["res.partner"].create(
            {
                "name": "Covered association",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": neighbour.id,
                "zip": "7050",
            }
        )
        served = self.hub._loco_served_associations()
        self.assertIn(covered, served)
        self.assertLessEqual(self.grocery | self.restaurant, served)
        # the other side of the associations' own list of hubs
        everyone = self.env["res.partner"].search(
            [("loco_association", "=", True), ("loco_hub_id", "!=", False)]
        )
        self.assertEqual(
            served, everyone.filtered(lambda partner: self.hub in partner._loco_order_hubs())
        )
