# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from contextlib import contextmanager
from datetime import timedelta

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.loco_donations.tests.common import LocoDonationsCase


class LocoFleetCase(LocoDonationsCase):
    """loco_donations' test network around the Charleroi area, with coordinates,
    associations that take deliveries, a small fleet and the LOCO users (driver
    included)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hub.partner_id.write({"partner_latitude": 50.4060, "partner_longitude": 4.3980})
        cls.organisation = cls.env["res.partner"].create(
            {"name": "Croix-Rouge test", "is_company": True}
        )
        cls.hub.write(
            {
                "loco_organisation_id": cls.organisation.id,
                "loco_round_start": 7.0,
                "loco_round_end": 18.0,
            }
        )
        cls.donor.write({"partner_latitude": 50.4540, "partner_longitude": 3.9520})  # Mons
        cls.customer.write(
            {
                "is_company": True,
                "loco_hub_id": cls.hub.id,
                "loco_can_store_chilled": True,
                "loco_can_store_frozen": True,
                "partner_latitude": 50.4110,
                "partner_longitude": 4.4440,
            }
        )
        cls.association_2 = cls.env["res.partner"].create(
            {
                "name": "Resto test La Louvière",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": cls.hub.id,
                "loco_can_store_chilled": True,
                "partner_latitude": 50.4790,
                "partner_longitude": 4.1860,
            }
        )
        Category = cls.env["fleet.vehicle.model.category"]
        cls.cat_van = Category.create(
            {"name": "Van test", "weight_capacity": 1000, "volume_capacity": 10}
        )
        cls.cat_truck = Category.create({"name": "Truck test", "weight_capacity": 4000})
        cls.cat_bike = Category.create({"name": "Bike test", "weight_capacity": 100})
        cls.model = cls.env["fleet.vehicle.model"].create(
            {"name": "Test model", "brand_id": cls.env.ref("fleet.brand_renault").id}
        )
        cls.driver = new_test_user(cls.env, "loco_driver", groups="loco_fleet.group_loco_driver")
        cls.driver_2 = new_test_user(
            cls.env, "loco_driver_2", groups="loco_fleet.group_loco_driver"
        )
        cls.van = cls.make_vehicle("VAN-1", cls.cat_van, "chilled", 0.5, cls.driver)
        cls.truck = cls.make_vehicle("TRK-1", cls.cat_truck, "frozen", 1.2, cls.driver_2)
        cls.bike = cls.make_vehicle("BIKE-1", cls.cat_bike, "ambient", 0.05, cls.driver)
        cls.peas.weight = 1.0
        cls.bread.weight = 0.4
        cls.put_in_stock(cls.make_lot(cls.pasta, 300), 500)
        cls.put_in_stock(cls.make_lot(cls.yoghurt, 20), 200)
        cls.put_in_stock(cls.make_lot(cls.peas, 200), 100)

    @contextmanager
    def refused(self, exception, pattern):
        """Like assertRaisesRegex, in a savepoint rolled back on failure (as a
        request would be): the test goes on with nothing half-written."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(caught.exception.args[0], pattern)

    @classmethod
    def make_vehicle(cls, plate, category, cold, cost, driver):
        return cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.model.id,
                "category_id": category.id,
                "license_plate": plate,
                "loco_cold_class": cold,
                "loco_hub_id": cls.hub.id,
                "loco_organisation_id": cls.organisation.id,
                "loco_cost_per_km": cost,
                "driver_id": driver.partner_id.id,
            }
        )

    @classmethod
    def accepted_offer(cls, lines=None, day=1, start_hour=8, end_hour=12, **vals):
        """An offer LOCO collects, accepted by the coordinator, its window ``day``
        days from today (Belgian hours)."""
        offer = cls.make_offer(
            lines=lines,
            pickup_start=cls.at(day, start_hour),
            pickup_end=cls.at(day, end_hour),
            **vals,
        )
        offer.action_register()
        offer.with_user(cls.coordinator).action_accept()
        return offer

    @classmethod
    def delivery_order(cls, partner=None, lines=None, day=1):
        """An association order for delivery, submitted and confirmed (reserved)."""
        order = cls.env["loco.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "delivery_method": "delivery",
                "requested_date": cls.today + timedelta(days=day),
                "line_ids": [
                    Command.create({"product_id": product.id, "quantity": qty})
                    for product, qty in (lines or [(cls.pasta, 40)])
                ],
            }
        )
        order.action_submit()
        order.with_user(cls.coordinator).action_confirm()
        return order

    @classmethod
    def setup_planned_round(cls):
        """An offer to collect and an order to deliver on the van's planned round
        (driver 1), and the truck's draft round (driver 2) for another association."""
        cls.offer = cls.accepted_offer()
        cls.order = cls.delivery_order()
        cls.round_1 = cls.make_round([cls.offer], [cls.order])
        cls.round_1.action_plan()
        cls.round_2 = cls.make_round(
            orders=[cls.delivery_order(partner=cls.association_2)], vehicle=cls.truck
        )

    @classmethod
    def make_round(cls, offers=(), orders=(), vehicle=None, day=1, user=None):
        stops = [Command.create({"offer_id": offer.id}) for offer in offers] + [
            Command.create({"order_id": order.id}) for order in orders
        ]
        return (
            cls.env["loco.round"]
            .with_user(user or cls.coordinator)
            .create(
                {
                    "hub_id": cls.hub.id,
                    "date": cls.today + timedelta(days=day),
                    "vehicle_id": (vehicle or cls.van).id,
                    "stop_ids": stops,
                }
            )
        )
