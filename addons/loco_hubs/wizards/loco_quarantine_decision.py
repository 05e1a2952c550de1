# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.dates import loco_today, utc_start_of

DECISIONS = [("release", "Release: back to its zone"), ("destroy", "Destroy")]
ZONE_FIELDS = {
    "ambient": "loco_ambient_location_id",
    "chilled": "loco_chilled_location_id",
    "frozen": "loco_frozen_location_id",
}


class LocoQuarantineDecision(models.TransientModel):
    """What becomes of food in quarantine: released back to its zone (never past its
    date), with who and why, or destroyed through Odoo's scrap with its reason."""

    _name = "loco.quarantine.decision"
    _inherit = ["loco.guard.mixin"]
    _description = "Decision on food in quarantine"
    _loco_check_ids = True

    quant_ids = fields.Many2many("stock.quant", string="Food in quarantine", required=True)
    decision = fields.Selection(DECISIONS, required=True, default="destroy")
    reason_id = fields.Many2one("stock.scrap.reason.tag", string="Why it is destroyed")
    note = fields.Char(string="Why", help="Who decided what, and why (kept on each lot).")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "stock.quant":
            values["quant_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    def action_apply(self):
        self.ensure_one()
        # the decider's own organisations' food only (their rules), then as the superuser
        self.quant_ids.check_access("write")
        quants = self.quant_ids.filtered(lambda quant: quant.quantity > 0)
        outside = quants.filtered(lambda quant: not quant.location_id.loco_quarantine)
        if outside or not quants:
            raise UserError(
                self.env._("Choose food that is in a hub's quarantine: only it is decided here.")
            )
        if self.decision == "release":
            self._loco_release(quants)
        else:
            self._loco_destroy(quants)
        return {"type": "ir.actions.act_window_close"}

    def _loco_release(self, quants):
        if not self.note:
            raise UserError(self.env._("Say why the food may be given again."))
        start_of_today = utc_start_of(self.env, loco_today(self.env))
        past = quants.lot_id.filtered(
            lambda lot: lot.distributable_until and lot.distributable_until < start_of_today
        )
        if past:
            raise UserError(
                self.env._(
                    "Lot %(lot)s is past its date: it can only be destroyed.", lot=past[0].name
                )
            )
        by_zone = defaultdict(lambda: self.env["stock.quant"].sudo())
        for quant in quants.sudo():
            hub = quant.location_id.warehouse_id
            zone = hub[ZONE_FIELDS[quant.product_id.categ_id.loco_temperature_class or "ambient"]]
            by_zone[hub, zone] |= quant
        Picking = self.env["stock.picking"].sudo()
        for (hub, zone), zone_quants in by_zone.items():
            picking = Picking.create(
                {
                    "picking_type_id": hub.int_type_id.id,
                    "location_id": hub.loco_quarantine_location_id.id,
                    "location_dest_id": zone.id,
                    "origin": self._loco_stored_env(quants)._(
                        "Released by %(user)s: %(why)s", user=self.env.user.name, why=self.note
                    ),
                }
            )
            self.env["stock.move"].sudo().create(picking._loco_quarantine_move_vals(zone_quants))
            picking.with_context(skip_backorder=True).button_validate()
            picking._loco_check_validated()
        self._loco_tell_lots(
            quants.lot_id,
            self._loco_stored_env(quants)._(
                "Released from quarantine by %(user)s: %(why)s",
                user=self.env.user.name,
                why=self.note,
            ),
        )

    def _loco_destroy(self, quants):
        if not self.reason_id:
            raise UserError(self.env._("Say why the food is destroyed."))
        scraps = (
            self.env["stock.scrap"]
            .sudo()
            .create([self._prepare_scrap_vals(quant) for quant in quants.sudo()])
        )
        for scrap in scraps:
            scrap.do_scrap()
        stored = self._loco_stored_env(quants)
        self._loco_tell_lots(
            quants.lot_id,
            stored._(
                "Destroyed (%(reason)s) by %(user)s.",
                reason=self.reason_id.with_env(stored).name,
                user=self.env.user.name,
            ),
        )
        return scraps

    def _prepare_scrap_vals(self, quant):
        return {
            "product_id": quant.product_id.id,
            "product_uom_id": quant.product_uom_id.id,
            "lot_id": quant.lot_id.id,
            "package_id": quant.package_id.id,
            "owner_id": quant.owner_id.id,
            "scrap_qty": quant.quantity,
            "location_id": quant.location_id.id,
            "company_id": quant.company_id.id,
            "scrap_reason_tag_ids": [(6, 0, self.reason_id.ids)],
            "origin": self.note or False,
        }

    def _loco_stored_env(self, quants):
        """The environment in the language of the food's organisation, for the texts
        kept on its lots and transfers (they read the same whoever decided)."""
        return quants[:1].warehouse_id._loco_in_company_lang().env

    def _loco_tell_lots(self, lots, body):
        for lot in lots.sudo():
            lot.message_post(body=body)
