# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.loco_hubs.tools.dates import utc_start_of

TAKEN_STATES = ("submitted", "confirmed", "ready", "done")


class LocoFeadQuota(models.Model):
    """How much of a product an association may take from a FEAD / ESF+ campaign, as
    food banks receive their quotas; enforced when its orders are submitted, under the
    hub's lock, like the fair shares."""

    _name = "loco.fead.quota"
    _inherit = ["loco.guard.mixin"]
    _description = "FEAD / ESF+ quota"
    _order = "campaign_id, partner_id, product_id"
    _loco_check_ids = True

    campaign_id = fields.Many2one(
        "loco.fead.campaign", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Association",
        required=True,
        index=True,
        domain=[("loco_association", "=", True), ("loco_fead", "=", True)],
    )
    product_id = fields.Many2one("product.product", required=True, index=True)
    quantity = fields.Float(required=True, digits="Product Unit of Measure")
    transfer_out_ids = fields.One2many(
        "loco.fead.quota.transfer", "quota_id", string="Given to other associations"
    )
    transfer_in_ids = fields.One2many(
        "loco.fead.quota.transfer", "to_quota_id", string="Received from other associations"
    )

    _sql_constraints = [
        (
            "quota_uniq",
            "unique(campaign_id, partner_id, product_id)",
            "An association has one quota of a product per campaign.",
        )
    ]

    @api.constrains("quantity")
    def _check_quantity(self):
        for quota in self:
            # a quota given away in full keeps its record (and its transfers)
            if quota.quantity < 0 or (quota.quantity == 0 and not quota.transfer_out_ids):
                raise ValidationError(
                    self._loco_quantity_not_positive_message(quota.product_id.display_name)
                )

    def _loco_taken(self):
        """What the association's orders at the campaign's organisation took of the
        product during the campaign."""
        self.ensure_one()
        campaign = self.campaign_id
        [[taken]] = (
            self.env["loco.order.line"]
            .sudo()
            ._read_group(
                [
                    ("order_id.partner_id", "child_of", self.partner_id.id),
                    ("order_id.company_id", "=", self.company_id.id),
                    ("order_id.state", "in", TAKEN_STATES),
                    ("order_id.submitted_date", ">=", utc_start_of(self.env, campaign.date_from)),
                    ("product_id", "=", self.product_id.id),
                ],
                [],
                ["quantity:sum"],
            )
        )
        return taken

    def action_loco_transfer(self):
        """Open a transfer giving part of this quota to another association."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Give part of a quota"),
            "res_model": "loco.fead.quota.transfer",
            "view_mode": "form",
            "target": "new",
            "context": {"default_quota_id": self.id},
        }
