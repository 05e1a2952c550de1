# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models

from .stock_move import RECEIVED_FIELDS


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    def _loco_forbidden_fields(self, fnames):
        """A received donation is evidence: its move lines (lot, quantity, where)
        stay as validated."""
        forbidden = super()._loco_forbidden_fields(fnames)
        # read as the superuser: the rule must answer for users who cannot read moves
        if any(line.state == "done" and line.move_id.loco_offer_line_id for line in self.sudo()):
            forbidden |= fnames & RECEIVED_FIELDS
        return forbidden

    def _loco_forbidden_message(self, fnames):
        if fnames <= RECEIVED_FIELDS and self.sudo().move_id.loco_offer_line_id:
            return self.env._(
                "%(fields)s: set by the offer's receipt and frozen when it is validated, never by "
                "hand.",
                fields=self._loco_field_labels(fnames),
            )
        return super()._loco_forbidden_message(fnames)
