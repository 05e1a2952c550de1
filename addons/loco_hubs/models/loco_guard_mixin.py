# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import math
from datetime import date, datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import values

# no date of a LOCO document is older than this or further than this many years ahead
EARLIEST_YEAR = 1990
MAX_YEARS_AHEAD = 10
# the Odoo models LOCO extends (lots, moves, partners...) serve other apps too: a wider
# range, which still refuses what breaks date arithmetic (9999-12-31, year 1)
ODOO_MODEL_YEARS = (1900, 2200)
# no quantity, weight, value or reading LOCO keeps comes near it
MAX_MAGNITUDE = 1e12
# a number of days LOCO counts with (grace, urgency, periods): ten years at most
MAX_DAYS = 3650

# Context value carried by the records an action locked: only the workflow's own code
# holds it (an RPC caller cannot send a Python object), so it alone may write the
# fields a document keeps for its workflow.
WORKFLOW = object()


def loco_date_bounds():
    """The first and last plausible day of a date on a LOCO document."""
    return date(EARLIEST_YEAR, 1, 1), values.years_after(date.today(), MAX_YEARS_AHEAD)


def in_workflow(env):
    """Whether ``env`` acts for a document's workflow (or is the superuser's)."""
    return env.su or env.context.get("loco_workflow") is WORKFLOW


class LocoGuardMixin(models.AbstractModel):
    """What may be written, by whom, in which state: the one mechanism of LOCO.

    Every LOCO model, and every Odoo model LOCO adds facts to, inherits it. It refuses,
    before anything is written:

    - values no field can hold (NaN or infinite numbers, dates centuries away, ids of
      records that do not exist);
    - fields the current user may not write on these records in their current state,
      as ``_loco_forbidden_fields`` says. A model extends that method
      (``super() | its own rule``), like ``res.users.SELF_WRITEABLE_FIELDS``.

    The superuser and LOCO's own workflow code (records from ``_loco_workflow()``)
    write what they must."""

    _name = "loco.guard.mixin"
    _description = "LOCO guard of written values and writable fields"
    # check that many2one ids exist (LOCO's documents; not Odoo's hot stock paths)
    _loco_check_ids = False
    # integer fields that count days, added to dates: 0 to MAX_DAYS
    _loco_day_fields = ()
    # evidence: records that stay as they were written (no user changes a field)
    _loco_evidence = False
    # records only LOCO's own steps create (a user creates none)
    _loco_made_by_loco = False

    def _loco_workflow(self):
        """These records, for LOCO's own steps: allowed to write what the guard keeps
        from users (never reachable over RPC: the marker is a Python object)."""
        return self.with_context(loco_workflow=WORKFLOW)

    def _loco_in_company_lang(self):
        """These records in the language of their company (the first record's, else
        the current one's), for the texts stored on them: a refusal reason or a
        notice reads the same whoever clicked."""
        company = self[:1].company_id if "company_id" in self._fields else None
        lang = (company or self.env.company).sudo().partner_id.lang
        return self.with_context(lang=lang) if lang else self

    @api.model_create_multi
    def create(self, vals_list):
        self._loco_guard_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._loco_guard_write(vals)
        return super().write(vals)

    @api.model
    def _loco_guard_create(self, vals_list):
        """The checks of ``create``; a model whose own ``create`` reads the values
        first calls it at its start."""
        if not in_workflow(self.env):
            self._loco_check_values(vals_list)
            self._loco_refuse_fields(self._loco_forbidden_create_fields(vals_list))

    def _loco_guard_write(self, vals):
        """The checks of ``write`` (see ``_loco_guard_create``)."""
        if not in_workflow(self.env):
            self._loco_check_values([vals])
            if self:
                self._loco_refuse_fields(self._loco_forbidden_fields(set(vals)))

    def _loco_forbidden_fields(self, fnames):
        """Of ``fnames``, the fields the current user may not write on these records
        now (every one on evidence). Extend with
        ``super()._loco_forbidden_fields(fnames) | {...}``."""
        return set(fnames) if self._loco_evidence else set()

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        """Of the fields given to new records, those the current user may not set
        (every one where only LOCO creates the records)."""
        if self._loco_made_by_loco:
            return {fname for vals in vals_list for fname in vals}
        return set()

    @api.model
    def _loco_set_otherwise(self, vals_list, starts):
        """Of ``starts`` ({field: the value a new record starts with}), the fields
        ``vals_list`` sets to anything else."""
        return {
            fname
            for vals in vals_list
            for fname, start in starts.items()
            if fname in vals and (vals[fname] or False) != start
        }

    def _loco_refuse_fields(self, fnames):
        if fnames:
            raise AccessError(self._loco_forbidden_message(fnames))

    def _loco_field_labels(self, fnames):
        """'Label, Label' of the fields ``fnames``, in the user's language."""
        return ", ".join(
            sorted(self._fields[fname]._description_string(self.env) for fname in fnames)
        )

    @api.model
    def _loco_quantity_not_positive_message(self, product):
        """The refusal of a line of ``product`` (its name) with no quantity."""
        return self.env._("The quantity of %(product)s must be more than zero.", product=product)

    def _loco_workflow_fields_message(self, fnames):
        """The refusal of a write on fields only a document's actions change."""
        return self.env._(
            "%(fields)s change only through the document's buttons (submit, confirm, cancel...).",
            fields=self._loco_field_labels(fnames),
        )

    def _loco_forbidden_message(self, fnames):
        """The sentence refusing a write of the fields ``fnames``."""
        return self.env._(
            "%(fields)s cannot be changed by hand on %(model)s: LOCO sets them from the "
            "food-safety rules and its own steps, or the record is evidence that stays as "
            "it was.",
            fields=self._loco_field_labels(fnames),
            model=self._description,
        )

    @api.model
    def _loco_check_values(self, vals_list):
        """Refuse NaN and infinite numbers, absurd dates and unknown ids."""
        earliest, latest = self._loco_date_bounds()
        for vals in vals_list:
            for fname, value in vals.items():
                field = self._fields.get(fname)
                if field is None or value is None or value is False:
                    continue
                if field.type in ("float", "monetary", "integer"):
                    self._loco_check_number(field, value)
                elif field.type in ("date", "datetime"):
                    self._loco_check_date(field, value, earliest, latest)
                elif field.type == "many2one" and self._loco_check_ids:
                    self._loco_check_id(field, value)
                elif (
                    field.type in ("char", "text")
                    and self._name.startswith("loco.")
                    and not isinstance(value, str)
                ):
                    # the ORM would store the text of a list or a number as it is
                    raise ValidationError(
                        self.env._(
                            "%(field)s must be text, not %(value)s.",
                            field=field._description_string(self.env),
                            value=str(value)[:40],
                        )
                    )
                elif field.type in ("one2many", "many2many") and isinstance(value, list | tuple):
                    # lines created or updated with their parent reach the ORM (its
                    # computes and roundings) before their own create: checked here
                    nested = [
                        command[2]
                        for command in value
                        if isinstance(command, list | tuple)
                        and len(command) == 3
                        and command[0] in (0, 1)
                        and isinstance(command[2], dict)
                    ]
                    if nested:
                        Lines = self.env[field.comodel_name]
                        checker = getattr(Lines, "_loco_check_values", None)
                        if checker is not None:
                            checker(nested)
                    if self._loco_check_ids:
                        for record_id in self._loco_linked_ids(value):
                            self._loco_check_id(field, record_id)

    @staticmethod
    def _loco_linked_ids(commands):
        """The ids an x2many value links (link and set commands)."""
        linked = []
        for command in commands:
            if not isinstance(command, list | tuple) or not command:
                continue
            if command[0] == 4 and len(command) >= 2:
                linked.append(command[1])
            elif command[0] == 6 and len(command) == 3 and isinstance(command[2], list | tuple):
                linked.extend(command[2])
        return linked

    @api.model
    def _loco_date_bounds(self):
        """The first and last plausible day of a date written on this model."""
        if self._name.startswith("loco."):
            return loco_date_bounds()
        first, last = ODOO_MODEL_YEARS
        return date(first, 1, 1), date(last, 12, 31)

    def _loco_check_number(self, field, value):
        """A finite number no LOCO figure comes near (nor PostgreSQL's integers); text
        is read as the ORM would read it ("12", but not "abc", "nan" nor "1e400"), any
        other type refused with a sentence rather than the ORM's error."""
        if isinstance(value, bool):
            return
        sent = value
        if not isinstance(value, int | float):
            try:
                value = (int if field.type == "integer" else float)(value)
            except (TypeError, ValueError, OverflowError):
                value = math.nan  # refused below, with the value as sent
        if field.name in self._loco_day_fields and not 0 <= value <= MAX_DAYS:
            raise ValidationError(
                self.env._(
                    "%(field)s counts days: between 0 and %(max)s, not %(value)s.",
                    field=field._description_string(self.env),
                    max=MAX_DAYS,
                    value=str(sent)[:40],
                )
            )
        limit = values.MAX_ID if field.type == "integer" else MAX_MAGNITUDE
        if isinstance(value, float) and not math.isfinite(value) or abs(value) > limit:
            raise ValidationError(
                self.env._(
                    "%(field)s must be a number, not %(value)s.",
                    field=field._description_string(self.env),
                    value=str(sent)[:40],
                )
            )

    def _loco_check_date(self, field, value, earliest, latest):
        try:
            day = (
                fields.Datetime.to_datetime(value)
                if field.type == "datetime"
                else fields.Date.to_date(value)
            )
        except (ValueError, TypeError) as error:
            raise ValidationError(
                self.env._(
                    "%(field)s: %(value)s is not a date.",
                    field=field._description_string(self.env),
                    value=str(value)[:40],
                )
            ) from error
        if isinstance(day, datetime):
            day = day.date()
        if not earliest <= day <= latest:
            raise ValidationError(
                self.env._(
                    "%(field)s: %(date)s is not a plausible date (it must lie between "
                    "%(earliest)s and %(latest)s).",
                    field=field._description_string(self.env),
                    date=day,
                    earliest=earliest,
                    latest=latest,
                )
            )

    def _loco_check_id(self, field, value):
        """A forged or stale id gets a clear message before the database refuses it
        less kindly."""
        if isinstance(value, models.BaseModel):
            return
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise UserError(
                self.env._(
                    "%(field)s: %(value)s is not a record id.",
                    field=field._description_string(self.env),
                    value=str(value)[:40],
                )
            )
        if value > values.MAX_ID or not self.env[field.comodel_name].browse(value).exists():
            raise UserError(
                self.env._(
                    "The %(label)s you chose (id %(id)s) does not exist, or was deleted meanwhile.",
                    label=field._description_string(self.env),
                    id=value,
                )
            )
