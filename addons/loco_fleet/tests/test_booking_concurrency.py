# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Two organisations ask for the same pool vehicle on the same day, in two real
database transactions: each passes the check before writing (neither sees the
other's request), the database lets one through.

The data is committed (each thread has its own connection, as two requests would),
in companies of their own with a unique name, so other tests never see it."""

import threading
import uuid
from datetime import timedelta

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.loco_hubs.tests.common import archive_race_companies, registry_open_to_threads
from odoo.addons.loco_hubs.tools.dates import loco_today


@tagged("post_install", "-at_install")
class TestBookingConcurrency(TransactionCase):
    def make_vehicle(self):
        tag = uuid.uuid4().hex[:6]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            owner, first, second = env["res.company"].create(
                [{"name": f"{who} {tag}"} for who in ("Owner", "Borrower A", "Borrower B")]
            )
            category = env["fleet.vehicle.model.category"].create(
                {"name": f"Race van {tag}", "weight_capacity": 1000}
            )
            model = env["fleet.vehicle.model"].create(
                {"name": f"Race {tag}", "brand_id": env.ref("fleet.brand_renault").id}
            )
            vehicle = env["fleet.vehicle"].create(
                {
                    "model_id": model.id,
                    "category_id": category.id,
                    "license_plate": f"RACE-{tag}",
                    "company_id": owner.id,
                    "loco_pool": True,
                }
            )
            day = loco_today(env) + timedelta(days=3)
            # two connections must see the data: commit it, in companies of their own
            cr.commit()  # pylint: disable=invalid-commit
            self.addCleanup(archive_race_companies, self.registry, (owner | first | second).ids)
            return vehicle.id, day, [first.id, second.id]

    def test_two_requests_for_the_same_day_one_is_refused(self):
        vehicle_id, day, borrower_ids = self.make_vehicle()
        barrier = threading.Barrier(len(borrower_ids))
        refusals, errors = [], []

        def request(company_id):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(
                        cr,
                        SUPERUSER_ID,
                        {"allowed_company_ids": [company_id], "tracking_disable": True},
                    )
                    Booking = env["loco.vehicle.booking"]
                    # open the transaction (its snapshot) before the race
                    Booking.search_count([("vehicle_id", "=", vehicle_id)])
                    barrier.wait(timeout=30)
                    retrying(
                        lambda: Booking.create(
                            {"vehicle_id": vehicle_id, "date": day, "company_id": company_id}
                        ),
                        env,
                    )
            except ValidationError as error:
                refusals.append(str(error))
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

        threads = [threading.Thread(target=request, args=(cid,)) for cid in borrower_ids]
        with mute_logger("odoo.sql_db", "odoo.service.model"), registry_open_to_threads():
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertFalse(errors)
        self.assertEqual(len(refusals), 1, refusals)
        self.assertRegex(refusals[0], "booked once a day|already booked")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            live = env["loco.vehicle.booking"].search(
                [("vehicle_id", "=", vehicle_id), ("state", "in", ("requested", "approved"))]
            )
            self.assertEqual(len(live), 1)
