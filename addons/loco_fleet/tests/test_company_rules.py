# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Each organisation of the network keeps its books apart: a second organisation
(company) runs a hub with an offer, its receipt and lots, an order, a scarce product,
a round with its stop and cost. The first organisation's staff, in every LOCO role,
neither find, read nor change any of it; the second's coordinator sees it all. The
same holds for a member of both organisations working in the first one only."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LocoFleetCase

# LOCO models every organisation shares on purpose: the AFSCA shelf-life groups, the
# temperature limits of each class of food and the days of the week
SHARED = {"loco.shelf.life.rule", "loco.temperature.limit", "loco.weekday"}
# a field each role could otherwise write, per model (the rule refuses first)
WRITES = {
    "loco.fead.distribution.report": {"quantity": 1.0},
    "loco.fead.quota": {"quantity": 1.0},
    "loco.fead.quota.transfer": {"quantity": 1.0},
    "loco.esf.declaration": {"recipients_total": 1},
    "loco.fead.campaign": {"name": "x"},
    "loco.vat.document": {"date_to": "2026-01-01"},
    "loco.waste.report": {"quantity": 1.0},
    "loco.temperature.log": {"note": "x"},
    "loco.recall": {"reason": "x"},
    "loco.recall.notice": {"note": "x"},
    "loco.recall.notice.line": {"quantity_left": 1.0},
    "loco.proposal": {"quantity": 1.0},
    "loco.outcome.report": {"received_kg": 1.0},
    "loco.order.outcome": {"asked_kg": 1.0},
    "loco.outcome.median": {"median_days_left": 1.0},
    "loco.exchange": {"note": "x"},
    "loco.exchange.line": {"quantity": 1.0},
    "loco.vehicle.booking": {"note": "x"},
    "loco.vehicle.charge": {"amount": 1.0},
    "loco.demand.report": {"demand_qty": 1.0},
    "loco.donation.offer": {"note": "x"},
    "loco.donation.offer.line": {"donor_lot": "x"},
    "loco.order": {"note": "x"},
    "loco.order.line": {"quantity": 1.0},
    "loco.scarce.product": {"floor_quantity": 1.0},
    "loco.round": {"note": "x"},
    "loco.round.stop": {"note": "x"},
    "loco.round.cost": {"amount": 1.0},
    "stock.warehouse": {"loco_auto_confirm": True},
    "stock.picking": {"origin": "x"},
    "stock.lot": {"ref": "x"},
    "fleet.vehicle": {"loco_cost_per_km": 1.0},
}


@tagged("post_install", "-at_install")
class TestCompanyRules(LocoFleetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.company"].create(
            {"name": "CPAS d'Ixelles (test)", "currency_id": cls.env.ref("base.EUR").id}
        )
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.other.id]))
        hub = env["stock.warehouse"].create(
            {
                "name": "Ixelles (test)",
                "code": "IXL",
                "loco_hub": True,
                "company_id": cls.other.id,
                "loco_service_area": "4991-4999",
            }
        )
        hub.partner_id.write({"partner_latitude": 50.83, "partner_longitude": 4.37})
        association = env["res.partner"].create(
            {
                "name": "Épicerie sociale d'Ixelles (test)",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": hub.id,
                "partner_latitude": 50.82,
                "partner_longitude": 4.38,
            }
        )
        offer = env["loco.donation.offer"].create(
            {
                "donor_id": cls.donor.id,
                "hub_id": hub.id,
                "pickup_start": cls.at(1, 8),
                "pickup_end": cls.at(1, 12),
                "line_ids": [
                    Command.create(
                        {
                            "product_id": cls.pasta.id,
                            "quantity": 50,
                            "ddm": cls.today + timedelta(days=200),
                        }
                    )
                ],
            }
        )
        offer.action_register()
        offer.action_accept()
        cls.env["stock.quant"].with_env(env)._update_available_quantity(
            cls.pasta, hub.loco_ambient_location_id, 50, lot_id=offer.line_ids.lot_id
        )
        order = env["loco.order"].create(
            {
                "partner_id": association.id,
                "delivery_method": "delivery",
                "requested_date": cls.today + timedelta(days=1),
                "line_ids": [Command.create({"product_id": cls.pasta.id, "quantity": 5})],
            }
        )
        order.action_submit()
        order.action_confirm()
        scarce = env["loco.scarce.product"].create({"hub_id": hub.id, "product_id": cls.pasta.id})
        vehicle = env["fleet.vehicle"].create(
            {
                "model_id": cls.model.id,
                "category_id": cls.cat_van.id,
                "license_plate": "IXL-1",
                "company_id": cls.other.id,
                "loco_cold_class": "ambient",
                "loco_hub_id": hub.id,
                "loco_cost_per_km": 0.4,
            }
        )
        rnd = env["loco.round"].create(
            {
                "hub_id": hub.id,
                "date": cls.today + timedelta(days=1),
                "vehicle_id": vehicle.id,
                "company_id": cls.other.id,
                "stop_ids": [Command.create({"offer_id": offer.id})],
            }
        )
        cost = env["loco.round.cost"].create(
            {"round_id": rnd.id, "organisation_id": association.id, "amount": 12.0}
        )
        # surplus sent between two of its hubs, and a pool vehicle of a third
        # organisation it booked and was charged for
        hub_2 = env["stock.warehouse"].create(
            {
                "name": "Ixelles 2 (test)",
                "code": "IXL2",
                "loco_hub": True,
                "company_id": cls.other.id,
            }
        )
        exchange = env["loco.exchange"].create(
            {
                "from_hub_id": hub.id,
                "to_hub_id": hub_2.id,
                "company_id": cls.other.id,
                "line_ids": [Command.create({"lot_id": offer.line_ids.lot_id.id, "quantity": 5})],
            }
        )
        exchange.action_propose()
        exchange.action_accept()
        lender = cls.env["res.company"].create(
            {"name": "CPAS d'Uccle (test)", "currency_id": cls.env.ref("base.EUR").id}
        )
        pool_van = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.model.id,
                "category_id": cls.cat_van.id,
                "license_plate": "UCC-POOL",
                "company_id": lender.id,
                "loco_pool": True,
                "loco_booking_auto_approve": True,
            }
        )
        booking = env["loco.vehicle.booking"].create(
            {
                "vehicle_id": pool_van.id,
                "company_id": cls.other.id,
                "date": cls.today + timedelta(days=2),
            }
        )
        charge = (
            env["loco.vehicle.charge"]
            .sudo()
            .create(
                {
                    "round_id": rnd.id,
                    "booking_id": booking.id,
                    "vehicle_id": pool_van.id,
                    "owner_company_id": lender.id,
                    "company_id": cls.other.id,
                    "date": cls.today + timedelta(days=2),
                    "distance_km": 30,
                    "cost_per_km": 0.4,
                    "amount": 12.0,
                }
            )
        )
        recall = env["loco.recall"].create(
            {"reason": "Listeria (test)", "lot_ids": [Command.set(offer.line_ids.lot_id.ids)]}
        )
        recall.action_open()
        notice = env["loco.recall.notice"].create(
            {
                "recall_id": recall.id,
                "partner_id": association.id,
                "line_ids": [Command.create({"product_id": cls.pasta.id, "quantity_delivered": 2})],
            }
        )
        proposal = (
            env["loco.proposal"]
            ._loco_workflow()
            .create(
                {
                    "hub_id": hub.id,
                    "lot_id": offer.line_ids.lot_id[:1].id,
                    "partner_id": association.id,
                    "quantity": 1,
                }
            )
        )
        reading = env["loco.temperature.log"].create(
            {
                "place": "storage",
                "location_id": hub.loco_chilled_location_id.id,
                "reading": 4.0,
                "company_id": cls.other.id,
            }
        )
        env["stock.scrap"].create(
            {
                "product_id": cls.pasta.id,
                "lot_id": offer.line_ids.lot_id.id,
                "scrap_qty": 1,
                "location_id": hub.loco_ambient_location_id.id,
                "company_id": cls.other.id,
            }
        ).do_scrap()
        vat_document = env["loco.vat.document"].create(
            {
                "company_id": cls.other.id,
                "donor_id": cls.donor.id,
                "date_from": cls.today,
                "date_to": cls.today,
                "move_ids": [Command.set(offer.picking_id.move_ids.ids)],
            }
        )
        campaign = env["loco.fead.campaign"].create(
            {
                "name": "FEAD (test)",
                "company_id": cls.other.id,
                "date_from": cls.today,
                "date_to": cls.today,
            }
        )
        quota = env["loco.fead.quota"].create(
            {
                "campaign_id": campaign.id,
                "partner_id": association.id,
                "product_id": cls.pasta.id,
                "quantity": 10,
            }
        )
        neighbour = env["res.partner"].create(
            {
                "name": "FEAD neighbour (rules test)",
                "is_company": True,
                "loco_association": True,
                "loco_fead": True,
                "loco_hub_id": hub.id,
            }
        )
        transfer = env["loco.fead.quota.transfer"].create(
            {"quota_id": quota.id, "partner_id": neighbour.id, "quantity": 1}
        )
        declaration = env["loco.esf.declaration"].create(
            {
                "company_id": cls.other.id,
                "partner_id": neighbour.id,
                "month": cls.today.replace(day=1),
                "recipients_total": 12,
            }
        )
        fead_lot = env["stock.lot"].create(
            {
                "name": "FEAD (rules test)",
                "product_id": cls.pasta.id,
                "company_id": cls.other.id,
                "loco_origin": "fead",
                "loco_fead_campaign_id": campaign.id,
            }
        )
        env["stock.quant"]._update_available_quantity(
            cls.pasta, hub.loco_ambient_location_id, 4, lot_id=fead_lot
        )
        customers = cls.env.ref("stock.stock_location_customers")
        fead_out = env["stock.picking"].create(
            {
                "picking_type_id": hub.out_type_id.id,
                "partner_id": association.id,
                "location_id": hub.lot_stock_id.id,
                "location_dest_id": customers.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": "FEAD pasta",
                            "product_id": cls.pasta.id,
                            "product_uom_qty": 4,
                            "product_uom": cls.pasta.uom_id.id,
                            "location_id": hub.lot_stock_id.id,
                            "location_dest_id": customers.id,
                        }
                    )
                ],
            }
        )
        fead_out.action_confirm()
        fead_out.action_assign()  # the FEAD lot: the donated one is in quarantine
        fead_out.move_ids.picked = True
        fead_out.with_context(skip_backorder=True).button_validate()
        assert fead_out.move_line_ids.lot_id == fead_lot and fead_out.state == "done"
        cls.env.flush_all()
        demand = env["loco.demand.report"].search([("hub_id", "=", hub.id)])
        distributed = env["loco.fead.distribution.report"].search([("hub_id", "=", hub.id)])
        waste = env["loco.waste.report"].search([("hub_id", "=", hub.id)])
        flows = env["loco.outcome.report"].search([("hub_id", "=", hub.id)])
        served = env["loco.order.outcome"].search([("hub_id", "=", hub.id)])
        medians = env["loco.outcome.median"].search([("hub_id", "=", hub.id)])
        cls.theirs = {
            "loco.fead.distribution.report": distributed,
            "loco.fead.quota": quota,
            "loco.fead.quota.transfer": transfer,
            "loco.esf.declaration": declaration,
            "loco.fead.campaign": campaign,
            "loco.vat.document": vat_document,
            "loco.waste.report": waste,
            "loco.temperature.log": reading,
            "loco.recall": recall,
            "loco.recall.notice": notice,
            "loco.recall.notice.line": notice.line_ids,
            "loco.proposal": proposal,
            "loco.outcome.report": flows,
            "loco.order.outcome": served,
            "loco.outcome.median": medians,
            "loco.exchange": exchange,
            "loco.exchange.line": exchange.line_ids,
            "loco.vehicle.booking": booking,
            "loco.vehicle.charge": charge,
            "loco.demand.report": demand,
            "loco.donation.offer": offer,
            "loco.donation.offer.line": offer.line_ids,
            "loco.order": order,
            "loco.order.line": order.line_ids,
            "loco.scarce.product": scarce,
            "loco.round": rnd,
            "loco.round.stop": rnd.stop_ids,
            "loco.round.cost": cost,
            "stock.warehouse": hub,
            "stock.picking": offer.picking_id | order.picking_id,
            "stock.lot": offer.line_ids.lot_id,
            "fleet.vehicle": vehicle,
        }
        cls.theirs = {model: records.with_env(cls.env) for model, records in cls.theirs.items()}
        cls.their_coordinator = new_test_user(
            cls.env,
            "loco_ixelles_coordinator",
            groups="loco_hubs.group_loco_coordinator",
            company_id=cls.other.id,
            company_ids=[Command.set([cls.other.id])],
        )
        cls.member_of_both = new_test_user(
            cls.env,
            "loco_member_of_both",
            groups="loco_hubs.group_loco_coordinator",
            company_id=cls.company.id,
            company_ids=[Command.set([cls.company.id, cls.other.id])],
        )
        cls.their_round = rnd.with_env(cls.env)

    def assert_hidden(self, user, context=None):
        for model, records in self.theirs.items():
            with self.subTest(user=user.login, model=model):
                as_user = records.with_user(user).with_context(**(context or {}))
                if as_user.browse().has_access("read"):
                    found = as_user.browse().search_count([("id", "in", records.ids)])
                    self.assertEqual(found, 0)
                with self.assertRaises(AccessError):
                    as_user.read(["display_name"])
                with self.assertRaises(AccessError):
                    as_user.write(WRITES[model])

    def test_no_role_of_one_organisation_reaches_another_organisation(self):
        for user in (self.operator, self.hub_user, self.coordinator, self.accountant, self.driver):
            self.assert_hidden(user)

    def test_a_member_of_both_works_in_the_organisation_chosen(self):
        self.assert_hidden(self.member_of_both, {"allowed_company_ids": [self.company.id]})
        both = {"allowed_company_ids": [self.company.id, self.other.id]}
        round_ = self.their_round.with_user(self.member_of_both).with_context(**both)
        self.assertEqual(round_.read(["name"])[0]["name"], self.their_round.name)

    def test_the_organisation_sees_its_own_records(self):
        for model, records in self.theirs.items():
            with self.subTest(model=model):
                Model = self.env[model].with_user(self.their_coordinator)
                self.assertEqual(Model.search_count([("id", "in", records.ids)]), len(records))

    def test_every_loco_model_is_in_the_sweep_or_shared_on_purpose(self):
        """A new LOCO model that keeps records of an organisation joins this sweep."""
        models = {
            name
            for name, model in self.env.registry.items()
            if name.startswith("loco.") and not model._abstract and not model._transient
        }
        self.assertEqual(models - SHARED, {model for model in self.theirs if model in models})
        for model, records in self.theirs.items():
            with self.subTest(model=model):
                self.assertTrue(records, "the other organisation has one")
