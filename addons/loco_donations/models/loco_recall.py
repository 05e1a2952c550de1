# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class LocoRecall(models.Model):
    _inherit = "loco.recall"

    def _loco_lot_source(self, lot):
        """The donors whose offers brought the food of ``lot`` in (following an exchange
        back to the lot it was made from), or the hubs it came from by exchange."""
        source = super()._loco_lot_source(lot)
        lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id.name", "=", lot.name),
                    ("lot_id.product_id", "=", lot.product_id.id),
                    ("state", "=", "done"),
                    ("move_id.loco_offer_line_id", "!=", False),
                ]
            )
        )
        donors = lines.move_id.loco_donor_id
        return ", ".join(filter(None, [source, *donors.mapped("display_name")]))
