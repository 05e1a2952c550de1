# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models, tools
from odoo.tools import SQL

from odoo.addons.loco_hubs.tools.dates import loco_today, utc_start_of

# days are counted in Belgium, where the network works
TZ = "Europe/Brussels"
# the food flows added up by day, and the distributions by week and days left
DAY_TABLE = "loco_outcome_day"
DAYS_LEFT_TABLE = "loco_outcome_days_left"
# where the summary stops: "<horizon (naive UTC)>|<last move line id>"
SUMMARY_PARAMETER = "loco_donations.outcome_summary"


class LocoOutcomeReport(models.Model):
    """What became of the food the hubs received: the done moves of food at a LOCO
    hub, in kg, as received, distributed (and whether before its distributable date,
    with the days it had left), exchanged to another hub, put in quarantine or
    destroyed (with its reason). Grouped by organisation, hub, category and week.

    A row adds up the move lines of one day, hub, category, flow and reason. The days
    before today are read from a summary table kept by the nightly job
    (``_cron_loco_summarize``); today's move lines, and any the summary does not hold
    yet, are added up at each read. A year of a whole country's move lines is millions
    of rows: adding them all up at each read of a pivot took seconds."""

    _name = "loco.outcome.report"
    _description = "Food flows of the hubs"
    _auto = False
    _order = "date desc"

    date = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", string="Organisation", readonly=True)
    hub_id = fields.Many2one("stock.warehouse", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    flow = fields.Selection(
        [
            ("received", "Received"),
            ("distributed", "Distributed"),
            ("exchanged", "Exchanged to another hub"),
            ("quarantined", "Put in quarantine"),
            ("destroyed", "Destroyed"),
        ],
        readonly=True,
    )
    reason_id = fields.Many2one("stock.scrap.reason.tag", string="Why destroyed", readonly=True)
    received_kg = fields.Float(string="Received (kg)", readonly=True, digits="Stock Weight")
    distributed_kg = fields.Float(string="Distributed (kg)", readonly=True, digits="Stock Weight")
    in_time_kg = fields.Float(
        string="Distributed in time (kg)",
        readonly=True,
        digits="Stock Weight",
        help="Distributed on or before its distributable date.",
    )
    exchanged_kg = fields.Float(string="Exchanged (kg)", readonly=True, digits="Stock Weight")
    quarantined_kg = fields.Float(string="Quarantined (kg)", readonly=True, digits="Stock Weight")
    destroyed_kg = fields.Float(string="Destroyed (kg)", readonly=True, digits="Stock Weight")
    days_left = fields.Float(
        string="Days left at distribution",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Days between the distribution and the food's distributable date.",
    )
    line_count = fields.Integer(string="Move lines", readonly=True)

    def _read_group_select(self, aggregate_spec, query):
        """The average days left is the average of the move lines, not of the rows
        (a row adds up several lines)."""
        if aggregate_spec != "days_left:avg":
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            "SUM(%s)::float / NULLIF(SUM(%s), 0)",
            SQL.identifier(self._table, "days_left_sum"),
            SQL.identifier(self._table, "days_left_lines"),
        )

    @api.model
    def _loco_line_flows(self, where):
        """One row per done move line of food at a hub that ``where`` (SQL on ``ml``,
        the move line) selects: its flow, kg and days left."""
        return SQL(
            """
            SELECT flows.* FROM (
                SELECT ml.id AS id, ml.date, ml.company_id, pt.categ_id,
                       CASE WHEN src.usage = 'supplier' THEN dest.warehouse_id
                            ELSE src.warehouse_id END AS hub_id,
                       CASE
                           WHEN move.scrap_id IS NOT NULL THEN 'destroyed'
                           WHEN src.usage = 'supplier' THEN 'received'
                           WHEN picking.loco_exchange_id IS NOT NULL
                                AND src.usage = 'internal' THEN 'exchanged'
                           WHEN dest.usage = 'customer' THEN 'distributed'
                           WHEN dest.loco_quarantine
                                AND NOT COALESCE(src.loco_quarantine, FALSE)
                                THEN 'quarantined'
                       END AS flow,
                       reason.reason_id,
                       ml.quantity_product_uom * COALESCE(pt.weight, 0) AS kg,
                       CASE WHEN dest.usage = 'customer' AND picking.loco_exchange_id IS NULL
                                 AND lot.distributable_until IS NOT NULL
                            THEN (lot.distributable_until AT TIME ZONE 'UTC'
                                  AT TIME ZONE %(tz)s)::date
                                 - (ml.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                       END AS days_left
                FROM stock_move_line ml
                JOIN stock_move move ON move.id = ml.move_id
                JOIN stock_location src ON src.id = ml.location_id
                JOIN stock_location dest ON dest.id = ml.location_dest_id
                JOIN product_product pp ON pp.id = ml.product_id
                JOIN product_template pt ON pt.id = pp.product_tmpl_id
                LEFT JOIN stock_picking picking ON picking.id = ml.picking_id
                LEFT JOIN stock_lot lot ON lot.id = ml.lot_id
                LEFT JOIN (
                    SELECT stock_scrap_id, MIN(stock_scrap_reason_tag_id) AS reason_id
                    FROM stock_scrap_stock_scrap_reason_tag_rel
                    GROUP BY stock_scrap_id
                ) reason ON reason.stock_scrap_id = move.scrap_id
                WHERE ml.state = 'done' AND (%(where)s)
            ) flows
            JOIN stock_warehouse hub ON hub.id = flows.hub_id AND hub.loco_hub
            WHERE flows.flow IS NOT NULL
            """,
            tz=TZ,
            where=where,
        )

    @api.model
    def _loco_lines(self, where):
        """The FROM item ``lines``: the move lines' flows that ``where`` selects."""
        return SQL("(%s) lines", self._loco_line_flows(where))

    @api.model
    def _loco_day_flows(self, lines):
        """The move lines' flows of ``lines`` (a FROM item named ``lines``), added up
        by day, hub, category, flow and reason (the summary's rows)."""
        return SQL(
            """
            SELECT MIN(id) AS id, MIN(date) AS date, company_id, hub_id, categ_id, flow,
                   reason_id, SUM(kg) AS kg,
                   SUM(CASE WHEN days_left >= 0 THEN kg ELSE 0 END) AS in_time_kg,
                   SUM(days_left) AS days_left_sum, COUNT(days_left) AS days_left_lines,
                   COUNT(*) AS line_count
            FROM %(lines)s
            GROUP BY (date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date, company_id,
                     hub_id, categ_id, flow, reason_id
            """,
            lines=lines,
            tz=TZ,
        )

    @api.model
    def _loco_days_left(self, lines):
        """The distributions among ``lines`` (a FROM item named ``lines``), counted
        by week, hub and days left (what the median of the week is read from)."""
        return SQL(
            """
            SELECT date_trunc('week', date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                       AS week,
                   company_id, hub_id, days_left, COUNT(*) AS line_count
            FROM %(lines)s
            WHERE flow = 'distributed' AND days_left IS NOT NULL
            GROUP BY 1, 2, 3, 4
            """,
            lines=lines,
            tz=TZ,
        )

    def init(self):
        """The summary tables, filled up to today, and the views over them."""
        cr = self.env.cr
        # the views' live part picks the move lines done from the last night on
        tools.create_index(cr, "stock_move_line_loco_date_index", "stock_move_line", ["date"])
        # the columns may have changed with the code: made anew, then filled
        tools.drop_view_if_exists(cr, self._table)
        tools.drop_view_if_exists(cr, self.env["loco.outcome.median"]._table)
        cr.execute(
            SQL(
                """
                DROP TABLE IF EXISTS %(day)s, %(days_left)s;
                CREATE TABLE %(day)s (
                    id integer NOT NULL,
                    date timestamp NOT NULL,
                    company_id integer,
                    hub_id integer NOT NULL,
                    categ_id integer,
                    flow varchar NOT NULL,
                    reason_id integer,
                    kg double precision NOT NULL,
                    in_time_kg double precision NOT NULL,
                    days_left_sum integer,
                    days_left_lines integer NOT NULL,
                    line_count integer NOT NULL
                );
                CREATE TABLE %(days_left)s (
                    week date NOT NULL,
                    company_id integer,
                    hub_id integer NOT NULL,
                    days_left integer NOT NULL,
                    line_count integer NOT NULL
                );
                """,
                day=SQL.identifier(DAY_TABLE),
                days_left=SQL.identifier(DAYS_LEFT_TABLE),
            )
        )
        self._loco_summarize(rebuild=True)

    @api.model
    def _cron_loco_summarize(self):
        """The nightly job: add up the days that ended since the last run."""
        self._loco_summarize()

    @api.model
    def _loco_summarize(self, rebuild=False):
        """Add up, into the summary tables, the done move lines they do not hold yet
        and that were done before today; then point the views' live part at the
        others: those done from today on, or made after this run (a move line's id
        grows). ``rebuild``: add up every move line again. One transaction: a read sees
        either the old summary and views or the new ones."""
        cr = self.env.cr
        day, days_left = SQL.identifier(DAY_TABLE), SQL.identifier(DAYS_LEFT_TABLE)
        # one run at a time (a second one waits, then finds nothing left to add)
        cr.execute(SQL("LOCK TABLE %s, %s IN EXCLUSIVE MODE", day, days_left))
        parameters = self.env["ir.config_parameter"].sudo()
        try:
            last_horizon, last_line = parameters.get_param(SUMMARY_PARAMETER, "").split("|")
            last_horizon, last_line = fields.Datetime.to_datetime(last_horizon), int(last_line)
        except ValueError:
            # never summarized, or the state was lost: add everything up again
            rebuild, last_horizon, last_line = True, None, 0
        self.env.flush_all()
        horizon = utc_start_of(self.env, loco_today(self.env))
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM stock_move_line")
        [line] = cr.fetchone()
        if rebuild or horizon < last_horizon or line < last_line:
            # the clock or the move lines went back: nothing summarized can be trusted
            cr.execute(SQL("TRUNCATE %s, %s", day, days_left))
            todo = SQL("TRUE")
        else:
            todo = SQL("(ml.id > %s OR ml.date >= %s)", last_line, last_horizon)
        todo = SQL("%s AND ml.date < %s AND ml.id <= %s", todo, horizon, line)
        # the move lines' flows are read once for both tables
        cr.execute(
            SQL(
                """
                WITH lines AS MATERIALIZED (%(flows)s),
                     days AS (
                         INSERT INTO %(day)s (id, date, company_id, hub_id, categ_id, flow,
                                              reason_id, kg, in_time_kg, days_left_sum,
                                              days_left_lines, line_count)
                         %(day_flows)s
                     )
                INSERT INTO %(days_left)s (week, company_id, hub_id, days_left, line_count)
                %(days_left_flows)s
                """,
                flows=self._loco_line_flows(todo),
                day=day,
                day_flows=self._loco_day_flows(SQL("lines")),
                days_left=days_left,
                days_left_flows=self._loco_days_left(SQL("lines")),
            )
        )
        cr.execute(SQL("ANALYZE %s, %s", day, days_left))
        parameters.set_param(SUMMARY_PARAMETER, f"{fields.Datetime.to_string(horizon)}|{line}")
        live = SQL("ml.id > %s OR ml.date >= %s", line, horizon)
        self._loco_create_view(live)
        self.env["loco.outcome.median"]._loco_create_view(live)

    def _loco_create_view(self, live):
        """The view: the rows of the summary, and the move lines it does not hold
        (``live``) added up at each read."""
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(view)s AS (
                SELECT id, date, company_id, hub_id, categ_id, flow, reason_id, kg,
                       days_left_sum, days_left_lines, line_count,
                       days_left_sum::float / NULLIF(days_left_lines, 0) AS days_left,
                       CASE WHEN flow = 'received' THEN kg ELSE 0 END AS received_kg,
                       CASE WHEN flow = 'distributed' THEN kg ELSE 0 END AS distributed_kg,
                       in_time_kg,
                       CASE WHEN flow = 'exchanged' THEN kg ELSE 0 END AS exchanged_kg,
                       CASE WHEN flow = 'quarantined' THEN kg ELSE 0 END AS quarantined_kg,
                       CASE WHEN flow = 'destroyed' THEN kg ELSE 0 END AS destroyed_kg
                FROM (
                    SELECT id, date, company_id, hub_id, categ_id, flow, reason_id, kg,
                           in_time_kg, days_left_sum, days_left_lines, line_count
                    FROM %(table)s
                    UNION ALL
                    %(live)s
                ) rows
            )
            """,
                view=SQL.identifier(self._table),
                table=SQL.identifier(DAY_TABLE),
                live=self._loco_day_flows(self._loco_lines(live)),
            )
        )
