# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

ORIGINS = [
    ("donation", "Donation"),
    ("fead", "FEAD"),
    ("purchase", "Purchase"),
    ("exchange", "Exchange between hubs"),
]


class StockLot(models.Model):
    _inherit = "stock.lot"

    loco_origin = fields.Selection(
        ORIGINS,
        string="Origin",
        readonly=True,
        copy=False,
        index=True,
        help="How the food of this lot came to the organisation.",
    )
    loco_fead_campaign_id = fields.Many2one(
        "loco.fead.campaign",
        string="FEAD campaign",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    def _loco_forbidden_fields(self, fnames):
        """Where a lot came from is set by LOCO's own steps."""
        return super()._loco_forbidden_fields(fnames) | (
            fnames & {"loco_origin", "loco_fead_campaign_id"}
        )

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        return super()._loco_forbidden_create_fields(vals_list) | {
            fname
            for vals in vals_list
            for fname in ("loco_origin", "loco_fead_campaign_id")
            if vals.get(fname)
        }
