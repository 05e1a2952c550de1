# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from .loco_round_stop import LIVE_STATES, STOP_STATES


class LocoExchange(models.Model):
    """An exchange travels on a round of the hub that moves it: the sending hub's
    when it delivers, the receiving hub's when it collects (one transfer stop at the
    other hub, see ``loco.round.stop._loco_transfer_facts``)."""

    _inherit = "loco.exchange"

    loco_stop_ids = fields.One2many(
        "loco.round.stop", "exchange_id", string="Round stops", readonly=True
    )
    # the round is the moving organisation's: both hubs read where the exchange
    # stands, only that organisation opens the round
    loco_round_name = fields.Char(string="Round", compute="_compute_loco_round", compute_sudo=True)
    loco_round_date = fields.Date(
        string="Round day", compute="_compute_loco_round", compute_sudo=True
    )
    loco_stop_state = fields.Selection(
        STOP_STATES, string="Stop", compute="_compute_loco_round", compute_sudo=True
    )
    loco_on_round = fields.Boolean(
        string="On a round",
        compute="_compute_loco_round",
        compute_sudo=True,
        help="An open stop of a round carries it: the driver ships and receives it.",
    )
    loco_round_visible = fields.Boolean(
        string="Round readable", compute="_compute_loco_round_visible"
    )

    @api.depends("loco_stop_ids.state", "loco_stop_ids.round_id")
    def _compute_loco_round(self):
        for exchange in self:
            stop = exchange._loco_last_stop()
            exchange.loco_round_name = stop.round_id.name or False
            exchange.loco_round_date = stop.round_id.date or False
            exchange.loco_stop_state = stop.state or False
            exchange.loco_on_round = stop.state == "open"

    @api.depends("loco_stop_ids.round_id")
    def _compute_loco_round_visible(self):
        for exchange in self:
            rnd = exchange.sudo()._loco_last_stop().round_id.with_env(self.env)
            exchange.loco_round_visible = bool(rnd) and rnd.has_access("read")

    def action_ship(self):
        """By hand only when no round carries it: on a round, the driver's stop
        ships and receives it."""
        if not self._loco_in_workflow():
            for exchange in self:
                stop = exchange.sudo()._loco_last_stop()
                if stop.state == "open":
                    raise UserError(
                        self.env._(
                            "Exchange %(exchange)s travels on round %(round)s: it is shipped "
                            "and received when the driver marks its stop done.",
                            exchange=exchange.name,
                            round=stop.round_id.name,
                        )
                    )
        return super().action_ship()

    def action_view_round(self):
        self.ensure_one()
        rnd = self.sudo()._loco_last_stop().round_id.with_env(self.env)
        rnd.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "loco.round",
            "view_mode": "form",
            "res_id": rnd.id,
        }

    def _loco_last_stop(self):
        """The live stop that carries the exchange, else its last failed one."""
        self.ensure_one()
        stops = self.loco_stop_ids.sorted("id", reverse=True)
        return (
            stops.filtered(lambda stop: stop.state in LIVE_STATES)[:1]
            or stops.filtered(lambda stop: stop.state == "failed")[:1]
        )

    @api.model
    def _loco_open_domain(self, hub, day_end):
        """Accepted exchanges ``hub``'s rounds move (it sends and delivers them, or
        receives and collects them), planned to leave by ``day_end`` and on no live
        stop."""
        return [
            ("state", "=", "accepted"),
            "|",
            "&",
            ("transport", "=", "sender_delivers"),
            ("from_hub_id", "=", hub.id),
            "&",
            ("transport", "=", "receiver_collects"),
            ("to_hub_id", "=", hub.id),
            ("scheduled_date", "<=", day_end),
            ("loco_stop_ids", "not any", [("state", "in", LIVE_STATES)]),
        ]
