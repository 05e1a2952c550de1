# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    loco_round_start = fields.Float(
        string="Rounds leave from", default=7.0, help="Earliest departure of the hub's rounds."
    )
    loco_round_end = fields.Float(
        string="Rounds back by", default=18.0, help="Latest return of the hub's rounds."
    )
    loco_vehicle_ids = fields.One2many("fleet.vehicle", "loco_hub_id", string="Vehicles")
    # where the hub is, for the network's map
    loco_latitude = fields.Float(related="partner_id.partner_latitude", string="Latitude")
    loco_longitude = fields.Float(related="partner_id.partner_longitude", string="Longitude")
    loco_address = fields.Char(related="partner_id.contact_address", string="Where it is")

    @api.constrains("loco_round_start", "loco_round_end")
    def _check_loco_round_hours(self):
        for hub in self:
            if not 0 <= hub.loco_round_start < hub.loco_round_end <= 24:
                raise ValidationError(
                    self.env._(
                        "%(record)s: the hours must be between 00:00 and 24:00, the start before "
                        "the end.",
                        record=hub.display_name,
                    )
                )

    def _loco_setup_hub(self):
        res = super()._loco_setup_hub()
        self._loco_no_auto_batch()
        return res

    def _loco_no_auto_batch(self):
        """A hub's transfers travel in rounds, each round Odoo's batch transfer
        (stock_fleet): its receipts and deliveries are not also put in a batch per
        donor or association as they are reserved (stock_picking_batch's default for
        a new warehouse), which would cost every reservation a search of the
        partner's batches. A hub may still switch it back on."""
        (self.in_type_id | self.out_type_id).sudo().write({"auto_batch": False})

    def action_loco_plan_rounds(self):
        """Open the round planner for this hub, for tomorrow."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loco_fleet.action_loco_round_planner"
        )
        action["context"] = {"default_hub_id": self.id}
        return action
