# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import psycopg2

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .loco_guard_mixin import in_workflow


class LocoWorkflowMixin(models.AbstractModel):
    """Documents whose state changes through public actions (offers, orders): each
    action locks its rows, re-reads the state, leaves alone what is already done (a
    second click does nothing) and refuses what is in a wrong state."""

    _name = "loco.workflow.mixin"
    _inherit = ["loco.guard.mixin"]
    _description = "LOCO document with locked state changes"
    _loco_check_ids = True
    # True: a second user clicking while the first is at work is told it is busy
    # instead of waiting for the lock
    _loco_lock_nowait = False
    # fields only the workflow writes (the actions, or the superuser)
    _loco_workflow_fields = ("state",)

    def _loco_in_workflow(self):
        return in_workflow(self.env)

    @api.model
    def _loco_forbidden_create_fields(self, vals_list):
        """A new record starts in its first state, with no workflow field set."""
        starts = dict.fromkeys(self._loco_workflow_fields, False)
        starts["state"] = self._fields["state"].default(self)
        return super()._loco_forbidden_create_fields(vals_list) | self._loco_set_otherwise(
            vals_list, starts
        )

    def _loco_forbidden_fields(self, fnames):
        """The workflow fields change through the actions only."""
        return super()._loco_forbidden_fields(fnames) | (fnames & set(self._loco_workflow_fields))

    def _loco_forbidden_message(self, fnames):
        return self._loco_workflow_fields_message(fnames)

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _loco_wrong_state_message(self, action):
        """The translated sentence refusing ``action`` for this record."""
        raise NotImplementedError

    def _loco_busy_message(self):
        raise NotImplementedError

    def _loco_lock(self, action, allowed, done):
        """Lock the records against a second click or a concurrent user and return
        those ``action`` applies to."""
        if not self:
            return self
        query = SQL(
            "SELECT id FROM %s WHERE id IN %s FOR UPDATE%s",
            SQL.identifier(self._table),
            tuple(self.ids),
            SQL(" NOWAIT") if self._loco_lock_nowait else SQL(""),
        )
        try:
            # in a savepoint: a lock refused (NOWAIT) must not abort the transaction,
            # which still has to tell the user who is busy
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query, log_exceptions=False)
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(self._loco_busy_message()) from error
        self.invalidate_recordset(["state"])
        todo = self.browse()
        for record in self:
            if record.state in done:
                continue
            if record.state not in allowed:
                raise UserError(record._loco_wrong_state_message(action))
            todo |= record
        return todo._loco_workflow()
