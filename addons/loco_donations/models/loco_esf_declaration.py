# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.loco_hubs.models.loco_guard_mixin import in_workflow
from odoo.addons.loco_hubs.tools import values
from odoo.addons.loco_hubs.tools.dates import loco_today

from ..policy import fead

RECIPIENT_FIELDS = (fead.TOTAL, *fead.BREAKDOWNS)


class LocoEsfDeclaration(models.Model):
    """The end recipients of food support an association served in a month, as the
    ESF+ asks them of the organisations distributing European aid (common result
    indicator 2.1 of Annex III of Regulation (EU) 2021/1057, with its breakdowns).
    Associations declare them on the portal, or hub staff enter what they were told;
    each change is kept in the chatter."""

    _name = "loco.esf.declaration"
    _inherit = ["loco.guard.mixin", "mail.thread"]
    _description = "ESF+ end recipients"
    _order = "month desc, partner_id"
    _loco_check_ids = True
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        string="Organisation",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Association",
        required=True,
        index=True,
        domain=[("loco_association", "=", True), ("loco_fead", "=", True)],
    )
    month = fields.Date(
        required=True, index=True, help="The month served: its first day stands for it."
    )
    recipients_total = fields.Integer(string="End recipients", tracking=True)
    recipients_children = fields.Integer(string="Children below 18", tracking=True)
    recipients_young = fields.Integer(string="Young people aged 18 to 29", tracking=True)
    recipients_women = fields.Integer(string="Women", tracking=True)
    recipients_aged = fields.Integer(string="Aged 65 and above", tracking=True)
    recipients_disabled = fields.Integer(
        string="With disabilities", tracking=True, help="An informed estimate is enough."
    )
    recipients_third_country = fields.Integer(
        string="Third-country nationals", tracking=True, help="An informed estimate is enough."
    )
    recipients_foreign_minority = fields.Integer(
        string="Foreign background or minorities",
        tracking=True,
        help="Including marginalised communities such as the Roma; an informed estimate is enough.",
    )
    recipients_homeless = fields.Integer(
        string="Homeless or affected by housing exclusion",
        tracking=True,
        help="An informed estimate is enough.",
    )
    declared_by = fields.Many2one("res.users", string="Declared by", readonly=True)
    declared_date = fields.Datetime(string="Declared on", readonly=True)

    _sql_constraints = [
        (
            "month_uniq",
            "unique(company_id, partner_id, month)",
            "An association declares its end recipients once per month and organisation.",
        )
    ]

    @api.depends("partner_id", "month")
    def _compute_display_name(self):
        for declaration in self:
            declaration.display_name = (
                f"{declaration.partner_id.display_name} — "
                f"{declaration.month and declaration.month.strftime('%Y-%m')}"
            )

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        return super()._loco_forbidden_create_fields(vals_list) | {
            fname
            for vals in vals_list
            for fname in ("declared_by", "declared_date")
            if fname in vals
        }

    def _loco_forbidden_fields(self, fnames):
        return super()._loco_forbidden_fields(fnames) | (fnames & {"declared_by", "declared_date"})

    @api.model_create_multi
    def create(self, vals_list):
        self._loco_guard_create(vals_list)
        for vals in vals_list:
            self._loco_normalise(vals)
        # checked above: what the normalisation adds is LOCO's own
        records = super(LocoEsfDeclaration, self._loco_workflow()).create(vals_list)
        return records.with_env(self.env)

    def write(self, vals):
        self._loco_guard_write(vals)
        self._loco_normalise(vals)
        return super(LocoEsfDeclaration, self._loco_workflow()).write(vals)

    def _loco_normalise(self, vals):
        """A month is kept as its first day; who declared is whoever last wrote the
        counts."""
        if vals.get("month"):
            # a date the guard has let through (or LOCO's own)
            vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        if set(vals) & set(RECIPIENT_FIELDS) and not in_workflow(self.env):
            vals.setdefault("declared_by", self.env.uid)
            vals.setdefault("declared_date", fields.Datetime.now())

    @api.constrains("month", *RECIPIENT_FIELDS)
    def _check_recipients(self):
        this_month = loco_today(self.env).replace(day=1)
        for declaration in self:
            if declaration.month > this_month:
                raise ValidationError(
                    self.env._(
                        "End recipients are declared for a month that has begun, not for "
                        "%(month)s.",
                        month=declaration.month.strftime("%Y-%m"),
                    )
                )
            refusal = fead.declaration_refusal(
                {fname: declaration[fname] for fname in RECIPIENT_FIELDS}
            )
            if refusal:
                raise ValidationError(declaration._loco_refusal_message(*refusal))

    def _loco_refusal_message(self, code, fname):
        label = fname and self._fields[fname]._description_string(self.env)
        if code == fead.NEGATIVE:
            return self.env._("%(field)s cannot be negative.", field=label)
        if code == fead.TOO_MANY:
            return self.env._(
                "%(field)s: no association serves more than %(max)s people.",
                field=label,
                max=fead.MAX_RECIPIENTS,
            )
        if code == fead.BREAKDOWN_ABOVE_TOTAL:
            return self.env._(
                "%(field)s counts some of the end recipients: it cannot be more than their "
                "total (%(total)s).",
                field=label,
                total=self.recipients_total,
            )
        return self.env._(
            "Children, young people and people aged 65 and above are different people: "
            "together they cannot be more than the end recipients (%(total)s).",
            total=self.recipients_total,
        )

    @api.model
    def _loco_portal_declare(self, user, association, items):
        """The volunteer ``user`` of ``association`` declares its end recipients of a
        month (``items``: the posted form). The same form sent twice changes nothing
        more; a month declared before is updated, in its history."""
        if user._is_public() or user.partner_id.commercial_partner_id != association:
            raise UserError(self.env._("Log in as a volunteer of your association to declare."))
        if not association.loco_fead or not association.loco_hub_id:
            raise UserError(
                self.env._(
                    "%(association)s is not recognised for European aid: it has no end "
                    "recipients to declare.",
                    association=association.display_name,
                )
            )
        today = loco_today(self.env)
        try:
            month = values.month(
                values.single(items, "month"), values.years_after(today, -5), today
            )
        except values.BadValue as error:
            raise UserError(
                self.env._(
                    "Choose the month you declare among the last five years, up to this one."
                )
            ) from error
        if not month:
            raise UserError(self.env._("Choose the month you declare."))
        counts = {}
        for fname in RECIPIENT_FIELDS:
            try:
                count = values.number(
                    values.single(items, fname) or "0", maximum=fead.MAX_RECIPIENTS
                )
                if not count.is_integer():
                    raise values.BadValue(values.NOT_NUMBER, count)
            except values.BadValue as error:
                raise UserError(
                    self.env._(
                        "%(field)s: give a whole number of people, such as 0 or 120.",
                        field=self._fields[fname]._description_string(self.env),
                    )
                ) from error
            counts[fname] = int(count)
        company = association.loco_hub_id.company_id
        # a second click waits for the first and, retried, finds its declaration
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = write_date WHERE id = %s",
            [association.id],
            log_exceptions=False,
        )
        declaration = self.search(
            [
                ("company_id", "=", company.id),
                ("partner_id", "=", association.id),
                ("month", "=", month),
            ]
        )
        vals = {**counts, "declared_by": user.id, "declared_date": fields.Datetime.now()}
        declaration = declaration._loco_workflow().with_user(user).sudo()
        if declaration:
            declaration.write(vals)
        else:
            declaration = declaration.create(
                {**vals, "company_id": company.id, "partner_id": association.id, "month": month}
            )
        return declaration
