# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.tools import SQL

from .loco_outcome_report import DAYS_LEFT_TABLE


class LocoOutcomeMedian(models.Model):
    """The median number of days distributed food had left before its distributable
    date, per organisation, hub and week (a median does not add up: it is given at
    this grain, the food flows' average elsewhere)."""

    _name = "loco.outcome.median"
    _description = "Median days left at distribution"
    _auto = False
    _order = "week desc, hub_id"

    week = fields.Date(string="Week of", readonly=True)
    company_id = fields.Many2one("res.company", string="Organisation", readonly=True)
    hub_id = fields.Many2one("stock.warehouse", readonly=True)
    median_days_left = fields.Float(
        string="Median days left", readonly=True, aggregator="max", digits=(16, 1)
    )
    distributions = fields.Integer(readonly=True)

    def _loco_create_view(self, live):
        """The view, over the distributions counted by week, hub and days left: those
        of the summary and those of the move lines it does not hold (``live``, SQL on
        ``ml``), made by ``loco.outcome.report`` with its own."""
        Report = self.env["loco.outcome.report"]
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(view)s AS (
                -- the median is read off the running count of the distributions by
                -- days left: the value at the middle line, or the mean of the two
                -- middle ones
                -- ids follow the keys: a row keeps its id whichever rows a reader sees
                SELECT row_number() OVER (ORDER BY week, company_id, hub_id) AS id,
                       week, company_id, hub_id,
                       (MIN(days_left) FILTER (WHERE upto > floor((total - 1) / 2.0))
                        + MIN(days_left) FILTER (WHERE upto > ceil((total - 1) / 2.0)))
                           / 2.0 AS median_days_left,
                       MAX(total) AS distributions
                FROM (
                    SELECT week, company_id, hub_id, days_left,
                           SUM(lines) OVER w AS upto,
                           SUM(lines) OVER (PARTITION BY week, company_id, hub_id) AS total
                    FROM (
                        SELECT week, company_id, hub_id, days_left, SUM(line_count) AS lines
                        FROM (
                            SELECT week, company_id, hub_id, days_left, line_count
                            FROM %(table)s
                            UNION ALL
                            %(live)s
                        ) counts
                        GROUP BY 1, 2, 3, 4
                    ) counts
                    WINDOW w AS (PARTITION BY week, company_id, hub_id ORDER BY days_left)
                ) running
                GROUP BY week, company_id, hub_id
            )
            """,
                view=SQL.identifier(self._table),
                table=SQL.identifier(DAYS_LEFT_TABLE),
                live=Report._loco_days_left(Report._loco_lines(live)),
            )
        )
