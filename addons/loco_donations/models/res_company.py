# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    loco_platform_approval = fields.Char(
        string="Distribution platform approval",
        help="The approval number of a recognised distribution platform (circular "
        "2026/C/22, section 4), printed on the donors' VAT documents.",
    )
