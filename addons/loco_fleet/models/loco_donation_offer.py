# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class LocoDonationOffer(models.Model):
    _inherit = "loco.donation.offer"

    loco_stop_ids = fields.One2many("loco.round.stop", "offer_id", string="Round stops")

    def _loco_open_domain(self, hub, day_start, day_end):
        """Offers LOCO still has to collect from ``hub``'s area in that period."""
        return [
            ("state", "=", "accepted"),
            ("transport", "=", "loco_collects"),
            ("hub_id", "=", hub.id),
            ("loco_stop_ids", "not any", [("state", "in", ("open", "done"))]),
            "|",
            ("pickup_end", "=", False),
            ("pickup_end", ">=", day_start),
            "|",
            ("pickup_start", "=", False),
            ("pickup_start", "<=", day_end),
        ]

    def _loco_mark_collected(self, note):
        """accepted → collected, when the round's driver has the goods on board."""
        for offer in self._loco_lock(
            "collect", allowed=("accepted",), done=("collected", "received")
        ):
            offer.state = "collected"
            offer.message_post(body=note)
        return True

    def _loco_wrong_state_message(self, action):
        if action == "collect":
            return self.env._(
                "Offer %(offer)s cannot be collected: it is %(state)s.",
                offer=self.name,
                state=self._state_label(),
            )
        return super()._loco_wrong_state_message(action)
