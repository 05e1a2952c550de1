# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.osv import expression

from ..policy import shelf_life
from ..tools.dates import local_date, loco_today, utc_end_of, utc_start_of
from .loco_guard_mixin import WORKFLOW, loco_date_bounds

FRESHNESS = [
    (shelf_life.FRESH, "Fresh"),
    (shelf_life.URGENT, "Urgent"),
    (shelf_life.EXPIRED, "Expired"),
]
# Fields whose change moves the date a lot may be distributed until.
LOT_DATE_FIELDS = {"expiration_date", "use_date", "product_id"}
# what LOCO derives from the printed date: never written by hand on a food lot
DERIVED_DATE_FIELDS = {"distributable_until", "removal_date", "alert_date"}
COORDINATOR = "loco_hubs.group_loco_coordinator"


class StockLot(models.Model):
    _name = "stock.lot"
    _inherit = ["stock.lot", "loco.guard.mixin"]

    distributable_until = fields.Datetime(
        readonly=True,
        index=True,
        copy=False,
        help="Last day this lot may be given: its use-by date (DLC), or its "
        "best-before date (DDM) plus the grace of its shelf-life group. FEFO serves "
        "first the lots that must leave first.",
    )
    loco_freshness = fields.Selection(
        FRESHNESS,
        string="Freshness",
        compute="_compute_loco_freshness",
        search="_search_loco_freshness",
    )
    loco_date_kind = fields.Selection(related="product_id.categ_id.loco_date_kind")

    def init(self):
        res = super().init()
        # Odoo checks a lot number is unique for its food (``_check_unique_lot``) by
        # food and exact number; the number's only index is a trigram one, through
        # which PostgreSQL read the trigrams every lot of a year shares ("DON/2026/"):
        # 11.6 s for the lots of an offer of 1,000 lines on a national year, 2 ms
        # with this index
        tools.create_index(
            self.env.cr, "stock_lot_loco_product_name_index", self._table, ["product_id", "name"]
        )
        return res

    @api.depends("distributable_until", "product_id.categ_id.loco_urgent_days")
    def _compute_loco_freshness(self):
        today = loco_today(self.env)
        for lot in self:
            until = lot.distributable_until and local_date(self.env, lot.distributable_until)
            lot.loco_freshness = shelf_life.freshness(
                until, today, lot.product_id.categ_id.loco_urgent_days
            )

    def _search_loco_freshness(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        wanted = {value} if isinstance(value, str) else set(value or ())
        if operator in ("!=", "not in"):
            wanted = {code for code, _label in FRESHNESS} - wanted
        today = loco_today(self.env)
        expired_before = utc_start_of(self.env, today)
        # Urgency ends at a different moment per category's urgent_days.
        urgent_days = [
            days
            for [days] in self.env["product.category"]._read_group(
                [("loco_date_kind", "!=", False)], ["loco_urgent_days"]
            )
        ]

        def urgent_end(days):
            return utc_start_of(self.env, today + timedelta(days=days + 1))

        categ_days = "product_id.categ_id.loco_urgent_days"
        domains = {
            shelf_life.EXPIRED: [("distributable_until", "<", expired_before)],
            shelf_life.URGENT: expression.AND(
                [
                    [("distributable_until", ">=", expired_before)],
                    expression.OR(
                        [
                            [
                                (categ_days, "=", days),
                                ("distributable_until", "<", urgent_end(days)),
                            ]
                            for days in urgent_days
                        ]
                    ),
                ]
            ),
            shelf_life.FRESH: expression.OR(
                [
                    [("distributable_until", "=", False)],
                    *(
                        [(categ_days, "=", days), ("distributable_until", ">=", urgent_end(days))]
                        for days in urgent_days
                    ),
                ]
            ),
        }
        return (
            expression.OR([domains[code] for code in wanted]) if wanted else expression.FALSE_DOMAIN
        )

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        """A new food lot gets its dates from the date printed on the food."""
        forbidden = super()._loco_forbidden_create_fields(vals_list)
        Product = self.env["product.product"]
        for vals in vals_list:
            forbidden |= {"distributable_until"} & set(vals)
            if Product.browse(vals.get("product_id")).categ_id.loco_date_kind:
                forbidden |= {fname for fname in DERIVED_DATE_FIELDS if vals.get(fname)}
        return forbidden

    def _loco_forbidden_fields(self, fnames):
        """Food-safety dates: the derived ones never by hand; the printed DLC or DDM
        (and the product) by hub staff only while the lot holds nothing yet, by
        coordinators to correct a lot in use."""
        forbidden = super()._loco_forbidden_fields(fnames) | (fnames & {"distributable_until"})
        food = self.filtered(lambda lot: lot.product_id.categ_id.loco_date_kind)
        if not food:
            return forbidden
        forbidden |= fnames & DERIVED_DATE_FIELDS
        if any(lot.loco_date_kind == shelf_life.DDM for lot in food):
            # a DDM lot's expiration date is its distributable date
            forbidden |= fnames & {"expiration_date"}
        printed = fnames & LOT_DATE_FIELDS
        if printed and not self.env.user.has_group(COORDINATOR) and food._loco_in_use():
            forbidden |= printed
        return forbidden

    @api.model
    def _loco_check_values(self, vals_list):
        """Food lots are LOCO's: their printed dates lie within LOCO's plausible range
        (ten years ahead), not only Odoo's."""
        res = super()._loco_check_values(vals_list)
        if not any(vals.get("expiration_date") or vals.get("use_date") for vals in vals_list):
            return res
        Product = self.env["product.product"]
        earliest, latest = loco_date_bounds()
        for vals in vals_list:
            product = Product.browse(vals.get("product_id")) if vals.get("product_id") else None
            food = (
                product.categ_id.loco_date_kind
                if product
                else any(lot.product_id.categ_id.loco_date_kind for lot in self)
            )
            if not food:
                continue
            for fname in ("expiration_date", "use_date"):
                if vals.get(fname):
                    self._loco_check_date(self._fields[fname], vals[fname], earliest, latest)
        return res

    def _loco_in_use(self):
        """Whether any of these lots was moved or reserved (it is then evidence)."""
        return bool(
            self.env["stock.move.line"].sudo().search_count([("lot_id", "in", self.ids)], limit=1)
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_loco_in_use(self):
        food = self.filtered(lambda lot: lot.product_id.categ_id.loco_date_kind)
        if food and not self.env.su and food._loco_in_use():
            raise UserError(
                self.env._(
                    "Lot %(lot)s is on a transfer: it stays, so that its food can be traced.",
                    lot=food[0].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        lots = super().create(vals_list)
        lots._loco_apply_dates()
        return lots

    def write(self, vals):
        res = super().write(vals)
        if LOT_DATE_FIELDS & vals.keys() and not self.env.context.get("loco_applying_dates"):
            self._loco_apply_dates()
        return res

    def _loco_apply_dates(self):
        """Set distributable_until from the food-safety policy, and keep Odoo's own
        dates in line: removal_date (FEFO order) = distributable_until, expiration_date
        of a DDM lot = its hard end, alert_date = first urgent day."""
        food_lots = self.filtered(lambda lot: lot.product_id.categ_id.loco_date_kind)
        if not food_lots:
            return
        rules = self.env["loco.shelf.life.rule"]._policy_rules()
        for lot in food_lots.with_context(loco_applying_dates=True, loco_workflow=WORKFLOW):
            categ = lot.product_id.categ_id
            until = shelf_life.distributable_until(
                categ.loco_date_kind,
                dlc=lot.expiration_date,
                ddm=lot.use_date if categ.loco_date_kind == shelf_life.DDM else None,
                rule=rules.get(categ.loco_shelf_life_group),
            )
            last_day = until and local_date(self.env, until)
            # a lot may be given until the end of its last day, in Belgium
            until = last_day and utc_end_of(self.env, last_day)
            vals = {
                "distributable_until": until,
                "removal_date": until,
                # Odoo's own expiry (and its reservation filter) ends with LOCO's
                "expiration_date": until,
                "alert_date": last_day
                and utc_start_of(self.env, last_day - timedelta(days=categ.loco_urgent_days)),
                # written back so product_expiry's recompute leaves it as it is
                "use_date": lot.use_date,
            }
            if any(lot[fname] != value for fname, value in vals.items()):
                lot.write(vals)
