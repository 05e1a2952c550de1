# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Two coordinators accept the same offer at the same moment, in two real database
transactions: one receipt, one lot per line, and a clear "busy" for the other.

The data is committed (two connections must see it) in a company of its own."""

import threading
import uuid
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from odoo.addons.loco_hubs.tests.common import archive_race_companies, registry_open_to_threads


@tagged("post_install", "-at_install")
class TestOfferConcurrency(TransactionCase):
    def make_offer(self):
        tag = uuid.uuid4().hex[:6]
        with self.registry.cursor() as cr:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tz": "Europe/Brussels", "tracking_disable": True}
            )
            company = env["res.company"].create({"name": f"Accept race {tag}"})
            env = env(context=dict(env.context, allowed_company_ids=[company.id]))
            hub = env["stock.warehouse"].create(
                {
                    "name": f"Accept hub {tag}",
                    "code": tag[:5].upper(),
                    "company_id": company.id,
                    "loco_hub": True,
                }
            )
            categ = env["product.category"].create(
                {
                    "name": f"Accept food {tag}",
                    "loco_date_kind": "ddm",
                    "loco_temperature_class": "ambient",
                    "loco_shelf_life_group": "long",
                }
            )
            product = env["product.product"].create({"name": f"Rice {tag}", "categ_id": categ.id})
            donor = env["res.partner"].create(
                {"name": f"Donor {tag}", "loco_donor": True, "company_id": company.id}
            )
            offer = env["loco.donation.offer"].create(
                {
                    "donor_id": donor.id,
                    "hub_id": hub.id,
                    "company_id": company.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": product.id,
                                "quantity": 10,
                                "ddm": fields.Date.today() + timedelta(days=90),
                            },
                        )
                    ],
                }
            )
            offer.action_register()
            # two connections must see the offer: commit it, in a company of its own
            cr.commit()  # pylint: disable=invalid-commit
            self.addCleanup(archive_race_companies, self.registry, [company.id])
            return company.id, offer.id

    def test_accepting_at_the_same_time_makes_one_receipt(self):
        company_id, offer_id = self.make_offer()
        barrier = threading.Barrier(2)
        outcomes = []

        def accept():
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": [company_id]})
                    offer = env["loco.donation.offer"].browse(offer_id)
                    offer.read(["state"])  # open the transaction (its snapshot) before the race
                    barrier.wait(timeout=30)
                    retrying(offer.action_accept, env)
                    outcomes.append("accepted")
            except UserError as error:
                outcomes.append(str(error))

        threads = [threading.Thread(target=accept) for _index in range(2)]
        with registry_open_to_threads():
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"allowed_company_ids": [company_id]})
            offer = env["loco.donation.offer"].browse(offer_id)
            self.assertEqual(offer.state, "accepted")
            pickings = env["stock.picking"].search([("loco_offer_id", "=", offer_id)])
            self.assertEqual(len(pickings), 1)
            lots = env["stock.lot"].search([("name", "=like", f"{offer.name}-%")])
            self.assertEqual(len(lots), 1)
        # each click either accepted (or found it accepted: nothing more) or was told
        # someone else is on it
        self.assertEqual(len(outcomes), 2)
        self.assertIn("accepted", outcomes)
        busy = [outcome for outcome in outcomes if outcome != "accepted"]
        self.assertTrue(all("handled by someone else" in outcome for outcome in busy), outcomes)
