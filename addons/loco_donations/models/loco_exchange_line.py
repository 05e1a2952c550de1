# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..policy import exchange as policy

# what a receiving organisation's lot keeps of the sender's: its name and dates
LOT_COPIED_FIELDS = ("expiration_date", "use_date", "removal_date", "distributable_until", "ref")


class LocoExchangeLine(models.Model):
    _name = "loco.exchange.line"
    _inherit = ["loco.guard.mixin"]
    _description = "Surplus exchange line"
    _order = "exchange_id, sequence, id"
    _check_company_auto = True
    _loco_check_ids = True

    exchange_id = fields.Many2one("loco.exchange", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="exchange_id.company_id", store=True, index=True)
    to_company_id = fields.Many2one(related="exchange_id.to_company_id", store=True, index=True)
    state = fields.Selection(related="exchange_id.state")
    sequence = fields.Integer(default=10)
    lot_id = fields.Many2one(
        "stock.lot",
        required=True,
        index=True,
        check_company=True,
        domain="[('product_id.categ_id.loco_date_kind', '!=', False), "
        "('loco_freshness', '!=', 'expired')]",
    )
    # what the receiving organisation reads of the sender's lot (it cannot read lots);
    # not stored: each change of a lot's dates would look for exchange lines
    product_id = fields.Many2one(related="lot_id.product_id", store=True, string="Product")
    lot_name = fields.Char(related="lot_id.name", string="Lot number")
    distributable_until = fields.Datetime(
        related="lot_id.distributable_until", string="Distributable until"
    )
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    weight_kg = fields.Float(
        string="Weight (kg)", compute="_compute_weight_kg", store=True, digits="Stock Weight"
    )
    move_ids = fields.One2many("stock.move", "loco_exchange_line_id", string="Moves")

    @api.depends("quantity", "product_id.weight")
    def _compute_weight_kg(self):
        for line in self:
            line.weight_kg = line.quantity * line.product_id.weight

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self._loco_quantity_not_positive_message(line.product_id.display_name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._loco_guard_create(vals_list)
        Exchange = self.env["loco.exchange"]
        for vals in vals_list:
            Exchange.browse(vals.get("exchange_id"))._loco_check_lines_editable()
        return super().create(vals_list)

    def write(self, vals):
        self._loco_guard_write(vals)
        self.exchange_id._loco_check_lines_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self.exchange_id._loco_check_lines_editable()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _loco_free_quants(self):
        """This line's lot in the sending hub (its zones and its quarantine)."""
        self.ensure_one()
        hub = self.exchange_id.from_hub_id.sudo()
        return (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("lot_id", "=", self.lot_id.id),
                    ("location_id", "child_of", hub.view_location_id.id),
                    ("location_id.usage", "=", "internal"),
                ]
            )
        )

    def _loco_available(self):
        """What of the lot is free (unreserved, not quarantined) in the sending hub."""
        self.ensure_one()
        hub = self.exchange_id.from_hub_id.sudo()
        return (
            self.env["stock.quant"]
            .sudo()
            ._get_available_quantity(self.product_id, hub.lot_stock_id, lot_id=self.lot_id)
        )

    def _loco_quarantined(self):
        """Whether the lot lies (even in part) in the sending hub's quarantine only."""
        self.ensure_one()
        quants = self._loco_free_quants()
        return bool(quants) and all(quant.location_id.loco_quarantine for quant in quants)

    def _loco_refusal_message(self, code):
        """The sentence refusing this line for ``code`` (see policy.exchange)."""
        lot, product = self.lot_id.sudo().name, self.product_id.sudo().display_name
        hub = self.exchange_id.from_hub_id.sudo().name
        sentences = {
            policy.NO_QUANTITY: self._loco_quantity_not_positive_message(product),
            policy.WRONG_HUB: self.env._(
                "Lot %(lot)s of %(product)s is not stock of %(hub)s: only its own lots leave a "
                "hub.",
                lot=lot,
                product=product,
                hub=hub,
            ),
            policy.QUARANTINED: self.env._(
                "Lot %(lot)s of %(product)s is in quarantine at %(hub)s: it cannot be sent.",
                lot=lot,
                product=product,
                hub=hub,
            ),
            policy.EXPIRED: self.env._(
                "Lot %(lot)s of %(product)s is past its date: it cannot be sent to another hub.",
                lot=lot,
                product=product,
            ),
            policy.NOT_AVAILABLE: self.env._(
                "Only %(available)s %(uom)s of lot %(lot)s of %(product)s are free at %(hub)s, "
                "not %(quantity)s %(uom)s.",
                available=self._loco_available(),
                quantity=self.quantity,
                uom=self.uom_id.sudo().name,
                lot=lot,
                product=product,
                hub=hub,
            ),
        }
        return sentences[code]

    def _loco_check_reserved(self, picking):
        """The outgoing transfer holds exactly this line's quantity of its lot."""
        self.ensure_one()
        moves = picking.move_ids.filtered(lambda move: move.loco_exchange_line_id == self)
        reserved = sum(
            moves.move_line_ids.filtered(lambda ml: ml.lot_id == self.lot_id).mapped("quantity")
        )
        if reserved < self.quantity:
            raise UserError(self._loco_refusal_message(policy.NOT_AVAILABLE))

    def _loco_origin_move(self):
        """The move that brought this lot into the sending organisation with its
        donation value (the donor's receipt, or the receipt of an earlier exchange)."""
        self.ensure_one()
        move_line = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "=", self.lot_id.id),
                    ("state", "=", "done"),
                    ("company_id", "=", self.company_id.id),
                    "|",
                    ("move_id.loco_offer_line_id", "!=", False),
                    ("move_id.loco_exchange_direction", "=", "in"),
                ],
                order="date desc, id desc",
                limit=1,
            )
        )
        return move_line.move_id

    def _loco_donation_share(self):
        """(kg, value) of the donated food this line moves: its share of the move
        that brought the lot in."""
        self.ensure_one()
        origin = self._loco_origin_move()
        if not origin:
            return self.weight_kg, 0.0
        received = origin.product_uom._compute_quantity(origin.quantity, self.uom_id)
        return (
            policy.prorate(origin.loco_weight_kg, received, self.quantity),
            round(policy.prorate(origin.loco_donation_value, received, self.quantity), 2),
        )

    def _prepare_move_vals(self, picking, direction):
        """The move of this line in ``picking`` ("out" of the sending hub, "in" the
        receiving one), carrying the donation kg and value of the food."""
        self.ensure_one()
        weight, value = self._loco_donation_share()
        vals = {
            "name": self.product_id.display_name,
            "product_id": self.product_id.id,
            "product_uom_qty": self.quantity,
            "product_uom": self.uom_id.id,
            "location_id": picking.location_id.id,
            "location_dest_id": picking.location_dest_id.id,
            "picking_id": picking.id,
            "company_id": picking.company_id.id,
            "loco_exchange_line_id": self.id,
            "loco_exchange_direction": direction,
            "loco_weight_kg": weight,
            "loco_donation_value": value,
            "loco_value_source": self._loco_origin_move().loco_value_source or False,
        }
        if direction == "out":
            vals["move_line_ids"] = [
                fields.Command.create(ml_vals) for ml_vals in self._loco_out_move_line_vals(picking)
            ]
        return vals

    def _loco_out_move_line_vals(self, picking):
        """Reservations of exactly this line's lot, from its free quants in the
        sending hub's stock (quarantine apart)."""
        self.ensure_one()
        todo, vals_list = self.quantity, []
        stock = self.exchange_id.from_hub_id.sudo().lot_stock_id
        quants = self._loco_free_quants().filtered(
            lambda quant: not quant.location_id.loco_quarantine
            and quant.location_id._child_of(stock)
        )
        for quant in quants.sorted(lambda quant: (quant.location_id.id, quant.id)):
            free = quant.quantity - quant.reserved_quantity
            take = min(free, todo)
            if take <= 0:
                continue
            vals_list.append(
                {
                    "product_id": self.product_id.id,
                    "product_uom_id": self.uom_id.id,
                    "location_id": quant.location_id.id,
                    "location_dest_id": picking.location_dest_id.id,
                    "lot_id": self.lot_id.id,
                    "package_id": quant.package_id.id,
                    "owner_id": quant.owner_id.id,
                    "quantity": take,
                    "picking_id": picking.id,
                    "company_id": picking.company_id.id,
                }
            )
            todo -= take
            if todo <= 0:
                break
        return vals_list

    def _loco_receiving_lot(self):
        """The lot of the receiving organisation with this line's lot name and dates:
        the sender's own when it belongs to no organisation, else the receiving
        organisation's lot of that name (created, marked as coming by exchange)."""
        self.ensure_one()
        lot = self.lot_id.sudo()
        company = self.exchange_id.to_company_id
        if not lot.company_id or lot.company_id == company:
            return lot
        Lot = self.env["stock.lot"].sudo()._loco_workflow()
        existing = Lot.search(
            [
                ("name", "=", lot.name),
                ("product_id", "=", lot.product_id.id),
                ("company_id", "=", company.id),
            ],
            limit=1,
        )
        if existing:
            return existing
        return Lot.with_company(company).create(self._prepare_receiving_lot_vals(lot, company))

    def _prepare_receiving_lot_vals(self, lot, company):
        vals = {
            "name": lot.name,
            "product_id": lot.product_id.id,
            "company_id": company.id,
            "loco_origin": "exchange",
        }
        vals.update({fname: lot[fname] for fname in LOT_COPIED_FIELDS})
        return vals
