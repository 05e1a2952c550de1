# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..policy import cold_chain
from .loco_temperature_limit import PLAUSIBLE
from .product_category import TEMPERATURE_CLASSES

PLACES = [
    ("receipt", "Receipt at the dock"),
    ("storage", "Storage zone"),
    ("pickup", "Pickup"),
    ("delivery", "Delivery"),
]
VERDICTS = [(cold_chain.TOO_WARM, "Too warm"), (cold_chain.TOO_COLD, "Too cold")]


class LocoTemperatureLog(models.Model):
    """A temperature read, where and by whom, for the food it concerns. A reading out
    of the limits of its class puts that food on hold in its hub's quarantine, with
    an activity for the hub manager; the reading is evidence and never changes."""

    _name = "loco.temperature.log"
    _inherit = ["loco.guard.mixin"]
    _description = "Temperature reading"
    _order = "date desc, id desc"
    _check_company_auto = True
    _loco_check_ids = True
    # a reading is evidence: it stays as it was read
    _loco_evidence = True

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one(
        "res.users", string="Read by", required=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    reading = fields.Float(string="Reading (°C)", required=True, digits=(4, 1))
    place = fields.Selection(PLACES, required=True, default="storage", index=True)
    location_id = fields.Many2one(
        "stock.location", string="Zone", check_company=True, index="btree_not_null"
    )
    picking_id = fields.Many2one(
        "stock.picking", string="Transfer", check_company=True, index="btree_not_null"
    )
    lot_ids = fields.Many2many("stock.lot", string="Lots")
    temperature_class = fields.Selection(
        TEMPERATURE_CLASSES,
        string="Temperature class",
        compute="_compute_temperature_class",
        store=True,
        help="The class of the coldest food the reading concerns.",
    )
    verdict = fields.Selection(VERDICTS, compute="_compute_verdict", store=True)
    out_of_range = fields.Boolean(
        string="Out of range", compute="_compute_verdict", store=True, index=True
    )
    hold_picking_id = fields.Many2one(
        "stock.picking", string="Put on hold by", readonly=True, copy=False
    )
    note = fields.Char()

    @api.depends("location_id", "picking_id", "lot_ids")
    def _compute_temperature_class(self):
        for log in self:
            zone_class = log.location_id.loco_temperature_class
            goods = log.lot_ids.product_id | log.picking_id.move_ids.product_id
            log.temperature_class = zone_class or cold_chain.coldest(
                goods.categ_id.mapped("loco_temperature_class")
            )

    @api.depends("reading", "temperature_class")
    def _compute_verdict(self):
        Limit = self.env["loco.temperature.limit"]
        for log in self:
            code = cold_chain.IN_RANGE
            if log.temperature_class:
                code = cold_chain.verdict(log.reading, *Limit._loco_limits(log.temperature_class))
            log.verdict = code or False
            log.out_of_range = bool(code)

    @api.constrains("reading")
    def _check_reading(self):
        for log in self:
            if not PLAUSIBLE[0] <= log.reading <= PLAUSIBLE[1]:
                raise ValidationError(
                    self.env._(
                        "%(reading)s °C is not a temperature a food store reads: type the "
                        "reading again (between %(lowest)s and %(highest)s °C).",
                        reading=log.reading,
                        lowest=PLAUSIBLE[0],
                        highest=PLAUSIBLE[1],
                    )
                )

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        """Nobody puts food on hold by hand: the reading does."""
        return super()._loco_forbidden_create_fields(vals_list) | {
            fname for vals in vals_list for fname in vals if fname == "hold_picking_id"
        }

    @api.model_create_multi
    def create(self, vals_list):
        logs = super().create(vals_list)
        # food read out of range in a hub goes on hold; along a round, the stop reports
        # the break and the hub reads the food again at its dock
        logs.filtered(
            lambda log: log.out_of_range and log.place in ("receipt", "storage")
        )._loco_hold()
        return logs

    def _loco_held_quants(self):
        """The stock this out-of-range reading concerns, outside quarantine: the zone
        read, the lots named, or what the transfer received."""
        self.ensure_one()
        lots = self.lot_ids
        if self.picking_id.state == "done" and self.place == "receipt":
            lots |= self.picking_id.move_line_ids.lot_id
        domain = [
            # the reading's organisation's stock only: a lot of another one named on a
            # reading never puts that organisation's food on hold
            ("company_id", "=", self.company_id.id),
            ("location_id.usage", "=", "internal"),
            ("location_id.loco_quarantine", "=", False),
            ("location_id.warehouse_id.loco_hub", "=", True),
            ("quantity", ">", 0),
        ]
        if self.place == "storage" and self.location_id:
            domain.append(("location_id", "child_of", self.location_id.id))
            if lots:
                domain.append(("lot_id", "in", lots.ids))
        elif lots:
            domain.append(("lot_id", "in", lots.ids))
            if self.picking_id.location_dest_id:
                hub = self.picking_id.location_dest_id.warehouse_id
                domain.append(("location_id", "child_of", hub.view_location_id.id))
        else:
            return self.env["stock.quant"]
        return self.env["stock.quant"].sudo().search(domain)

    def _loco_hold(self):
        """Put the food of these out-of-range readings on hold in quarantine and ask
        the hub manager to decide (a receipt not validated yet is held once it is)."""
        Warehouse = self.env["stock.warehouse"]
        for log in self:
            quants = log._loco_held_quants()
            if not quants:
                continue
            env = log._loco_in_company_lang().env
            origin = env._("Cold chain: %(reading)s °C", reading=log.reading)
            pickings = Warehouse._loco_quarantine_quants(
                quants,
                {hub: hub._prepare_quarantine_picking_vals(origin) for hub in quants.warehouse_id},
            )
            log.sudo().write({"hold_picking_id": pickings[:1].id})
            for picking in pickings:
                hub = picking.picking_type_id.warehouse_id
                picking.activity_schedule(
                    "loco_hubs.mail_activity_type_loco_quarantine",
                    user_id=(hub.loco_manager_id or self.env.user).id,
                    summary=env._("Cold chain broken: food on hold"),
                    note=env._(
                        "%(reading)s °C was read (%(place)s): %(count)s lot(s) are on hold in "
                        "quarantine by %(picking)s. Release them or destroy them.",
                        reading=log.reading,
                        place=log.with_env(env)._loco_place_label(),
                        count=len(picking.move_line_ids.lot_id),
                        picking=picking.name,
                    ),
                )

    def _loco_place_label(self):
        self.ensure_one()
        return dict(self._fields["place"]._description_selection(self.env))[self.place]
