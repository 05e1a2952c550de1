# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.dates import loco_today, utc_start_of

COLD = ("chilled", "frozen")


class LocoTemperatureRound(models.TransientModel):
    """The daily round of hub staff, on a tablet: one line per chilled or frozen zone
    of the hub, each read and saved at once as a storage reading (out of range, the
    zone's food goes on hold like any other reading)."""

    _name = "loco.temperature.round"
    _inherit = ["loco.guard.mixin"]
    _description = "Daily temperature round"
    _loco_check_ids = True

    hub_id = fields.Many2one(
        "stock.warehouse",
        required=True,
        domain=[("loco_hub", "=", True)],
        default=lambda self: self._default_hub(),
    )
    line_ids = fields.One2many(
        "loco.temperature.round.line",
        "round_id",
        string="Zones",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )

    @api.model
    def _default_hub(self):
        """The hub of the user's last round, else the first of their organisation."""
        last = self.env["loco.temperature.log"].search(
            [
                ("user_id", "=", self.env.uid),
                ("place", "=", "storage"),
                ("company_id", "=", self.env.company.id),
            ],
            limit=1,
        )
        return last.location_id.warehouse_id or self.env["stock.warehouse"].search(
            [("loco_hub", "=", True), ("company_id", "=", self.env.company.id)], limit=1
        )

    @api.depends("hub_id")
    def _compute_line_ids(self):
        for round_ in self:
            zones = round_.hub_id and self.env["stock.location"].search(
                [
                    ("id", "child_of", round_.hub_id.view_location_id.id),
                    ("usage", "=", "internal"),
                    ("loco_temperature_class", "in", COLD),
                    ("loco_quarantine", "=", False),
                ],
                order="complete_name",
            )
            round_.line_ids = [fields.Command.clear()] + [
                fields.Command.create({"location_id": zone.id}) for zone in zones or []
            ]

    def action_record(self):
        """Save every zone's reading as a storage reading of the hub's organisation."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "%(hub)s has no chilled or frozen zone to read: there is no round to record.",
                    hub=self.hub_id.display_name,
                )
            )
        outside = self.line_ids.location_id.filtered(lambda zone: zone.warehouse_id != self.hub_id)
        if outside:
            raise UserError(
                self.env._(
                    "%(zone)s is not a zone of %(hub)s: read each hub's zones on its own round.",
                    zone=outside[0].display_name,
                    hub=self.hub_id.display_name,
                )
            )
        logs = self.env["loco.temperature.log"].create(
            [
                {
                    "place": "storage",
                    "location_id": line.location_id.id,
                    "reading": line.reading,
                    "note": line.note or False,
                    "company_id": self.hub_id.company_id.id,
                }
                for line in self.line_ids
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Temperatures read"),
            "res_model": "loco.temperature.log",
            "view_mode": "list,form",
            "domain": [("id", "in", logs.ids)],
        }


class LocoTemperatureRoundLine(models.TransientModel):
    _name = "loco.temperature.round.line"
    _inherit = ["loco.guard.mixin"]
    _description = "Zone read on a daily temperature round"
    _loco_check_ids = True

    round_id = fields.Many2one("loco.temperature.round", required=True, ondelete="cascade")
    location_id = fields.Many2one("stock.location", string="Zone", required=True)
    temperature_class = fields.Selection(related="location_id.loco_temperature_class")
    last_reading = fields.Char(string="Read today", compute="_compute_last_reading")
    reading = fields.Float(string="Reading (°C)", digits=(4, 1))
    note = fields.Char()

    @api.depends("location_id")
    def _compute_last_reading(self):
        since = utc_start_of(self.env, loco_today(self.env))
        for line in self:
            last = self.env["loco.temperature.log"].search(
                [
                    ("location_id", "=", line.location_id.id),
                    ("place", "=", "storage"),
                    ("date", ">=", since),
                ],
                limit=1,
            )
            line.last_reading = (
                self.env._(
                    "%(reading)s °C by %(user)s", reading=last.reading, user=last.user_id.name
                )
                if last
                else False
            )
