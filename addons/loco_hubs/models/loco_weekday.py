# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class LocoWeekday(models.Model):
    """A day of the week, to say on which days an association picks up its food or
    is delivered (data: the seven days, in each language)."""

    _name = "loco.weekday"
    _description = "Day of the week"
    _order = "number"

    name = fields.Char(required=True, translate=True)
    number = fields.Integer(required=True, help="0 for Monday to 6 for Sunday.")

    _sql_constraints = [("number_uniq", "unique(number)", "Each day of the week once.")]
