# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io
from datetime import timedelta

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import LocoDonationsCase


class LocoExchangeCase(LocoDonationsCase):
    """Hub A (the test hub) holds donated yoghurt and pasta; hub A2 is another hub of
    the same organisation; hub B belongs to another organisation, hub C to a third."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Warehouse = cls.env["stock.warehouse"]
        cls.hub2 = Warehouse.create({"name": "Test hub 2", "code": "TSH2", "loco_hub": True})
        cls.company_b = cls.env["res.company"].create({"name": "Restos du Cœur (exchange)"})
        cls.company_c = cls.env["res.company"].create({"name": "Antenne tierce (exchange)"})
        cls.hub_b = Warehouse.create(
            {"name": "Hub B", "code": "HUBB", "loco_hub": True, "company_id": cls.company_b.id}
        )
        cls.hub_c = Warehouse.create(
            {"name": "Hub C", "code": "HUBC", "loco_hub": True, "company_id": cls.company_c.id}
        )
        cls.hub_user_b = cls.staff("loco_exchange_staff_b", cls.company_b)
        cls.hub_user_c = cls.staff("loco_exchange_staff_c", cls.company_c)
        offer = cls.received_offer()
        cls.offer = offer.with_env(cls.env)
        cls.yoghurt_lot = cls.offer.line_ids.filtered(
            lambda line: line.product_id == cls.yoghurt
        ).lot_id
        cls.pasta_lot = cls.offer.line_ids.filtered(
            lambda line: line.product_id == cls.pasta
        ).lot_id

    @classmethod
    def staff(cls, login, company):
        return new_test_user(
            cls.env,
            login,
            groups="loco_hubs.group_loco_hub_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    def as_user(self, records, user):
        return records.with_user(user).with_context(allowed_company_ids=user.company_ids.ids)

    def make_exchange(self, to_hub, lines=None, user=None):
        user = user or self.hub_user
        Exchange = self.as_user(self.env["loco.exchange"], user)
        return Exchange.create(
            {
                "from_hub_id": self.hub.id,
                "to_hub_id": to_hub.id,
                "line_ids": [
                    Command.create({"lot_id": lot.id, "quantity": qty})
                    for lot, qty in (lines or [(self.yoghurt_lot, 10)])
                ],
            }
        )

    def free(self, lot, hub):
        return self.env["stock.quant"]._get_available_quantity(
            lot.product_id, hub.lot_stock_id, lot_id=lot, strict=False
        )

    def on_hand(self, lot, hub):
        quants = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("location_id", "child_of", hub.lot_stock_id.id)]
        )
        return sum(quants.mapped("quantity"))

    def export(self, user, company, hubs):
        """The export of ``company`` (the test's hubs only: demo data have their own)."""
        wizard = (
            self.env["loco.donation.export"]
            .with_user(user)
            .with_context(allowed_company_ids=company.ids)
            .create(
                {
                    "date_from": self.today - timedelta(days=1),
                    "date_to": self.today,
                    "hub_ids": [Command.set(hubs.ids)],
                }
            )
        )
        wizard.action_export()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        return book.worksheets[0], book.worksheets[1]

    @staticmethod
    def detail_kg(detail):
        rows = list(detail.iter_rows(min_row=2, values_only=True))
        return round(sum(row[9] or 0.0 for row in rows), 2), round(
            sum(row[11] or 0.0 for row in rows), 2
        )


@tagged("post_install", "-at_install")
class TestExchangeFlow(LocoExchangeCase):
    def test_same_organisation_moves_the_lot_through_transit(self):
        exchange = self.make_exchange(self.hub2)
        self.assertFalse(exchange.inter_company)
        self.assertEqual(exchange.transport, "sender_delivers")
        exchange.action_propose()
        exchange.action_accept()
        self.assertEqual(exchange.state, "accepted")
        out, incoming = exchange.out_picking_id, exchange.in_picking_id
        self.assertEqual(out.location_dest_id, self.company.internal_transit_location_id)
        self.assertEqual(out.move_ids.move_line_ids.lot_id, self.yoghurt_lot)
        self.assertEqual(sum(out.move_ids.move_line_ids.mapped("quantity")), 10)
        self.assertEqual(self.free(self.yoghurt_lot, self.hub), 30, "10 reserved for hub 2")
        self.assertEqual(out.loco_exchange_id, exchange)
        self.assertEqual(incoming.loco_exchange_id, exchange)
        exchange.action_ship()
        self.assertEqual((exchange.state, out.state), ("shipped", "done"))
        # chilled food from another hub is read at the dock like any other
        with self.assertRaises(UserError) as caught:
            exchange.action_receive()
        self.assertIn("enter the temperature read at the dock", str(caught.exception))
        self.assertEqual(exchange.state, "shipped")
        self.read_dock(exchange.in_picking_id.sudo())
        exchange.action_receive()
        self.assertEqual((exchange.state, incoming.state), ("received", "done"))
        self.assertEqual(self.on_hand(self.yoghurt_lot, self.hub), 30)
        self.assertEqual(self.on_hand(self.yoghurt_lot, self.hub2), 10)
        # the organisation holds the same food: its export counts it once
        _summary, detail = self.export(self.accountant, self.company, self.hub | self.hub2)
        self.assertEqual(self.detail_kg(detail), (70.0, 140.0))

    def test_another_organisation_gets_the_lot_its_dates_and_its_value(self):
        exchange = self.make_exchange(self.hub_b, [(self.yoghurt_lot, 10), (self.pasta_lot, 40)])
        self.assertTrue(exchange.inter_company)
        exchange.action_propose()
        self.as_user(exchange, self.hub_user_b).action_accept()
        out, incoming = exchange.out_picking_id, exchange.in_picking_id
        inter_company = self.env.ref("stock.stock_location_inter_company")
        self.assertEqual(out.location_dest_id, inter_company)
        self.assertEqual(out.company_id, self.company)
        self.assertEqual(
            (incoming.location_id, incoming.company_id), (inter_company, self.company_b)
        )
        out_moves = out.move_ids.sorted("product_id")
        self.assertEqual(
            sorted(out.move_ids.mapped("loco_weight_kg")), [5.0, 20.0], "0.5 kg a unit"
        )
        self.assertEqual(sorted(incoming.move_ids.mapped("loco_donation_value")), [12.5, 36.0])
        self.assertTrue(out_moves)
        exchange.action_ship()
        self.read_dock(exchange.in_picking_id.sudo(), self.hub_user_b)
        self.as_user(exchange, self.hub_user_b).action_receive()
        self.assertEqual(exchange.state, "received")
        lot_b = incoming.move_ids.move_line_ids.lot_id.filtered(
            lambda lot: lot.product_id == self.yoghurt
        )
        self.assertEqual(lot_b.company_id, self.company_b)
        self.assertEqual(lot_b.name, self.yoghurt_lot.name)
        self.assertEqual(lot_b.loco_origin, "exchange")
        self.assertEqual(self.yoghurt_lot.loco_origin, "donation")
        for fname in ("expiration_date", "use_date", "removal_date", "distributable_until"):
            self.assertEqual(lot_b[fname], self.yoghurt_lot[fname], fname)
        self.assertEqual(self.on_hand(lot_b, self.hub_b), 10)
        self.assertEqual(self.on_hand(self.yoghurt_lot, self.hub), 30)
        # each organisation's export counts the kg it holds, once: 70 kg in all
        summary_a, detail_a = self.export(self.accountant, self.company, self.hub)
        accountant_b = new_test_user(
            self.env,
            "loco_accountant_b",
            groups="loco_donations.group_loco_accountant",
            company_id=self.company_b.id,
            company_ids=[Command.set(self.company_b.ids)],
        )
        summary_b, detail_b = self.export(accountant_b, self.company_b, self.hub_b)
        self.assertEqual(self.detail_kg(detail_a), (45.0, 91.5))
        self.assertEqual(self.detail_kg(detail_b), (25.0, 48.5))
        names_b = [row[1] for row in summary_b.iter_rows(min_row=5, values_only=True)]
        self.assertIn("Received by exchange", names_b)
        self.assertNotIn(self.donor.name, names_b, "B received no donation from a donor")
        names_a = [row[1] for row in summary_a.iter_rows(min_row=5, values_only=True)]
        self.assertIn("Sent by exchange", names_a)

    def test_the_receiving_hub_collects_and_ships_it_itself(self):
        exchange = self.make_exchange(self.hub_b)
        exchange.transport = "receiver_collects"
        exchange.action_propose()
        as_b = self.as_user(exchange, self.hub_user_b)
        as_b.action_accept()
        as_b.action_ship()  # at the sending hub's door
        self.read_dock(exchange.in_picking_id.sudo(), self.hub_user_b)
        as_b.action_receive()
        self.assertEqual(exchange.state, "received")
        other = self.make_exchange(self.hub_b)
        other.action_propose()
        self.as_user(other, self.hub_user_b).action_accept()
        with self.assertRaisesRegex(AccessError, "Only the staff of Test hub"):
            self.as_user(other, self.hub_user_b).action_ship()

    def test_a_lot_of_no_organisation_is_received_as_it_is(self):
        shared = self.env["stock.lot"].create(
            {
                "name": "SHARED-1",
                "product_id": self.pasta.id,
                "company_id": False,
                "use_date": self.at(100),
            }
        )
        self.put_in_stock(shared, 12)
        exchange = self.make_exchange(self.hub_b, [(shared, 12)])
        exchange.action_propose()
        self.as_user(exchange, self.hub_user_b).action_accept()
        exchange.action_ship()
        self.read_dock(exchange.in_picking_id.sudo(), self.hub_user_b)
        self.as_user(exchange, self.hub_user_b).action_receive()
        self.assertEqual(exchange.in_picking_id.move_ids.move_line_ids.lot_id, shared)
        self.assertEqual(self.on_hand(shared, self.hub_b), 12)
        self.assertFalse(
            self.env["stock.lot"].search([("name", "=", "SHARED-1"), ("id", "!=", shared.id)])
        )

    def test_refused_moves_nothing(self):
        exchange = self.make_exchange(self.hub_b)
        exchange.action_propose()
        self.as_user(exchange, self.hub_user_b).action_refuse()
        self.assertEqual(exchange.state, "refused")
        self.assertFalse(exchange.out_picking_id | exchange.in_picking_id)
        self.assertEqual(self.free(self.yoghurt_lot, self.hub), 40)
        self.assertFalse(self.env["stock.picking"].search([("loco_exchange_id", "=", exchange.id)]))

    def test_cancel_after_acceptance_frees_the_lots(self):
        exchange = self.make_exchange(self.hub2)
        exchange.action_propose()
        exchange.action_accept()
        exchange.action_cancel()
        self.assertEqual(exchange.state, "cancelled")
        self.assertIn("Cancelled by Test hub", "".join(exchange.message_ids.mapped("body")))
        self.assertEqual(exchange.out_picking_id.state, "cancel")
        self.assertEqual(exchange.in_picking_id.state, "cancel")
        self.assertEqual(self.free(self.yoghurt_lot, self.hub), 40)

    def test_transfers_are_validated_from_the_exchange_only(self):
        exchange = self.make_exchange(self.hub2)
        exchange.action_propose()
        exchange.action_accept()
        out = exchange.out_picking_id.with_user(self.hub_user)
        out.move_ids.picked = True
        with self.assertRaisesRegex(UserError, "belongs to exchange"):
            out.button_validate()
        with self.assertRaisesRegex(UserError, "belongs to exchange"):
            out.action_cancel()
        self.assertEqual(exchange.out_picking_id.state, "assigned")


@tagged("post_install", "-at_install")
class TestExchangeRefusals(LocoExchangeCase):
    def test_wrong_states_and_second_clicks(self):
        exchange = self.make_exchange(self.hub2)
        with self.assertRaisesRegex(UserError, "cannot be accepted: it is Draft"):
            exchange.action_accept()
        with self.assertRaisesRegex(UserError, "cannot be shipped: it is Draft"):
            exchange.action_ship()
        exchange.action_propose()
        exchange.action_propose()  # a second click does nothing
        with self.assertRaisesRegex(UserError, "cannot be received: it is Proposed"):
            exchange.action_receive()
        exchange.action_accept()
        exchange.action_accept()
        self.assertEqual(len(self.env["stock.picking"].search([("origin", "=", exchange.name)])), 2)
        with self.assertRaisesRegex(UserError, "cannot be refused: it is Accepted"):
            exchange.action_refuse()
        exchange.action_ship()
        exchange.action_ship()
        with self.assertRaisesRegex(UserError, "cannot be cancelled: it is Shipped"):
            exchange.action_cancel()
        self.read_dock(exchange.in_picking_id.sudo())
        exchange.action_receive()
        exchange.action_receive()
        self.assertEqual(self.on_hand(self.yoghurt_lot, self.hub2), 10)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            exchange.with_user(self.coordinator).unlink()

    def test_wrong_state_sentence_in_french(self):
        self.env["res.lang"]._activate_lang("fr_BE")
        exchange = self.make_exchange(self.hub2).with_context(lang="fr_BE")
        with self.assertRaisesRegex(UserError, "ne peut pas être accepté"):
            exchange.action_accept()

    def test_quantities_beyond_the_free_stock_are_refused(self):
        exchange = self.make_exchange(self.hub2, [(self.yoghurt_lot, 41)])
        with self.assertRaisesRegex(UserError, "Only 40.0 Units of lot"):
            exchange.action_propose()
        self.assertEqual(exchange.state, "draft")
        # two lines of one lot count together
        twice = self.make_exchange(self.hub2, [(self.yoghurt_lot, 30), (self.yoghurt_lot, 20)])
        with self.assertRaisesRegex(UserError, "are free at"):
            twice.action_propose()

    def test_bad_numbers_ids_and_dates(self):
        Exchange = self.as_user(self.env["loco.exchange"], self.hub_user)
        # refused before anything is written
        with self.assertRaisesRegex(ValidationError, "must be a number"):
            self.make_exchange(self.hub2, [(self.yoghurt_lot, float("nan"))])
        with self.assertRaisesRegex(UserError, "does not exist"):
            Exchange.create(
                {
                    "from_hub_id": self.hub.id,
                    "to_hub_id": self.hub2.id,
                    "line_ids": [Command.create({"lot_id": 999999999, "quantity": 1})],
                }
            )
        with self.assertRaisesRegex(UserError, "is not a record id"):
            Exchange.create({"from_hub_id": self.hub.id, "to_hub_id": "hub 2"})
        with self.assertRaisesRegex(ValidationError, "not a plausible date"):
            Exchange.create(
                {
                    "from_hub_id": self.hub.id,
                    "to_hub_id": self.hub2.id,
                    "scheduled_date": "9999-12-31 10:00:00",
                }
            )
        self.assertFalse(self.env["loco.exchange"].search([("from_hub_id", "=", self.hub.id)]))
        # refused by the constraints (the request's transaction is rolled back)
        with self.assertRaisesRegex(ValidationError, "must be more than zero"):
            self.make_exchange(self.hub2, [(self.yoghurt_lot, -5)])
        with self.assertRaisesRegex(ValidationError, "same hub"):
            Exchange.create({"from_hub_id": self.hub.id, "to_hub_id": self.hub.id})

    def test_lots_of_another_hub_or_organisation_are_refused(self):
        lot_b = self.env["stock.lot"].create(
            {
                "name": "B-LOT",
                "product_id": self.yoghurt.id,
                "company_id": self.company_b.id,
                "expiration_date": self.at(10),
            }
        )
        with self.assertRaises(UserError):
            self.make_exchange(self.hub2, [(lot_b, 1)])
        elsewhere = self.make_lot(self.yoghurt, 10, "IN-HUB-2")
        self.put_in_stock(elsewhere, 5, self.hub2.loco_chilled_location_id)
        exchange = self.make_exchange(self.hub_b, [(elsewhere, 1)])
        with self.assertRaisesRegex(UserError, r"Only 0(\.0)? Units"):
            exchange.action_propose()

    def test_quarantined_and_expired_lots_stay(self):
        expired = self.make_lot(self.yoghurt, -2, "Y-PAST")
        self.put_in_stock(expired, 5)
        exchange = self.make_exchange(self.hub2, [(expired, 1)])
        with self.assertRaisesRegex(UserError, "past its date"):
            exchange.action_propose()
        quarantined = self.make_lot(self.yoghurt, 6, "Y-QUAR")
        self.put_in_stock(quarantined, 5, self.hub.loco_quarantine_location_id)
        exchange = self.make_exchange(self.hub2, [(quarantined, 1)])
        with self.assertRaisesRegex(UserError, "in quarantine"):
            exchange.action_propose()

    def test_lines_are_frozen_once_proposed(self):
        exchange = self.make_exchange(self.hub2)
        exchange.action_propose()
        with self.assertRaisesRegex(AccessError, "only its note"):
            exchange.to_hub_id = self.hub_b
        with self.assertRaisesRegex(UserError, "its lines can no longer"):
            exchange.line_ids.quantity = 1
        with self.assertRaisesRegex(AccessError, "change only through"):
            self.as_user(self.env["loco.exchange"], self.hub_user).create(
                {"from_hub_id": self.hub.id, "to_hub_id": self.hub2.id, "state": "received"}
            )
        exchange.note = "Collected by hub 2 on Tuesday"


@tagged("post_install", "-at_install")
class TestExchangeAccess(LocoExchangeCase):
    def test_each_side_does_its_part_only(self):
        exchange = self.make_exchange(self.hub_b)
        with self.assertRaisesRegex(AccessError, "Only the staff of Test hub"):
            self.as_user(exchange, self.hub_user_b).action_propose()
        exchange.action_propose()
        with self.assertRaisesRegex(AccessError, "Only the staff of Hub B"):
            exchange.with_user(self.hub_user).action_accept()
        with self.assertRaises(AccessError):
            exchange.with_user(self.operator).action_propose()
        self.assertEqual(exchange.state, "proposed")

    def test_the_receiving_organisation_sees_the_exchange_not_the_stock(self):
        exchange = self.make_exchange(self.hub_b)
        exchange.action_propose()
        as_b = self.as_user(exchange, self.hub_user_b)
        self.assertEqual(as_b.search([("id", "=", exchange.id)]), exchange)
        line = as_b.line_ids
        self.assertEqual(line.lot_name, self.yoghurt_lot.name)
        self.assertEqual(line.quantity, 10)
        self.assertEqual(as_b.from_hub_name, self.hub.name)
        with self.assertRaises(AccessError):
            self.as_user(self.yoghurt_lot, self.hub_user_b).read(["name"])
        quants = self.as_user(self.env["stock.quant"], self.hub_user_b).search(
            [("lot_id", "=", self.yoghurt_lot.id), ("location_id.usage", "=", "internal")]
        )
        self.assertFalse(quants)

    def test_a_draft_is_the_senders_and_the_receiver_writes_only_notes(self):
        exchange = self.make_exchange(self.hub_b)
        as_b = self.as_user(exchange, self.hub_user_b)
        self.assertFalse(as_b.search([("id", "=", exchange.id)]), "a draft is not proposed yet")
        exchange.action_propose()
        self.assertEqual(as_b.search([("id", "=", exchange.id)]), exchange)
        with self.assertRaisesRegex(AccessError, "writes only its note"):
            as_b.scheduled_date = self.at(3)
        as_b.note = "We collect it on Thursday morning."
        self.assertEqual(exchange.note, "We collect it on Thursday morning.")

    def test_the_receiving_organisation_opens_the_form(self):
        """What the form reads (the web client's web_read), as the other organisation's
        staff: names of the sender's hub, transfer and lots, not their records."""
        exchange = self.make_exchange(self.hub_b)
        exchange.action_propose()
        self.as_user(exchange, self.hub_user_b).action_accept()
        name_only = {"fields": {"display_name": {}}}
        [values] = self.as_user(exchange, self.hub_user_b).web_read(
            {
                "name": {},
                "state": {},
                "from_hub_id": name_only,
                "to_hub_id": name_only,
                "out_picking_id": name_only,
                "in_picking_id": name_only,
                "line_ids": {
                    "fields": {
                        "lot_id": name_only,
                        "product_id": name_only,
                        "quantity": {},
                        "distributable_until": {},
                    }
                },
                "message_ids": {"fields": {"body": {}}},
            }
        )
        self.assertEqual(values["from_hub_id"]["display_name"], self.hub.display_name)
        self.assertEqual(values["out_picking_id"]["display_name"], exchange.out_picking_id.name)
        self.assertEqual(values["line_ids"][0]["lot_id"]["display_name"], self.yoghurt_lot.name)
        self.assertEqual(values["state"], "accepted")

    def test_the_chatter_speaks_the_sending_organisation_language(self):
        self.env["res.lang"]._activate_lang("nl_BE")
        self.company.partner_id.lang = "nl_BE"
        exchange = self.make_exchange(self.hub_b)
        exchange.action_propose()
        self.as_user(exchange, self.hub_user_b).action_refuse()
        bodies = exchange.message_ids.mapped("body")
        self.assertTrue(any("Voorgesteld aan Hub B." in body for body in bodies), bodies)
        self.assertTrue(any("Geweigerd door Hub B." in body for body in bodies), bodies)

    def test_a_third_organisation_sees_nothing(self):
        exchange = self.make_exchange(self.hub_b)
        exchange.action_propose()
        Exchange = self.as_user(self.env["loco.exchange"], self.hub_user_c)
        self.assertFalse(Exchange.search([]))
        self.assertFalse(self.as_user(self.env["loco.exchange.line"], self.hub_user_c).search([]))
        with self.assertRaises(AccessError):
            self.as_user(exchange, self.hub_user_c).read(["name"])
        with self.assertRaises(AccessError):
            self.as_user(exchange, self.hub_user_c).action_accept()

    def test_an_integrator_over_rpc_gets_the_same_refusals(self):
        """The actions are the public methods JSON-RPC calls: a forged state or
        picking is refused as from the form."""
        exchange = self.make_exchange(self.hub2)
        with self.assertRaises(AccessError):
            exchange.with_user(self.hub_user).write({"out_picking_id": self.offer.picking_id.id})
        self.assertFalse(exchange.out_picking_id)


@tagged("post_install", "-at_install")
class TestExchangeSuggestion(LocoExchangeCase):
    def order(self, hub, product, qty):
        association = self.env["res.partner"].create(
            {
                "name": f"Association of {hub.name}",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": hub.id,
                "loco_can_store_chilled": True,
            }
        )
        order = (
            self.env["loco.order"]
            .sudo()
            .create(
                {
                    "partner_id": association.id,
                    "line_ids": [Command.create({"product_id": product.id, "quantity": qty})],
                }
            )
        )
        order.action_submit()
        self.assertEqual(order.state, "submitted")
        return order

    def test_suggest_offers_what_expires_before_it_is_ordered_where_it_is_asked_for(self):
        soon = self.make_lot(self.yoghurt, 3, "Y-SOON")
        self.put_in_stock(soon, 6)
        local = self.make_lot(self.yoghurt, 20, "Y-HUB2")
        self.put_in_stock(local, 2, self.hub2.loco_chilled_location_id)
        self.order(self.hub2, self.yoghurt, 1)  # hub 2's associations ask for dairy
        self.order(self.hub, self.yoghurt, 2)  # this hub's own take 2 of the first lot
        exchange = self.make_exchange(self.hub2)
        exchange.line_ids.unlink()
        exchange.action_suggest()
        self.assertEqual(
            [(line.lot_id, line.quantity) for line in exchange.line_ids], [(soon, 4.0)]
        )
        exchange.action_propose()
        with self.assertRaisesRegex(UserError, "cannot get suggested lots"):
            exchange.action_suggest()

    def test_how_far_ahead_associations_order_is_a_setting(self):
        soon = self.make_lot(self.yoghurt, 3, "Y-SOON")
        self.put_in_stock(soon, 6)
        local = self.make_lot(self.yoghurt, 20, "Y-HUB2")
        self.put_in_stock(local, 2, self.hub2.loco_chilled_location_id)
        self.order(self.hub2, self.yoghurt, 1)
        Param = self.env["ir.config_parameter"]
        Param.set_param("loco_donations.exchange_order_lead_days", "2")
        exchange = self.make_exchange(self.hub2)
        with self.assertRaisesRegex(UserError, "nothing to suggest"):
            exchange.action_suggest()
        Param.set_param("loco_donations.exchange_order_lead_days", "not a number")
        exchange.action_suggest()
        self.assertEqual(exchange.line_ids.lot_id, soon, "the default week")

    def test_nothing_to_suggest_says_so(self):
        exchange = self.make_exchange(self.hub_b)
        with self.assertRaisesRegex(UserError, "nothing to suggest"):
            exchange.action_suggest()
        self.assertEqual(len(exchange.line_ids), 1, "the lines stay as they were")
