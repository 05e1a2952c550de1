# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    def _loco_catalogue_stock_domain(self, association, products=None):
        """European aid (FEAD / ESF+) is offered only to associations recognised for
        it."""
        domain = super()._loco_catalogue_stock_domain(association, products)
        if not association.loco_fead:
            domain += ["|", ("lot_id", "=", False), ("lot_id.loco_origin", "!=", "fead")]
        return domain
