# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..policy import shelf_life

SHELF_LIFE_GROUPS = [
    ("very_long", "Very long"),
    ("long", "Long"),
    ("limited", "Limited"),
    ("short", "Short"),
]


class LocoShelfLifeRule(models.Model):
    """AFSCA shelf-life group: how long food may still be given after its DDM."""

    _name = "loco.shelf.life.rule"
    _inherit = ["loco.guard.mixin"]
    _loco_day_fields = ("grace_days",)
    _description = "LOCO shelf-life group"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    code = fields.Selection(SHELF_LIFE_GROUPS, required=True, index=True)
    name = fields.Char(required=True, translate=True)
    grace_days = fields.Integer(
        string="Grace after DDM (days)",
        help="How many days after its best-before date (DDM) food of this group may "
        "still be distributed.",
    )
    hard_limit = fields.Boolean(
        string="Refused once past DDM",
        help="Food of this group is never distributed after its best-before date.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each shelf-life group has one rule."),
    ]

    @api.constrains("grace_days", "hard_limit")
    def _check_grace(self):
        for rule in self:
            if rule.grace_days < 0:
                raise ValidationError(
                    self.env._("The grace after the best-before date (DDM) cannot be negative.")
                )
            if rule.hard_limit and rule.grace_days:
                raise ValidationError(
                    self.env._(
                        "The shelf-life group %(group)s is refused once past its best-before date: "
                        "its grace must be 0 days.",
                        group=rule.name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if {"grace_days", "hard_limit", "code"} & vals.keys():
            lots = self.env["stock.lot"].search(
                [("product_id.categ_id.loco_shelf_life_group", "in", self.mapped("code"))]
            )
            lots._loco_apply_dates()
        return res

    @api.model
    def _policy_rules(self):
        """{group code: policy ShelfLifeRule}, read once for a whole batch of lots."""
        rules = self.sudo().search_fetch([], ["code", "grace_days", "hard_limit"])
        return {
            rule.code: shelf_life.ShelfLifeRule(rule.grace_days, rule.hard_limit) for rule in rules
        }
