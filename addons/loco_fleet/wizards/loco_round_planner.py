# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.loco_hubs.tools.dates import loco_today, utc_end_of, utc_start_of

from ..policy import routing
from ..tools.settings import fleet_settings


class LocoRoundPlanner(models.TransientModel):
    """Build a hub's rounds for one day, in one click: the open pickups, deliveries
    and transfers between hubs are shared between the free vehicles by the
    optimiser."""

    _name = "loco.round.planner"
    _inherit = ["loco.guard.mixin", "loco.background.mixin"]
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
    exchange_ids = fields.Many2many(
        "loco.exchange",
        string="Transfers",
        compute="_compute_candidates",
        store=True,
        readonly=False,
        help="Accepted exchanges with another hub this hub delivers or collects, planned "
        "for that day or late.",
    )

    @api.depends("hub_id", "date")
    def _compute_candidates(self):
        for planner in self:
            hub, day = planner.hub_id, planner.date
            if not hub or not day:
                planner.update(
                    {
                        "vehicle_ids": False,
                        "offer_ids": False,
                        "order_ids": False,
                        "exchange_ids": False,
                    }
                )
                continue
            planner.vehicle_ids = self.env["fleet.vehicle"].search(
                self._loco_vehicle_domain(hub, day)
            )
            planner.offer_ids = self.env["loco.donation.offer"].search(
                self.env["loco.donation.offer"]._loco_open_domain(
                    hub, utc_start_of(self.env, day), utc_end_of(self.env, day)
                )
            )
            planner.order_ids = self.env["loco.order"].search(
                self.env["loco.order"]._loco_open_domain(hub, day)
            )
            planner.exchange_ids = self.env["loco.exchange"].search(
                self.env["loco.exchange"]._loco_open_domain(hub, utc_end_of(self.env, day))
            )

    @api.model
    def _loco_vehicle_domain(self, hub, day):
        """The vehicles free for ``hub`` on ``day``: its own and the pool's of its
        organisation (not lent to another that day), and the vehicles of other
        organisations it booked for that day."""
        company = hub.company_id
        own = [
            "|",
            ("loco_hub_id", "=", hub.id),
            ("loco_pool", "=", True),
            ("company_id", "in", [company.id, False]),
            (
                "loco_booking_ids",
                "not any",
                [("date", "=", day), ("state", "=", "approved"), ("company_id", "!=", company.id)],
            ),
        ]
        borrowed = [
            (
                "loco_booking_ids",
                "any",
                [("date", "=", day), ("state", "=", "approved"), ("company_id", "=", company.id)],
            )
        ]
        free = [("loco_round_ids", "not any", [("date", "=", day), ("state", "!=", "cancelled")])]
        return expression.AND([expression.OR([own, borrowed]), free])

    def action_build(self):
        """One draft round per vehicle used, its stops in the optimiser's order; what
        could not be planned is said, never silently left out."""
        self.ensure_one()
        rounds, text, solution = self._loco_build()
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

    def action_build_in_background(self):
        """Queue the building of the day (channel ``root.loco_planner``): for a big
        day, the coordinator is told in their inbox when the rounds are drafted."""
        self.ensure_one()
        self._loco_check_buildable()
        values = {
            "hub_id": self.hub_id.id,
            "date": self.date,
            "vehicle_ids": sorted(self.vehicle_ids.ids),
            "offer_ids": sorted(self.offer_ids.ids),
            "order_ids": sorted(self.order_ids.ids),
            "exchange_ids": sorted(self.exchange_ids.ids),
        }
        self._loco_delay("_loco_build_job", values)
        return self._loco_queued_notification(
            self.env._(
                "The rounds are being built in the background: you will be told in your inbox."
            )
        )

    @api.model
    def _loco_build_job(self, values):
        """Build the day of ``values`` as the coordinator who asked, and tell them."""
        planner = self.create(
            {
                **values,
                **{
                    key: [Command.set(values[key])]
                    for key in ("vehicle_ids", "offer_ids", "order_ids", "exchange_ids")
                },
            }
        )
        rounds, text, _solution = planner._loco_build()
        self._loco_tell_user(
            self.env._(
                "Rounds of %(hub)s on %(date)s",
                hub=planner.hub_id.display_name,
                date=planner.date,
            ),
            Markup("<br/>").join(text),
        )
        return rounds

    def _loco_build(self):
        """(draft rounds, summary lines, optimiser's solution) of this day."""
        self.ensure_one()
        vehicles = self._loco_check_buildable()
        drafts, probe = self._loco_draft_stops()
        matrix, solution = self._loco_solve(drafts, probe, vehicles)
        rounds = self.env["loco.round"]
        for vehicle in vehicles:
            order = solution.routes.get(vehicle.id) or []
            if order:
                rounds |= rounds.create(self._prepare_round_vals(vehicle, drafts, order))
        text = self._loco_build_summary(rounds, drafts, solution, matrix)
        for rnd in rounds:
            rnd.message_post(body=Markup("<br/>").join(text))
        return rounds, text, solution

    def _loco_check_buildable(self):
        """The vehicles rounds can be built with, once the request makes sense."""
        self.env["loco.round"]._loco_check_coordinator()
        if self.date < loco_today(self.env):
            raise UserError(self.env._("Rounds are planned for today or later."))
        vehicles = self.vehicle_ids.filtered("loco_payload_kg")
        if not vehicles:
            raise UserError(self.env._("Choose at least one vehicle for the rounds."))
        if not self.offer_ids and not self.order_ids and not self.exchange_ids:
            raise UserError(
                self.env._("There is nothing to collect or deliver from this hub on that day.")
            )
        return vehicles

    def _loco_draft_stops(self):
        """The stops drafted in memory, on a probe round, to be measured before any
        round exists."""
        Stop = self.env["loco.round.stop"]
        drafts = (
            [Stop.new({"offer_id": offer.id, "round_id": False}) for offer in self.offer_ids]
            + [Stop.new({"order_id": order.id, "round_id": False}) for order in self.order_ids]
            + [
                Stop.new({"exchange_id": exchange.id, "round_id": False})
                for exchange in self.exchange_ids
            ]
        )
        probe = self.env["loco.round"].new(
            {"hub_id": self.hub_id.id, "date": self.date, "company_id": self.hub_id.company_id.id}
        )
        for draft in drafts:
            draft.round_id = probe
            draft._compute_window()
        return drafts, probe

    def _loco_solve(self, drafts, probe, vehicles):
        """The distance matrix of the drafted stops, and the optimiser's routes."""
        Round = self.env["loco.round"]
        settings = fleet_settings(self.env)
        partners = self.env["res.partner"].concat(*(draft.partner_id for draft in drafts))
        matrix = Round._loco_matrix(self.hub_id, partners)
        points = [
            draft._loco_routing_stop(position, self.date, settings.service_minutes)
            for position, draft in enumerate(drafts)
        ]
        fleet = [probe._loco_routing_vehicle(vehicle) for vehicle in vehicles]
        solution = routing.solve(
            matrix, points, fleet, time_limit=Round._loco_time_limit(len(points))
        )
        return matrix, solution

    def _prepare_round_vals(self, vehicle, drafts, order):
        """The draft round of ``vehicle``, its stops (``drafts`` positions) in ``order``."""
        return {
            "hub_id": self.hub_id.id,
            "date": self.date,
            "company_id": self.hub_id.company_id.id,
            "vehicle_id": vehicle.id,
            "stop_ids": [
                Command.create(
                    {
                        "sequence": sequence,
                        "offer_id": drafts[position].offer_id.id,
                        "order_id": drafts[position].order_id.id,
                        "exchange_id": drafts[position].exchange_id.id,
                    }
                )
                for sequence, position in enumerate(order, start=1)
            ],
        }

    def _loco_build_summary(self, rounds, drafts, solution, matrix):
        """What was built, what could not be planned and why, as lines of text."""
        Round = self.env["loco.round"]
        text = [
            self.env._(
                "%(count)s round(s) built for %(hub)s on %(date)s.",
                count=len(rounds),
                hub=self.hub_id.display_name,
                date=self.date,
            )
        ]
        if solution.dropped:
            text.append(
                self.env._(
                    "Could not be planned: %(stops)s.",
                    stops="; ".join(
                        f"{drafts[position].partner_id.display_name} "
                        f"({Round._loco_problems_text(problems)})"
                        for position, problems in sorted(solution.dropped.items())
                    ),
                )
            )
        if matrix.notice:
            text.append(Round._loco_fallback_notice(matrix.notice))
        return text
