# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .loco_guard_mixin import in_workflow

# LOCO jobs without stock rights (Odoo lets every internal user write move lines)
LOCO_JOBS_WITHOUT_STOCK = (
    "loco_donations.group_loco_operator",
    "loco_donations.group_loco_accountant",
    "loco_fleet.group_loco_driver",
)


class StockMoveLine(models.Model):
    _name = "stock.move.line"
    _inherit = ["stock.move.line", "loco.guard.mixin"]

    # a lot's history (recalls, traceability, a lot's dates written) is read by lot: a
    # national year holds millions of move lines, which Odoo does not index by lot
    lot_id = fields.Many2one(index="btree_not_null")

    @api.model_create_multi
    def create(self, vals_list):
        # before Odoo's own code reads moves and quants for these lines
        self._loco_guard_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._loco_guard_write(vals)
        return super().write(vals)

    def _loco_without_stock_rights(self):
        """A hotline operator, an accountant or a driver who is not also hub staff:
        their job moves no stock (a move line written by hand changes the quants)."""
        user = self.env.user
        if in_workflow(self.env) or user.has_group("stock.group_stock_user"):
            return False
        return any(
            self.env.ref(xmlid, raise_if_not_found=False) in user.groups_id
            for xmlid in LOCO_JOBS_WITHOUT_STOCK
        )

    def _loco_forbidden_fields(self, fnames):
        forbidden = super()._loco_forbidden_fields(fnames)
        if self._loco_without_stock_rights():
            forbidden |= fnames
        return forbidden

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        forbidden = super()._loco_forbidden_create_fields(vals_list)
        if self._loco_without_stock_rights():
            forbidden |= {fname for vals in vals_list for fname in vals}
        return forbidden

    def _loco_forbidden_message(self, fnames):
        return self.env._("Only hub staff move stock: your LOCO job does not include it.")

    def unlink(self):
        # before Odoo's own unlink reads the moves (an ondelete hook would come after)
        if self._loco_without_stock_rights():
            raise AccessError(self._loco_forbidden_message(set()))
        return super().unlink()
