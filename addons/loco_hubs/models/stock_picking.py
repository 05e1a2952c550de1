# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, fields, models
from odoo.exceptions import UserError

from .loco_guard_mixin import in_workflow

COLD = {"chilled", "frozen"}


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "loco.guard.mixin"]

    loco_order_id = fields.Many2one(
        "loco.order", string="Association order", readonly=True, index="btree_not_null"
    )

    loco_temperature_log_ids = fields.One2many(
        "loco.temperature.log", "picking_id", string="Temperatures read"
    )
    loco_needs_reading = fields.Boolean(
        string="Needs a dock reading",
        compute="_compute_loco_needs_reading",
        help="A receipt of chilled or frozen food at a LOCO hub: the temperature is read at "
        "the dock before it is validated.",
    )

    def _compute_loco_needs_reading(self):
        for picking in self:
            classes = set(picking.move_ids.product_id.categ_id.mapped("loco_temperature_class"))
            picking.loco_needs_reading = bool(
                picking.picking_type_code == "incoming"
                and picking.location_dest_id.warehouse_id.loco_hub
                and COLD & classes
            )

    def button_validate(self):
        """A receipt of chilled or frozen food is validated once its temperature was
        read at the dock; food read out of range goes on hold as it comes in."""
        if not in_workflow(self.env):
            # who may not validate is told so first
            self.check_access("write")
            self._loco_check_dock_readings()
        res = super().button_validate()
        received = self.filtered(lambda picking: picking.state == "done").sudo()
        received.loco_temperature_log_ids.filtered(
            lambda log: log.place == "receipt" and log.out_of_range and not log.hold_picking_id
        )._loco_hold()
        # urgent food that just arrived is proposed at once
        hubs = received.filtered(
            lambda picking: picking.picking_type_code == "incoming"
        ).location_dest_id.warehouse_id.filtered("loco_hub")
        if hubs:
            self.env["loco.proposal"]._loco_propose(hubs)
        return res

    def _loco_check_dock_readings(self):
        """Refuse to receive chilled or frozen food whose temperature was not read at
        the dock (receipts from donors, the programme or another hub alike)."""
        for picking in self.filtered("loco_needs_reading"):
            if not picking.loco_temperature_log_ids.filtered(lambda log: log.place == "receipt"):
                raise UserError(
                    self.env._(
                        "Receipt %(transfer)s holds chilled or frozen food: enter the "
                        "temperature read at the dock before validating it.",
                        transfer=picking.name,
                    )
                )

    def _loco_document_fields(self):
        """The LOCO document a transfer serves (a backorder keeps it, a return does
        not: it is not that document's food any more)."""
        return {"loco_order_id"}

    def _loco_forbidden_fields(self, fnames):
        return super()._loco_forbidden_fields(fnames) | (fnames & self._loco_document_fields())

    def _loco_check_validated(self):
        """After ``button_validate``: refuse to go on when Odoo asked a question
        instead (a lot past its date, a backorder) and the transfer is still open."""
        for picking in self:
            if picking.state != "done":
                raise UserError(
                    self.env._(
                        "Transfer %(transfer)s could not be validated (it holds food past "
                        "its date, or it needs a decision at the hub): nothing was marked "
                        "as done.",
                        transfer=picking.name,
                    )
                )

    def _loco_quarantine_move_vals(self, quants):
        """Moves taking exactly these quants (lot, package, owner) to this transfer's
        destination, already picked: the sweep reserves nothing, it moves what is
        there."""
        self.ensure_one()
        destination = self.location_dest_id
        moves = []
        for quant in quants:
            common = {
                "product_id": quant.product_id.id,
                "location_id": quant.location_id.id,
                "location_dest_id": destination.id,
                "picking_id": self.id,
                "company_id": self.company_id.id,
            }
            moves.append(
                {
                    **common,
                    "name": quant.product_id.display_name,
                    "product_uom": quant.product_uom_id.id,
                    "product_uom_qty": quant.quantity,
                    "picked": True,
                    "move_line_ids": [
                        Command.create(
                            {
                                **common,
                                "product_uom_id": quant.product_uom_id.id,
                                "lot_id": quant.lot_id.id,
                                "package_id": quant.package_id.id,
                                "result_package_id": quant.package_id.id,
                                "owner_id": quant.owner_id.id,
                                "quantity": quant.quantity,
                                "picked": True,
                            }
                        )
                    ],
                }
            )
        return moves
