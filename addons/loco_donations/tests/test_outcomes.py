# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The network sees its outcomes: kg received, distributed (in time or not),
put in quarantine and destroyed per hub; orders' fill rate. The views' sums equal
what the database holds, computed here another way, and each is read only by the
roles that may."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.loco_hubs.tools.dates import local_date

from .common import FLOW_MEASURES, LocoDonationsCase


@tagged("post_install", "-at_install")
class TestOutcomes(LocoDonationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.association = cls.env["res.partner"].create(
            {
                "name": "Outcome association",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": cls.hub.id,
                "loco_can_store_chilled": True,
                "loco_beneficiaries": 40,
            }
        )
        cls.received_offer()
        # 12 yoghurts (0.5 kg) and 30 pasta (0.5 kg) asked; 20 pasta taken by a first order
        first = cls.order([(cls.pasta, 20)])
        first.with_user(cls.coordinator).action_confirm()
        first.sudo()._loco_deliver()
        cls.order_done = cls.order([(cls.yoghurt, 12), (cls.pasta, 30)])
        cls.order_done.with_user(cls.coordinator).action_confirm()
        cls.order_done.sudo()._loco_deliver()
        # expired food swept into quarantine, then destroyed
        cls.expired = cls.make_lot(cls.bread, -1, "OUTCOME-BREAD")
        cls.put_in_stock(cls.expired, 7)
        cls.hub._loco_sweep()
        quarantine = cls.hub.loco_quarantine_location_id
        cls.env["stock.scrap"].create(
            {
                "product_id": cls.bread.id,
                "lot_id": cls.expired.id,
                "scrap_qty": 7,
                "location_id": quarantine.id,
                "scrap_reason_tag_ids": [
                    Command.set(cls.env.ref("loco_hubs.scrap_reason_expired").ids)
                ],
            }
        ).do_scrap()
        cls.env.flush_all()

    @classmethod
    def order(cls, lines):
        order = cls.env["loco.order"].create(
            {
                "partner_id": cls.association.id,
                "line_ids": [Command.create({"product_id": p.id, "quantity": q}) for p, q in lines],
            }
        )
        order.action_submit()
        return order

    def flows(self, user):
        [row] = (
            self.env["loco.outcome.report"]
            .with_user(user)
            ._read_group(
                [("hub_id", "=", self.hub.id)],
                [],
                [
                    "received_kg:sum",
                    "distributed_kg:sum",
                    "in_time_kg:sum",
                    "quarantined_kg:sum",
                    "destroyed_kg:sum",
                ],
            )
        )
        return row

    def kg(self, domain):
        lines = self.env["stock.move.line"].search([("state", "=", "done"), *domain])
        return sum(line.quantity_product_uom * line.product_id.weight for line in lines)

    def test_the_flows_equal_the_database(self):
        hub_stock = [("location_id", "child_of", self.hub.view_location_id.id)]
        received, distributed, in_time, quarantined, destroyed = self.flows(self.coordinator)
        self.assertAlmostEqual(
            received,
            self.kg(
                [
                    ("location_id.usage", "=", "supplier"),
                    ("location_dest_id", "child_of", self.hub.view_location_id.id),
                ]
            ),
        )
        self.assertAlmostEqual(received, 40 * 0.5 + 100 * 0.5)
        self.assertAlmostEqual(
            distributed, self.kg([*hub_stock, ("location_dest_id.usage", "=", "customer")])
        )
        self.assertAlmostEqual(distributed, (20 + 12 + 30) * 0.5)
        self.assertAlmostEqual(in_time, distributed, msg="all of it before its date")
        self.assertAlmostEqual(
            quarantined,
            self.kg(
                [
                    ("location_dest_id", "=", self.hub.loco_quarantine_location_id.id),
                    ("move_id.scrap_id", "=", False),
                ]
            ),
        )
        self.assertAlmostEqual(destroyed, self.kg([("move_id.scrap_id", "!=", False)]))
        self.assertAlmostEqual(destroyed, 7 * self.bread.weight)
        [[days]] = self.env["loco.outcome.report"]._read_group(
            [("hub_id", "=", self.hub.id), ("flow", "=", "distributed")], [], ["days_left:avg"]
        )
        # the average of the move lines, not of the rows that add them up
        lefts = self.days_left_of_each_line()
        self.assertGreater(days, 0)
        self.assertAlmostEqual(days, sum(lefts) / len(lefts))
        # the median of the week, as the database gives it
        middle = len(lefts) // 2
        median = lefts[middle] if len(lefts) % 2 else (lefts[middle - 1] + lefts[middle]) / 2
        weeks = (
            self.env["loco.outcome.median"]
            .with_user(self.coordinator)
            .search([("hub_id", "=", self.hub.id)])
        )
        self.assertEqual(len(weeks), 1)
        self.assertEqual((weeks.median_days_left, weeks.distributions), (median, len(lefts)))

    def days_left_of_each_line(self):
        """The days left of each move line distributed from the hub, from its lot's
        distributable date, both days in Belgium."""
        lines = self.env["stock.move.line"].search(
            [
                ("state", "=", "done"),
                ("location_id", "child_of", self.hub.view_location_id.id),
                ("location_dest_id.usage", "=", "customer"),
                ("lot_id.distributable_until", "!=", False),
            ]
        )
        return sorted(
            (
                local_date(self.env, line.lot_id.distributable_until)
                - local_date(self.env, line.date)
            ).days
            for line in lines
        )

    def pivot(self):
        """The food flows as the pivot and the dashboard read them: by hub, week, flow
        and reason, every measure."""
        return self.env["loco.outcome.report"]._read_group(
            [],
            ["hub_id", "date:week", "flow", "categ_id", "reason_id"],
            [*FLOW_MEASURES, "line_count:sum"],
        )

    def test_the_days_that_ended_are_read_from_the_summary_with_the_same_sums(self):
        Report = self.env["loco.outcome.report"]
        lines = self.env["stock.move.line"].search(
            [("state", "=", "done"), ("product_id", "in", (self.pasta | self.yoghurt).ids)]
        )
        # these moves were done two days ago: the nightly job has not run since
        lines.write({"date": fields.Datetime.now() - timedelta(days=2)})
        self.env.flush_all()
        live = self.pivot()
        self.assertEqual(self.summarized(lines), 0)
        Report._cron_loco_summarize()
        self.assertEqual(self.summarized(lines), len(lines), "each line added up once")
        self.assertEqual(self.pivot(), live)
        # a second run adds nothing twice
        Report._cron_loco_summarize()
        self.assertEqual(self.pivot(), live)
        self.assertEqual(self.summarized(lines), len(lines))
        # today's moves are still read as they are done
        before = self.flows(self.coordinator)
        self.received_offer()
        self.env.flush_all()
        self.assertAlmostEqual(self.flows(self.coordinator)[0], before[0] + 40 * 0.5 + 100 * 0.5)
        Report._cron_loco_summarize()
        self.assertAlmostEqual(self.flows(self.coordinator)[0], before[0] + 40 * 0.5 + 100 * 0.5)
        # added up again from scratch (an update of the module), the same
        after = self.pivot()
        Report._loco_summarize(rebuild=True)
        self.assertEqual(self.pivot(), after)

    def summarized(self, lines):
        """How many move lines of the categories of ``lines`` the summary holds."""
        self.env.cr.execute(
            "SELECT COALESCE(SUM(line_count), 0) FROM loco_outcome_day WHERE categ_id IN %s",
            [tuple(lines.product_id.categ_id.ids)],
        )
        return self.env.cr.fetchone()[0]

    def test_the_fill_rate_is_what_reached_the_association_over_what_it_asked(self):
        outcome = (
            self.env["loco.order.outcome"].with_user(self.coordinator).browse(self.order_done.id)
        )
        self.assertAlmostEqual(outcome.asked_kg, (12 + 30) * 0.5)
        self.assertAlmostEqual(
            outcome.served_kg,
            sum(
                move.quantity * move.product_id.weight
                for move in self.order_done.picking_id.move_ids
            ),
        )
        self.assertFalse(outcome.from_proposal)

    def test_what_reached_the_association_is_weighed_once_when_the_order_is_done(self):
        """The served kg is the order's own, stored when it is done (the outcome view
        scans no move line); a later change of a food's weight does not rewrite it."""
        delivered = sum(
            move.quantity * move.product_id.weight for move in self.order_done.picking_id.move_ids
        )
        self.assertAlmostEqual(self.order_done.served_kg, delivered)
        # an order done by the hub validating its transfer (not through the order)
        order = self.order([(self.pasta, 4)])
        order.with_user(self.coordinator).action_confirm()
        self.assertEqual(order.served_kg, 0.0, "nothing served before it is done")
        picking = order.picking_id.with_user(self.hub_user)
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True).button_validate()
        self.assertEqual(order.state, "done")
        self.assertAlmostEqual(order.served_kg, 4 * 0.5)
        self.pasta.weight = 2.0
        self.env.flush_all()
        outcome = self.env["loco.order.outcome"].with_user(self.coordinator).browse(order.id)
        self.assertAlmostEqual(outcome.served_kg, 4 * 0.5)
        with self.assertRaisesRegex(UserError, "only through the document's buttons"):
            order.with_user(self.coordinator).write({"served_kg": 1e9})

    def test_only_the_roles_that_may_read_the_outcomes(self):
        portal = new_test_user(self.env, "outcome_portal", groups="base.group_portal")
        for user in (self.hub_user, self.coordinator, self.accountant):
            self.assertTrue(self.flows(user)[0], user.login)
        for user in (self.hub_user, self.coordinator):
            self.assertTrue(self.env["loco.order.outcome"].with_user(user).search_count([]))
        for user in (self.operator, self.stock_user, portal):
            for model in ("loco.outcome.report", "loco.order.outcome", "loco.outcome.median"):
                with self.subTest(user=user.login, model=model), self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
