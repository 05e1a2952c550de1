"""The national data set's SQL copies hold what the models' methods hold (a small
seed: 4 antennas, 5 working days of 120 offer lines, 3 of them with stock)."""

from datetime import timedelta

from national_data import COPIED_TABLES, UNIQUE_NAMES, Config, NationalData

from odoo import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestNationalData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = Config(
            seed=3,
            days=5,
            open_days=3,
            lines_per_day=120,
            lines_per_offer=6,
            antennas=4,
            associations=60,
            donors=40,
            products=40,
            expired_tonight=5,
        )
        cls.data = NationalData(cls.env, cls.config)
        cls.stats = cls.data.generate()

    def day_totals(self, day):
        """Per hub: kg and value received, units delivered, on ``day``, by what the
        generator made (the demo's own receipts are dated the day it was installed)."""
        self.env.cr.execute(
            """
            SELECT m.loco_hub_id, ROUND(SUM(m.loco_held_kg)::numeric, 3),
                   ROUND(SUM(m.loco_held_value)::numeric, 2), COUNT(*)
              FROM stock_move m
             WHERE m.state = 'done' AND m.loco_offer_line_id IS NOT NULL
               AND (m.date AT TIME ZONE 'UTC')::date = %s AND m.id >= %s
          GROUP BY 1 ORDER BY 1
            """,
            [day, self.data.first_ids["stock_move"]],
        )
        received = self.env.cr.fetchall()
        self.env.cr.execute(
            """
            SELECT o.hub_id, SUM(ol.quantity), COUNT(DISTINCT o.id)
              FROM loco_order o JOIN loco_order_line ol ON ol.order_id = o.id
             WHERE o.state = 'done' AND (o.create_date AT TIME ZONE 'UTC')::date = %s
               AND o.id >= %s
          GROUP BY 1 ORDER BY 1
            """,
            [day, self.data.first_ids["loco_order"]],
        )
        return received, self.env.cr.fetchall()

    def test_every_day_holds_what_its_template_day_holds(self):
        days = self.data.days
        open_day, closed_day = self.day_totals(days[0]), self.day_totals(days[3])
        self.assertTrue(open_day[0] and open_day[1], "the open day received and delivered")
        self.assertEqual(self.day_totals(days[1]), open_day)
        self.assertEqual(self.day_totals(days[2]), open_day)
        self.assertEqual(self.day_totals(days[4]), closed_day)
        received = sum(row[3] for row in closed_day[0])
        hubs = len(self.data.hubs)
        self.assertAlmostEqual(received, 120, delta=hubs, msg="a day has its offer lines")

    def day_logistics(self, day):
        """Rounds (done), their stops done and cost shares, exchanges received, sweep
        transfers and the lots they quarantined, on ``day``."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT COUNT(*), COUNT(*) FILTER (WHERE r.state = 'done'),
                   (SELECT COUNT(*) FROM loco_round_stop s
                     WHERE s.round_id = ANY(ARRAY_AGG(r.id)) AND s.state = 'done'),
                   (SELECT COUNT(*) FROM loco_round_cost c WHERE c.round_id = ANY(ARRAY_AGG(r.id)))
              FROM loco_round r WHERE r.date = %s AND r.id >= %s
            """,
            [day, self.data.first_ids["loco_round"]],
        )
        rounds = cr.fetchone()
        cr.execute(
            """
            SELECT COUNT(*) FROM loco_exchange e
             WHERE e.state = 'received' AND e.id >= %s
               AND (e.scheduled_date AT TIME ZONE 'UTC')::date = %s
            """,
            [self.data.first_ids["loco_exchange"], day],
        )
        exchanges = cr.fetchone()
        cr.execute(
            """
            SELECT COUNT(DISTINCT p.id), COUNT(DISTINCT ml.lot_id)
              FROM stock_picking p
              JOIN stock_location l ON l.id = p.location_dest_id
              JOIN stock_move_line ml ON ml.picking_id = p.id
             WHERE l.loco_quarantine AND p.state = 'done' AND p.id >= %s
               AND (p.date_done AT TIME ZONE 'UTC')::date = %s
            """,
            [self.data.first_ids["stock_picking"], day],
        )
        return rounds + exchanges + cr.fetchone()

    def test_every_day_has_its_rounds_exchanges_and_sweeps(self):
        """Each working day, as the methods made its template: the hubs' trucks
        delivered on closed rounds (a hub whose stops all missed their hours has none
        that day), the hubs that received dry food sent some on to the next hub (an
        exchange received), and the nightly sweep quarantined lots in the hubs, one
        transfer each."""
        days = self.data.days
        hubs = len(self.data.hubs)
        open_day, closed_day = self.day_logistics(days[0]), self.day_logistics(days[3])
        for rounds, done, stops, costs, exchanges, sweeps, lots in (open_day, closed_day):
            self.assertTrue(0 < rounds <= hubs)
            self.assertEqual(done, rounds, "every round is closed")
            self.assertGreaterEqual(min(stops, costs), rounds)
            self.assertTrue(0 < exchanges <= hubs)
            self.assertTrue(0 < sweeps <= hubs)
            self.assertTrue(sweeps <= lots <= sweeps * self.config.expired_per_hub)
        self.assertEqual(self.day_logistics(days[1]), open_day)
        self.assertEqual(self.day_logistics(days[2]), open_day)
        self.assertEqual(self.day_logistics(days[4]), closed_day)

    def test_quants_are_the_done_move_lines(self):
        """Odoo's quants are the sum of the done move lines per lot and place (every
        place: Odoo keeps the lots delivered to customers too)."""
        self.env.cr.execute(
            """
            WITH moved AS (
                SELECT lot_id, location_dest_id AS location_id, quantity FROM stock_move_line
                 WHERE state = 'done' AND lot_id IS NOT NULL
                UNION ALL
                SELECT lot_id, location_id, -quantity FROM stock_move_line
                 WHERE state = 'done' AND lot_id IS NOT NULL
            ), expected AS (
                SELECT lot_id, location_id, SUM(quantity) AS quantity FROM moved GROUP BY 1, 2
            ), held AS (
                SELECT lot_id, location_id, SUM(quantity) AS quantity FROM stock_quant
                 WHERE lot_id IS NOT NULL GROUP BY 1, 2
            )
            SELECT lot_id, location_id, e.quantity, h.quantity
              FROM expected e FULL JOIN held h USING (lot_id, location_id)
             WHERE COALESCE(e.quantity, 0) != COALESCE(h.quantity, 0) AND lot_id >= %s
            """,
            [self.data.first_ids["stock_lot"]],
        )
        self.assertEqual(self.env.cr.fetchall(), [])

    def test_the_food_flows_of_the_past_days_are_added_up_once(self):
        """The generator ends as the nightly job does: the past days' food flows are in
        the summary, and the flows read through it are the move lines' own."""
        Report = self.env["loco.outcome.report"]
        self.env.cr.execute("SELECT COUNT(*) FROM loco_outcome_day")
        self.assertTrue(self.env.cr.fetchone()[0], "the past days are summarized")
        flows = ("received", "distributed", "exchanged", "quarantined", "destroyed")
        read = {
            (hub.id, flow): (round(sum(kgs), 3), lines)
            for hub, flow, lines, *kgs in Report._read_group(
                [], ["hub_id", "flow"], ["line_count:sum", *(f"{f}_kg:sum" for f in flows)]
            )
        }
        self.env.cr.execute(
            SQL(
                "SELECT hub_id, flow, ROUND(SUM(kg)::numeric, 3), SUM(line_count)"
                " FROM (%s) flows GROUP BY 1, 2",
                Report._loco_day_flows(Report._loco_lines(SQL("TRUE"))),
            )
        )
        lines = {(hub, flow): (float(kg), count) for hub, flow, kg, count in self.env.cr.fetchall()}
        self.assertEqual(read, lines)

    def test_names_and_ids_stay_unique(self):
        for table in UNIQUE_NAMES:
            self.env.cr.execute(
                f"SELECT name, COUNT(*) FROM {table} GROUP BY name, company_id"  # noqa: S608
                " HAVING COUNT(*) > 1"
            )
            self.assertEqual(self.env.cr.fetchall(), [], table)
        for table in COPIED_TABLES:
            self.env.cr.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))")
            following = self.env.cr.fetchone()[0]
            self.env.cr.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 - constant
            self.assertGreater(following, self.env.cr.fetchone()[0] or 0, table)

    def test_copied_stock_is_ordered_delivered_and_swept_by_the_methods(self):
        hub = self.data.hubs.filtered(lambda h: h.code == "BXL")
        two_days_ago = self.data.days[2]
        quant = self.env["stock.quant"].search(
            [
                ("location_id.warehouse_id", "=", hub.id),
                ("location_id.usage", "=", "internal"),
                ("quantity", ">", 0),
                ("in_date", "<", two_days_ago + timedelta(days=1)),
                ("lot_id.name", "=like", "%-002"),
            ],
            limit=1,
        )
        self.assertTrue(quant, "a copied day's lot is in stock")
        association = self.data.associations[hub].filtered("loco_can_store_frozen")[0]
        order = self.env["loco.order"].create(
            {
                "partner_id": association.id,
                "hub_id": hub.id,
                "line_ids": [Command.create({"product_id": quant.product_id.id, "quantity": 1})],
            }
        )
        order.action_submit()
        order.action_confirm()
        order._loco_deliver()
        self.assertEqual(order.state, "done")
        self.assertEqual(order.picking_id.state, "done")
        expired = self.env["stock.warehouse"].search([("loco_hub", "=", True)])
        pickings = expired._loco_sweep()
        swept = pickings.move_line_ids.lot_id
        self.assertEqual(len(swept), self.stats["expired_tonight"])
        self.assertLessEqual(len(pickings), len(expired), "one transfer per hub")
