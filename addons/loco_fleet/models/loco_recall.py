# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class LocoRecall(models.Model):
    _inherit = "loco.recall"

    def _loco_open(self):
        res = super()._loco_open()
        self._loco_flag_stops(self.lot_ids)
        return res

    def _loco_flag_stops(self, lots):
        """Say on each live round what its open stops carry of the recalled food: an
        order of that product, an exchange or an offer of those lots."""
        stops = (
            self.env["loco.round.stop"]
            .sudo()
            .search(
                [
                    ("state", "=", "open"),
                    ("round_id.state", "in", ("draft", "planned", "in_progress")),
                    ("company_id", "in", self.env.companies.ids),
                    "|",
                    "|",
                    ("order_id.line_ids.product_id", "in", lots.product_id.ids),
                    ("exchange_id.line_ids.lot_id", "in", lots.ids),
                    ("offer_id.picking_id.move_line_ids.lot_id", "in", lots.ids),
                ]
            )
        )
        for rnd in stops.round_id:
            env = rnd._loco_in_company_lang().env
            rnd.message_post(
                body=env._(
                    "Recall %(recall)s: the stops at %(stops)s may carry recalled food. Check "
                    "with the hub before loading or handing it over.",
                    recall=self.name,
                    stops=", ".join((stops & rnd.stop_ids).mapped("partner_id.display_name")),
                )
            )
        if stops:
            self.message_post(
                body=self._loco_in_company_lang().env._(
                    "Rounds flagged: %(rounds)s.", rounds=", ".join(stops.round_id.mapped("name"))
                )
            )
        return stops
