# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.queue_job.job import Job

from .common import LocoHubsCase

# queries Odoo's validation of one move line costs (a quant out, a quant in); no push
# rule is looked up for food going into quarantine (it was 11 with the look-up)
PER_EXPIRED_LOT = 8


@tagged("post_install", "-at_install")
class TestSweep(LocoHubsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hub.loco_manager_id = cls.coordinator
        cls.expired_yoghurt = cls.make_lot(cls.yoghurt, -1, "Y-EXPIRED")
        cls.fresh_yoghurt = cls.make_lot(cls.yoghurt, 6, "Y-FRESH")
        cls.expired_bread = cls.make_lot(cls.bread, -2, "B-EXPIRED")
        cls.old_pasta = cls.make_lot(cls.pasta, -200, "P-OLD-DDM")  # within its grace
        for lot in (cls.expired_yoghurt, cls.fresh_yoghurt, cls.expired_bread, cls.old_pasta):
            cls.put_in_stock(lot, 7)

    def quants(self, lot):
        return self.env["stock.quant"].search([("lot_id", "=", lot.id), ("quantity", "!=", 0)])

    def sweep_jobs(self):
        return self.env["queue.job"].search([("method_name", "=", "_loco_sweep_job")])

    def run_nightly_sweep(self):
        """The cron, then the jobs it queued, as the job runner runs them."""
        self.env["stock.warehouse"]._cron_loco_sweep()
        for job in self.sweep_jobs().filtered(lambda job: job.state == "pending"):
            Job.load(self.env, job.uuid).perform()
            job.state = "done"

    def test_the_nightly_sweep_is_one_queued_job_per_hub_on_its_channel(self):
        Warehouse = self.env["stock.warehouse"]
        hubs = Warehouse.search([("loco_hub", "=", True)])
        Warehouse._cron_loco_sweep()
        Warehouse._cron_loco_sweep()  # a hub already waiting is not queued twice
        jobs = self.sweep_jobs()
        self.assertEqual(len(jobs), len(hubs))
        self.assertEqual(sorted(job.records.id for job in jobs), sorted(hubs.ids))
        self.assertEqual(set(jobs.mapped("state")), {"pending"})
        self.assertEqual(set(jobs.mapped("channel")), {"root.loco_sweep"})
        # nothing moves before the job runner runs them
        quarantine = self.hub.loco_quarantine_location_id
        self.assertNotEqual(self.quants(self.expired_yoghurt).location_id, quarantine)
        self.run_nightly_sweep()
        self.assertEqual(self.quants(self.expired_yoghurt).location_id, quarantine)
        self.assertEqual(self.quants(self.expired_bread).location_id, quarantine)

    def test_a_failing_sweep_job_leaves_nothing_half_written(self):
        """A hub's job is one transaction: when validating its transfer fails, no
        transfer or move of it is left, and its lots stay where they were."""
        self.hub._cron_loco_sweep()
        moves_before = self.env["stock.move"].search_count([])
        pickings_before = self.env["stock.picking"].search_count([])
        job = self.sweep_jobs().filtered(lambda job: job.records.id == self.hub.id)
        Picking = type(self.env["stock.picking"])
        with (
            patch.object(Picking, "_loco_check_validated", side_effect=UserError("boom")),
            self.assertRaises(UserError),
        ):
            Job.load(self.env, job.uuid).perform()
        self.assertEqual(self.env["stock.move"].search_count([]), moves_before)
        self.assertEqual(self.env["stock.picking"].search_count([]), pickings_before)
        quarantine = self.hub.loco_quarantine_location_id
        self.assertNotEqual(self.quants(self.expired_yoghurt).location_id, quarantine)

    def test_expired_lots_go_to_quarantine_by_a_done_transfer(self):
        pickings = self.hub.with_user(self.coordinator)._loco_sweep()
        self.assertEqual(len(pickings), 1)
        self.assertEqual(pickings.state, "done")
        self.assertEqual(pickings.picking_type_id, self.hub.int_type_id)
        self.assertEqual(pickings.move_line_ids.lot_id, self.expired_yoghurt | self.expired_bread)
        quarantine = self.hub.loco_quarantine_location_id
        for lot in (self.expired_yoghurt, self.expired_bread):
            self.assertEqual(self.quants(lot).location_id, quarantine)
            self.assertEqual(self.quants(lot).quantity, 7)
        for lot in (self.fresh_yoghurt, self.old_pasta):
            self.assertNotEqual(self.quants(lot).location_id, quarantine)
        activity = pickings.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.coordinator)
        self.assertEqual(
            activity.activity_type_id, self.env.ref("loco_hubs.mail_activity_type_loco_quarantine")
        )
        self.assertIn("2 expired lot(s)", str(activity.note))

    def test_no_push_rule_takes_quarantined_food_further(self):
        """Quarantined food waits for a person's decision: a push rule from the
        quarantine (made by mistake) moves nothing on."""
        quarantine = self.hub.loco_quarantine_location_id
        elsewhere = self.env["stock.location"].create(
            {"name": "Elsewhere", "usage": "internal", "location_id": self.hub.view_location_id.id}
        )
        route = self.env["stock.route"].create(
            {
                "name": "From quarantine (test)",
                "product_selectable": False,
                "warehouse_selectable": True,
                "warehouse_ids": [Command.link(self.hub.id)],
                "rule_ids": [
                    Command.create(
                        {
                            "name": "Quarantine → elsewhere",
                            "action": "push",
                            "location_src_id": quarantine.id,
                            "location_dest_id": elsewhere.id,
                            "picking_type_id": self.hub.int_type_id.id,
                            "auto": "transparent",
                        }
                    )
                ],
            }
        )
        self.assertTrue(route.rule_ids)
        pickings = self.hub._loco_sweep()
        self.assertEqual(pickings.move_ids.move_dest_ids, self.env["stock.move"])
        for lot in (self.expired_yoghurt, self.expired_bread):
            self.assertEqual(self.quants(lot).location_id, quarantine)

    def test_a_second_run_changes_nothing(self):
        self.run_nightly_sweep()  # every hub, demo ones included
        moves_before = self.env["stock.move"].search_count([])
        activities_before = self.env["mail.activity"].search_count([])
        quants_before = self.env["stock.quant"].search_read(
            [], ["location_id", "lot_id", "quantity"]
        )
        self.assertFalse(self.hub._loco_sweep())
        self.run_nightly_sweep()
        self.assertEqual(
            self.env["stock.quant"].search_read([], ["location_id", "lot_id", "quantity"]),
            quants_before,
        )
        self.assertEqual(self.env["stock.move"].search_count([]), moves_before)
        self.assertEqual(self.env["mail.activity"].search_count([]), activities_before)

    def test_quarantined_stock_is_never_reserved(self):
        self.hub._loco_sweep()
        # even once someone corrects its date, quarantined food stays out of reach
        self.expired_yoghurt.expiration_date = self.at(10)
        self.assertEqual(self.expired_yoghurt.loco_freshness, "fresh")
        picking = self.make_delivery(self.yoghurt, 20)
        self.assertEqual(picking.move_line_ids.lot_id, self.fresh_yoghurt)
        self.assertEqual(picking.move_ids.quantity, 7)

    def test_a_reservation_made_while_fresh_is_released_by_the_sweep(self):
        picking = self.make_delivery(self.bread, 0)  # nothing yet
        late_bread = self.make_lot(self.bread, 3, "B-LATE")
        self.put_in_stock(late_bread, 4)
        picking = self.make_delivery(self.bread, 4)
        self.assertEqual(picking.move_line_ids.lot_id, late_bread)
        late_bread.use_date = self.at(-1)  # found to be past its date
        self.hub._loco_sweep()
        self.assertEqual(self.quants(late_bread).location_id, self.hub.loco_quarantine_location_id)
        self.assertFalse(picking.move_line_ids.filtered(lambda ml: ml.lot_id == late_bread))
        self.assertEqual(self.quants(late_bread).reserved_quantity, 0)

    def test_the_button_is_for_coordinators_and_the_hub_manager(self):
        with self.assertRaises(AccessError):
            self.hub.with_user(self.hub_user).action_loco_sweep()
        with self.assertRaises(AccessError):
            self.hub.with_user(self.stock_user).action_loco_sweep()
        self.hub.loco_manager_id = self.hub_user
        result = self.hub.with_user(self.hub_user).action_loco_sweep()
        self.assertEqual(result["params"]["type"], "warning")
        self.assertEqual(
            self.quants(self.expired_bread).location_id, self.hub.loco_quarantine_location_id
        )
        self.hub.loco_manager_id = self.coordinator
        again = self.hub.with_user(self.coordinator).action_loco_sweep()
        self.assertEqual(again["params"]["type"], "info", "the manager already did it")

    def test_the_button_refuses_a_plain_warehouse(self):
        plain = self.env["stock.warehouse"].create({"name": "Plain", "code": "PLN"})
        with self.assertRaisesRegex(UserError, "is not a LOCO hub"):
            plain.with_user(self.coordinator).action_loco_sweep()


@tagged("post_install", "-at_install")
class TestSweepQueries(LocoHubsCase):
    """The sweep's queries do not grow with the stock it scans, and grow by a small
    constant with each expired lot it moves (Odoo's own quant update per lot)."""

    def make_hub(self, code, fresh, expired):
        hub = self.env["stock.warehouse"].create(
            {"name": f"Hub {code}", "code": code, "loco_hub": True}
        )
        for index in range(fresh):
            self.put_in_stock(
                self.make_lot(self.pasta, 30 + index, f"{code}-F{index}"),
                3,
                hub.loco_ambient_location_id,
            )
        for index in range(expired):
            self.put_in_stock(
                self.make_lot(self.yoghurt, -1 - index, f"{code}-E{index}"),
                2,
                hub.loco_chilled_location_id,
            )
        return hub

    def sweep_queries(self, hub):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        pickings = hub._loco_sweep()
        self.env.flush_all()
        return self.cr.sql_log_count - before, pickings

    def test_query_count_does_not_grow_with_the_stock(self):
        warm = self.make_hub("WARM", 1, 1)
        self.sweep_queries(warm)
        small = self.make_hub("SMA", 5, 3)
        large = self.make_hub("LAR", 60, 3)
        small_count, small_pickings = self.sweep_queries(small)
        self.assertEqual(len(small_pickings.move_line_ids), 3)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(small_count):
            large_pickings = large._loco_sweep()
            self.env.flush_all()
        self.assertEqual(len(large_pickings.move_line_ids), 3)

    def test_each_expired_lot_costs_only_odoos_own_quant_update(self):
        """Scanning and batching cost the same whatever the number of expired lots;
        each lot moved adds only what Odoo's validation of one move line costs (its
        quant leaves the zone, another arrives in quarantine)."""
        self.sweep_queries(self.make_hub("WARM", 1, 1))
        base = self.sweep_queries(self.make_hub("E2", 2, 2))[0] - 2 * PER_EXPIRED_LOT
        for count in (4, 8):
            hub = self.make_hub(f"E{count}", 2, count)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(base + count * PER_EXPIRED_LOT):
                pickings = hub._loco_sweep()
                self.env.flush_all()
            self.assertEqual(len(pickings.move_line_ids), count)
