# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from ..policy import valuation

# what the receipt of an offer and its validation alone write on a move
DONATION_FIELDS = (
    "loco_offer_line_id",
    "loco_weight_kg",
    "loco_donation_value",
    "loco_value_source",
    "loco_exchange_line_id",
    "loco_exchange_direction",
)

# what a received donation's move keeps (and its move lines)
RECEIVED_FIELDS = {
    "quantity",
    "product_uom_qty",
    "product_id",
    "product_uom",
    "product_uom_id",
    "location_id",
    "location_dest_id",
    "lot_id",
    "lot_name",
    "date",
    "picked",
}

EXCHANGE_DIRECTIONS = [
    ("out", "Sent by exchange"),
    ("in", "Received by exchange"),
]

VALUE_SOURCES = [
    (valuation.DECLARED, "Declared by the donor"),
    (valuation.STANDARD_PRICE, "Product cost"),
    (valuation.PER_KG, "Category value per kg"),
    (valuation.NONE, "No value"),
]


class StockMove(models.Model):
    _inherit = "stock.move"

    loco_offer_line_id = fields.Many2one(
        "loco.donation.offer.line",
        string="Offer line",
        readonly=True,
        # a return is not a donation: it must not be valued and exported again
        copy=False,
        index="btree_not_null",
    )
    # stored for the accountants' reports (pivot, graph, XLSX)
    loco_offer_id = fields.Many2one(
        related="loco_offer_line_id.offer_id", store=True, string="Donor offer"
    )
    loco_donor_id = fields.Many2one(
        related="loco_offer_line_id.offer_id.donor_id", store=True, string="Donor"
    )
    loco_donor_type = fields.Selection(
        related="loco_donor_id.loco_donor_type", store=True, string="Donor type"
    )
    loco_hub_id = fields.Many2one(
        "stock.warehouse",
        compute="_compute_loco_hub_id",
        store=True,
        precompute=True,
        string="Hub",
    )
    loco_exchange_line_id = fields.Many2one(
        "loco.exchange.line",
        string="Exchange line",
        readonly=True,
        # a return is not an exchange: it must not be counted again
        copy=False,
        index="btree_not_null",
    )
    loco_exchange_id = fields.Many2one(
        related="loco_exchange_line_id.exchange_id", store=True, string="Exchange"
    )
    loco_exchange_direction = fields.Selection(
        EXCHANGE_DIRECTIONS, string="Exchange direction", readonly=True, copy=False
    )
    # what the valuation export counts for the organisation of the move: food received
    # (a donation, or an exchange from another hub) counts, food sent away subtracts
    loco_held_kg = fields.Float(
        string="Held kg",
        compute="_compute_loco_held",
        store=True,
        precompute=True,
        digits="Stock Weight",
    )
    loco_held_value = fields.Monetary(
        string="Held value",
        compute="_compute_loco_held",
        store=True,
        precompute=True,
        currency_field="loco_currency_id",
    )
    loco_categ_id = fields.Many2one(
        related="product_id.categ_id", store=True, string="Food category"
    )
    loco_weight_kg = fields.Float(
        string="Donated kg", readonly=True, copy=False, digits="Stock Weight"
    )
    loco_donation_value = fields.Monetary(
        string="Donation value", readonly=True, copy=False, currency_field="loco_currency_id"
    )
    loco_value_source = fields.Selection(
        VALUE_SOURCES, string="Valued from", readonly=True, copy=False
    )
    loco_currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")

    @api.depends(
        "loco_offer_line_id.offer_id.hub_id",
        "loco_exchange_direction",
        "loco_exchange_line_id.exchange_id.from_hub_id",
        "loco_exchange_line_id.exchange_id.to_hub_id",
    )
    def _compute_loco_hub_id(self):
        for move in self:
            exchange = move.loco_exchange_line_id.exchange_id
            if move.loco_offer_line_id:
                move.loco_hub_id = move.loco_offer_line_id.offer_id.hub_id
            elif exchange:
                direction = move.loco_exchange_direction
                move.loco_hub_id = (
                    exchange.from_hub_id if direction == "out" else exchange.to_hub_id
                )
            else:
                move.loco_hub_id = False

    @api.depends("loco_weight_kg", "loco_donation_value", "loco_exchange_direction")
    def _compute_loco_held(self):
        for move in self:
            sign = -1 if move.loco_exchange_direction == "out" else 1
            move.loco_held_kg = sign * move.loco_weight_kg
            move.loco_held_value = sign * move.loco_donation_value

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        """A donation's move is made by the offer's acceptance (and its backorders),
        never created already linked or valued (over RPC, say)."""
        return super()._loco_forbidden_create_fields(vals_list) | {
            fname for vals in vals_list for fname in DONATION_FIELDS if vals.get(fname)
        }

    def _loco_forbidden_fields(self, fnames):
        """The accountants' figures (offer line, donated kg, value) are written by the
        offer's receipt and its validation only; a received donation is evidence:
        what arrived, where and when stays."""
        forbidden = super()._loco_forbidden_fields(fnames) | (fnames & set(DONATION_FIELDS))
        if any(
            move.state == "done" and (move.loco_offer_line_id or move.loco_exchange_line_id)
            for move in self
        ):
            forbidden |= fnames & RECEIVED_FIELDS
        return forbidden

    def _loco_forbidden_message(self, fnames):
        if fnames <= set(DONATION_FIELDS) or fnames <= RECEIVED_FIELDS:
            return self.env._(
                "%(fields)s: set by the offer's receipt and frozen when it is validated, never by "
                "hand.",
                fields=self._loco_field_labels(fnames),
            )
        return super()._loco_forbidden_message(fnames)

    @api.model
    def _prepare_merge_moves_distinct_fields(self):
        # one move per offer line: its lot, dates and value stay its own
        return [
            *super()._prepare_merge_moves_distinct_fields(),
            "loco_offer_line_id",
            "loco_exchange_line_id",
        ]

    def _prepare_move_split_vals(self, qty):
        vals = super()._prepare_move_split_vals(qty)
        line = self.loco_offer_line_id
        if line:
            vals["loco_offer_line_id"] = line.id
        if line and line.quantity:
            # a backorder carries the weight still expected, pro rata
            uom = self.env["uom.uom"].browse(vals.get("product_uom")) or self.product_uom
            vals["loco_weight_kg"] = (
                line.weight_kg * uom._compute_quantity(qty, line.uom_id) / line.quantity
            )
        return vals

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves.filtered(lambda m: m.state == "done" and m.loco_offer_line_id)._loco_freeze_value()
        return moves

    def _loco_freeze_value(self):
        """Freeze what each received move of a donation is worth, once."""
        for move in self.filtered(lambda m: not m.loco_value_source):
            line = move.loco_offer_line_id
            received = move.product_uom._compute_quantity(move.quantity, line.uom_id)
            ratio = received / line.quantity if line.quantity else 0.0
            weight = line.weight_kg * ratio
            product_qty = move.product_uom._compute_quantity(move.quantity, move.product_id.uom_id)
            value, source = valuation.donation_value(
                product_qty,
                weight,
                declared_value=valuation.prorate(line.declared_value, line.quantity, received),
                standard_price=move.product_id.standard_price,
                price_per_kg=move.product_id.categ_id.loco_value_per_kg,
            )
            # part of the validation the user was allowed to make
            move.sudo().write(
                {
                    "loco_weight_kg": weight,
                    "loco_donation_value": value,
                    "loco_value_source": source,
                }
            )

    @api.model
    def _loco_donation_domain(self):
        return [("loco_offer_line_id", "!=", False), ("state", "=", "done")]

    @api.model
    def _loco_valuation_domain(self):
        """The moves the valuation export counts: donations received, and the donated
        food exchanges take from one organisation to another."""
        return [
            ("state", "=", "done"),
            "|",
            ("loco_offer_line_id", "!=", False),
            ("loco_exchange_line_id", "!=", False),
        ]
