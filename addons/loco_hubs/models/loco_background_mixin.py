# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class LocoBackgroundMixin(models.AbstractModel):
    """Long work a user asks for, queued as an OCA queue_job job of theirs (it runs
    with their rights), and told in their inbox when it is done."""

    _name = "loco.background.mixin"
    _description = "LOCO work queued for later, told in the user's inbox"

    def _loco_delay(self, method, *args):
        """Queue ``method`` of this model with ``args`` as a job of the current user
        (on the channel of its job function); the same job of the same user, waiting
        already, is not queued twice."""
        identity = f"{self._name}.{method}:{self.env.uid}:{args}"
        getattr(self.browse().with_delay(identity_key=identity), method)(*args)

    @api.model
    def _loco_queued_notification(self, message, close=True):
        """The toast saying ``message`` (what was queued), closing the wizard
        (``close``) or staying on the record."""
        params = {"type": "info", "message": message, "sticky": False}
        if close:
            params["next"] = {"type": "ir.actions.act_window_close"}
        return {"type": "ir.actions.client", "tag": "display_notification", "params": params}

    @api.model
    def _loco_tell_user(self, subject, body, attachments=None):
        """Send ``body`` to the current user's inbox, with ``attachments``; they asked
        for the work, so they are told even though they are its author."""
        partner = self.env.user.partner_id
        partner.sudo().with_context(mail_notify_author=True).message_notify(
            partner_ids=partner.ids,
            subject=subject,
            body=body,
            attachment_ids=attachments.ids if attachments else [],
        )
