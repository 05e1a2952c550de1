# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    def _loco_catalogue_stock_domain(self, association, products=None):
        """European aid (FEAD / ESF+) is offered only to associations recognised for
        it."""
        domain = super()._loco_catalogue_stock_domain(association, products)
        if not association.loco_fead:
            # "not any": the few FEAD lots are listed once (a hashed list), where
            # "lot_id.loco_origin != fead" made PostgreSQL scan every lot of the year
            # for each quant (minutes at national size)
            domain += [("lot_id", "not any", [("loco_origin", "=", "fead")])]
        return domain

    def _loco_catalogue(self, association, products=None):
        catalogue = super()._loco_catalogue(association, products)
        self._loco_apply_fead_quotas(association, catalogue)
        return catalogue

    def _loco_apply_fead_quotas(self, association, catalogue):
        """Cap what ``association`` may take of a product to what its quota of the
        hub's organisation's running FEAD campaign leaves."""
        if not catalogue or not association.loco_fead:
            return
        today = fields.Date.context_today(self)
        quotas = (
            self.env["loco.fead.quota"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", association.id),
                    ("company_id", "=", self.company_id.id),
                    ("campaign_id.active", "=", True),
                    ("campaign_id.date_from", "<=", today),
                    ("campaign_id.date_to", ">=", today),
                    ("product_id", "in", [product.id for product in catalogue]),
                ]
            )
        )
        for quota in quotas:
            entry = catalogue[quota.product_id]
            left = max(quota.quantity - quota._loco_taken(), 0.0)
            if left < entry["allowance"]:
                entry.update({"allowance": left, "fead_quota": quota})
