# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class LocoRoundStopReport(models.TransientModel):
    """What the driver records at a stop, on the phone."""

    _name = "loco.round.stop.report"
    _inherit = ["loco.guard.mixin"]
    _description = "Report of a round stop"

    stop_id = fields.Many2one("loco.round.stop", required=True, ondelete="cascade")
    outcome = fields.Selection(
        [("done", "Done"), ("failed", "Failed")], required=True, default="done"
    )
    partner_id = fields.Many2one(related="stop_id.partner_id")
    kind = fields.Selection(related="stop_id.kind")
    goods = fields.Text(related="stop_id.goods")
    needs_temperature = fields.Boolean(related="stop_id.needs_temperature")
    temperature_class = fields.Selection(related="stop_id.temperature_class")
    temperature = fields.Float(string="Temperature (°C)")
    temperature_taken = fields.Boolean(string="Temperature read")
    contact_name = fields.Char(string="Given / received by")
    signature = fields.Binary()
    reason = fields.Text(string="Why it failed")
    note = fields.Text()

    @api.onchange("temperature")
    def _onchange_temperature(self):
        self.temperature_taken = True

    def action_confirm(self):
        self.ensure_one()
        if self.outcome == "failed":
            self.stop_id.action_mark_failed(self.reason)
        else:
            reading = self.temperature if self.temperature_taken or self.temperature else None
            self.stop_id.action_mark_done(
                temperature=reading,
                contact_name=self.contact_name,
                signature=self.signature,
                note=self.note,
            )
        return {"type": "ir.actions.act_window_close"}
