import psycopg2

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL


class LocoWorkflowMixin(models.AbstractModel):
    """Documents whose state changes through public actions (offers, orders): each
    action locks its rows, re-reads the state, leaves alone what is already done (a
    second click does nothing) and refuses what is in a wrong state."""

    _name = "loco.workflow.mixin"
    _description = "LOCO document with locked state changes"

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _loco_wrong_state_message(self, action):
        """The translated sentence refusing ``action`` for this record."""
        raise NotImplementedError

    def _loco_busy_message(self):
        raise NotImplementedError

    def _loco_lock(self, action, allowed, done, nowait=False):
        """Lock the records against a second click or a concurrent user and return
        those ``action`` applies to."""
        if not self:
            return self
        query = SQL(
            "SELECT id FROM %s WHERE id IN %s FOR UPDATE%s",
            SQL.identifier(self._table),
            tuple(self.ids),
            SQL(" NOWAIT") if nowait else SQL(""),
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
        return todo
