from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.loco_hubs.models.stock_lot import loco_today, utc_end_of, utc_start_of

from .. import messages
from ..models.res_config_settings import fleet_settings
from ..policy import routing


class LocoRoundPlanner(models.TransientModel):
    """Build a hub's rounds for one day, in one click: the open pickups and
    deliveries are shared between the free vehicles by the optimiser."""

    _name = "loco.round.planner"
    _inherit = ["loco.guard.mixin"]
    _description = "Round planner"

    hub_id = fields.Many2one("stock.warehouse", required=True, domain=[("loco_hub", "=", True)])
    date = fields.Date(required=True, default=lambda self: loco_today(self.env) + timedelta(days=1))
    vehicle_ids = fields.Many2many(
        "fleet.vehicle",
        string="Vehicles",
        compute="_compute_candidates",
        store=True,
        readonly=False,
        help="The hub's vehicles and the LOCO pool's, free that day.",
    )
    offer_ids = fields.Many2many(
        "loco.donation.offer",
        string="Pickups",
        compute="_compute_candidates",
        store=True,
        readonly=False,
    )
    order_ids = fields.Many2many(
        "loco.order",
        string="Deliveries",
        compute="_compute_candidates",
        store=True,
        readonly=False,
    )

    @api.depends("hub_id", "date")
    def _compute_candidates(self):
        for planner in self:
            hub, day = planner.hub_id, planner.date
            if not hub or not day:
                planner.update({"vehicle_ids": False, "offer_ids": False, "order_ids": False})
                continue
            planner.vehicle_ids = self.env["fleet.vehicle"].search(
                [
                    "|",
                    ("loco_hub_id", "=", hub.id),
                    ("loco_pool", "=", True),
                    ("company_id", "in", [hub.company_id.id, False]),
                    (
                        "loco_round_ids",
                        "not any",
                        [("date", "=", day), ("state", "!=", "cancelled")],
                    ),
                ]
            )
            planner.offer_ids = self.env["loco.donation.offer"].search(
                self.env["loco.donation.offer"]._loco_open_domain(
                    hub, utc_start_of(self.env, day), utc_end_of(self.env, day)
                )
            )
            planner.order_ids = self.env["loco.order"].search(
                self.env["loco.order"]._loco_open_domain(hub, day)
            )

    def action_build(self):
        """One draft round per vehicle used, its stops in the optimiser's order; what
        could not be planned is said, never silently left out."""
        self.ensure_one()
        self.env["loco.round"]._loco_check_coordinator()
        if self.date < loco_today(self.env):
            raise UserError(messages.planner_date_past(self.env))
        vehicles = self.vehicle_ids.filtered("loco_payload_kg")
        if not vehicles:
            raise UserError(messages.planner_no_vehicle(self.env))
        if not self.offer_ids and not self.order_ids:
            raise UserError(messages.planner_nothing(self.env))
        hub, day = self.hub_id, self.date
        # stops drafted in memory, to be measured before any round exists
        Stop = self.env["loco.round.stop"]
        drafts = [
            Stop.new({"offer_id": offer.id, "round_id": False}) for offer in self.offer_ids
        ] + [Stop.new({"order_id": order.id, "round_id": False}) for order in self.order_ids]
        probe = self.env["loco.round"].new(
            {"hub_id": hub.id, "date": day, "company_id": hub.company_id.id}
        )
        for draft in drafts:
            draft.round_id = probe
            draft._compute_window()
        settings = fleet_settings(self.env)
        partners = self.env["res.partner"].concat(*(draft.partner_id for draft in drafts))
        matrix = self.env["loco.round"]._loco_matrix(hub, partners)
        points = [
            draft._loco_routing_stop(position, day, settings.service_minutes)
            for position, draft in enumerate(drafts)
        ]
        fleet = [probe._loco_routing_vehicle(vehicle) for vehicle in vehicles]
        solution = routing.solve(
            matrix, points, fleet, time_limit=self.env["loco.round"]._loco_time_limit(len(points))
        )
        rounds = self.env["loco.round"]
        for vehicle in vehicles:
            order = solution.routes.get(vehicle.id) or []
            if not order:
                continue
            rounds |= rounds.create(
                {
                    "hub_id": hub.id,
                    "date": day,
                    "company_id": hub.company_id.id,
                    "vehicle_id": vehicle.id,
                    "stop_ids": [
                        Command.create(
                            {
                                "sequence": sequence,
                                "offer_id": drafts[position].offer_id.id,
                                "order_id": drafts[position].order_id.id,
                            }
                        )
                        for sequence, position in enumerate(order, start=1)
                    ],
                }
            )
        text = [messages.planner_built(self.env, len(rounds), hub.display_name, day)]
        if solution.dropped:
            text.append(
                messages.left_out(
                    self.env,
                    "; ".join(
                        f"{drafts[position].partner_id.display_name} "
                        f"({messages.problems(self.env, problems)})"
                        for position, problems in sorted(solution.dropped.items())
                    ),
                )
            )
        if matrix.notice:
            text.append(messages.osrm_fallback(self.env, matrix.notice))
        for rnd in rounds:
            rnd.message_post(body=Markup("<br/>").join(text))
        action = self.env["ir.actions.act_window"]._for_xml_id("loco_fleet.action_loco_round")
        action["domain"] = [("id", "in", rounds.ids)]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if solution.dropped or not rounds else "success",
                "message": "\n".join(text),
                "sticky": bool(solution.dropped),
                "next": action,
            },
        }
