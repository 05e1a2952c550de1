# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..policy import fead


class LocoFeadQuotaTransfer(models.Model):
    """Part of an association's FEAD / ESF+ quota given to another association, most
    often one served by another organisation of the network (food banks pass on what
    one of theirs cannot use). The giving quota shrinks and the receiving one, in the
    receiving organisation's running campaign, grows by as much; the record stays as it
    was, for the programme's controls."""

    _name = "loco.fead.quota.transfer"
    _inherit = ["loco.guard.mixin"]
    _description = "FEAD / ESF+ quota transfer"
    _order = "date desc, id desc"
    _loco_check_ids = True
    # a transfer is evidence: it stays as it was recorded
    _loco_evidence = True

    quota_id = fields.Many2one(
        "loco.fead.quota", string="Quota given", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="quota_id.company_id", string="Giving organisation", store=True, index=True
    )
    product_id = fields.Many2one(related="quota_id.product_id", store=True)
    from_partner_id = fields.Many2one(
        related="quota_id.partner_id", string="Giving association", store=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Receiving association",
        required=True,
        index=True,
        domain=[("loco_association", "=", True), ("loco_fead", "=", True)],
    )
    to_quota_id = fields.Many2one(
        "loco.fead.quota", string="Quota received", readonly=True, ondelete="restrict"
    )
    to_company_id = fields.Many2one(
        "res.company", string="Receiving organisation", readonly=True, index=True
    )
    quantity = fields.Float(required=True, digits="Product Unit of Measure")
    note = fields.Char(string="Reason")
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Recorded by", default=lambda self: self.env.user, readonly=True
    )

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        return super()._loco_forbidden_create_fields(vals_list) | (
            {
                fname
                for vals in vals_list
                for fname in ("to_quota_id", "to_company_id", "date", "user_id")
                if fname in vals
            }
        )

    @api.model_create_multi
    def create(self, vals_list):
        transfers = super().create(vals_list)
        for transfer in transfers:
            transfer._loco_apply()
        return transfers

    def unlink(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A quota transfer cannot be deleted: record another transfer the other way."
                )
            )
        return super().unlink()

    def _loco_apply(self):
        """Move the quantity from the giving quota to the receiving association's quota
        in its organisation's running campaign, under the hubs' order locks (a
        submission at the same moment sees the quota as it is after the transfer)."""
        self.ensure_one()
        quota = self.quota_id
        hubs = (
            self.env["stock.warehouse"]
            .sudo()
            .search([("company_id", "=", quota.company_id.id), ("loco_hub", "=", True)], order="id")
        )
        for hub in hubs:
            hub._loco_lock_orders()
        self.env.cr.execute("SELECT id FROM loco_fead_quota WHERE id = %s FOR UPDATE", [quota.id])
        quota.invalidate_recordset(["quantity"])
        receiver = self.partner_id.commercial_partner_id
        to_company = receiver.sudo().loco_hub_id.company_id
        campaign = quota.campaign_id if to_company == quota.company_id else None
        if to_company and not campaign:
            campaign = quota.campaign_id._loco_running(to_company)
        same = campaign == quota.campaign_id and receiver == quota.partner_id
        code = fead.transfer_refusal(
            self.quantity,
            quota.quantity - quota._loco_taken(),
            same_quota=same,
            recognised=receiver.loco_fead and receiver.loco_association,
            campaign_found=bool(campaign),
        )
        if code:
            raise UserError(self._loco_refusal_message(code, receiver, to_company))
        Quota = self.env["loco.fead.quota"].sudo()._loco_workflow()
        to_quota = Quota.search(
            [
                ("campaign_id", "=", campaign.id),
                ("partner_id", "=", receiver.id),
                ("product_id", "=", quota.product_id.id),
            ]
        )
        if to_quota:
            self.env.cr.execute(
                "SELECT id FROM loco_fead_quota WHERE id = %s FOR UPDATE", [to_quota.id]
            )
            to_quota.invalidate_recordset(["quantity"])
            to_quota.quantity += self.quantity
        else:
            to_quota = Quota.create(
                {
                    "campaign_id": campaign.id,
                    "partner_id": receiver.id,
                    "product_id": quota.product_id.id,
                    "quantity": self.quantity,
                }
            )
        quota.sudo()._loco_workflow().quantity -= self.quantity
        self.sudo()._loco_workflow().write(
            {"to_quota_id": to_quota.id, "to_company_id": campaign.company_id.id}
        )

    def _loco_refusal_message(self, code, receiver, to_company):
        quota = self.quota_id
        if code == fead.NO_QUANTITY:
            return self._loco_quantity_not_positive_message(quota.product_id.display_name)
        if code == fead.SAME_QUOTA:
            return self.env._(
                "%(association)s already holds this quota: choose another association.",
                association=receiver.display_name,
            )
        if code == fead.NOT_RECOGNISED:
            return self.env._(
                "%(association)s is not recognised for European aid: it cannot receive a "
                "FEAD / ESF+ quota.",
                association=receiver.display_name,
            )
        if code == fead.NO_CAMPAIGN:
            return self.env._(
                "%(organisation)s runs no FEAD / ESF+ campaign today that could receive the "
                "quota of %(association)s.",
                organisation=to_company.display_name or receiver.display_name,
                association=receiver.display_name,
            )
        return self.env._(
            "%(association)s has only %(left)s of %(product)s left in its quota: it cannot "
            "give %(quantity)s.",
            association=quota.partner_id.display_name,
            left=quota.quantity - quota._loco_taken(),
            product=quota.product_id.display_name,
            quantity=self.quantity,
        )
