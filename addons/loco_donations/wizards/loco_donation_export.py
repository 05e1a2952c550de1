# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import os
import tempfile
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.loco_hubs.tools.dates import loco_today, loco_tz, utc_start_of

from ..report.donation_xlsx import DonationWorkbook

DETAIL_BATCH = 20000
EXPORT_GROUPS = ("loco_donations.group_loco_accountant", "loco_hubs.group_loco_coordinator")


class LocoDonationExport(models.TransientModel):
    _name = "loco.donation.export"
    _inherit = ["loco.guard.mixin", "loco.background.mixin"]
    _description = "Export donation valuations"

    date_from = fields.Date(required=True, default=lambda self: loco_today(self.env).replace(day=1))
    date_to = fields.Date(required=True, default=lambda self: loco_today(self.env))
    hub_ids = fields.Many2many("stock.warehouse", string="Hubs", domain=[("loco_hub", "=", True)])
    donor_ids = fields.Many2many("res.partner", string="Donors", domain=[("loco_donor", "=", True)])
    file_data = fields.Binary(readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise UserError(self.env._("The export period ends before it starts."))

    def _check_export_access(self):
        if not self.env.su and not any(self.env.user.has_group(group) for group in EXPORT_GROUPS):
            raise AccessError(self.env._("Only accountants and coordinators export donations."))

    def _moves_domain(self):
        self.ensure_one()
        domain = [
            *self.env["stock.move"]._loco_valuation_domain(),
            ("company_id", "in", self.env.companies.ids),
            ("date", ">=", utc_start_of(self.env, self.date_from)),
            ("date", "<", utc_start_of(self.env, self.date_to + timedelta(days=1))),
        ]
        if self.hub_ids:
            domain.append(("loco_hub_id", "in", self.hub_ids.ids))
        if self.donor_ids:
            domain.append(("loco_donor_id", "in", self.donor_ids.ids))
        return domain

    def action_export(self):
        self.ensure_one()
        self._check_export_access()
        self.write(
            {
                "file_data": base64.b64encode(self._loco_workbook_bytes()),
                "file_name": self._loco_file_name(),
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file_data/{self.file_name}?download=true",
            "target": "self",
        }

    def action_export_in_background(self):
        """Queue the export (channel ``root.loco_export``, never in the way of the
        nightly sweep): the file lands in the user's inbox when it is ready."""
        self.ensure_one()
        self._check_export_access()
        self._loco_delay(
            "_loco_export_job",
            self.date_from,
            self.date_to,
            sorted(self.hub_ids.ids),
            sorted(self.donor_ids.ids),
        )
        return self._loco_queued_notification(
            self.env._("The export runs in the background: the file will be in your inbox.")
        )

    @api.model
    def _loco_export_job(self, date_from, date_to, hub_ids, donor_ids):
        """Write the workbook of this period as the user who asked for it, keep it as
        an attachment of theirs and send it to their inbox."""
        self._check_export_access()
        wizard = self.create(
            {
                "date_from": date_from,
                "date_to": date_to,
                "hub_ids": [Command.set(hub_ids)],
                "donor_ids": [Command.set(donor_ids)],
            }
        )
        name = wizard._loco_file_name()
        # attached to no record: only the user who made it (and administrators) reads it
        attachment = self.env["ir.attachment"].create(
            {"name": name, "raw": wizard._loco_workbook_bytes()}
        )
        self._loco_tell_user(
            self.env._("Donation export %(name)s", name=name),
            self.env._(
                "Your donation export from %(date_from)s to %(date_to)s is ready.",
                date_from=wizard.date_from,
                date_to=wizard.date_to,
            ),
            attachment,
        )
        return attachment

    def _loco_file_name(self):
        return f"donations-{self.date_from}-{self.date_to}.xlsx"

    def _loco_workbook_bytes(self):
        """The workbook's content (written to a temporary file, then read)."""
        path = self._loco_write_workbook()
        try:
            with open(path, "rb") as handle:
                return handle.read()
        finally:
            os.unlink(path)

    def _loco_headers(self):
        """The workbook's sheet names and column titles, by key."""
        return {
            "summary": self.env._("Summary"),
            "detail": self.env._("Detail"),
            "by_donor": self.env._("By donor"),
            "by_hub": self.env._("By hub"),
            "by_category": self.env._("By category"),
            "breakdown": self.env._("Breakdown"),
            "name": self.env._("Name"),
            "total": self.env._("Total"),
            "kg": self.env._("Kg"),
            "value": self.env._("Value"),
            "date": self.env._("Date"),
            "offer": self.env._("Offer"),
            "donor": self.env._("Donor"),
            "vat": self.env._("VAT number"),
            "hub": self.env._("Hub"),
            "product": self.env._("Product"),
            "category": self.env._("Category"),
            "lot": self.env._("Lot"),
            "quantity": self.env._("Quantity"),
            "unit": self.env._("Unit"),
            "unit_value": self.env._("Unit value"),
            "dlc": self.env._("DLC"),
            "ddm": self.env._("DDM"),
            "period": self.env._("Period"),
            "documents": self.env._("VAT documents"),
            "number": self.env._("Number"),
            "document": self.env._("Document"),
            "status": self.env._("Status"),
            "issued": self.env._("Issued on"),
            "from": self.env._("Donations from"),
            "to": self.env._("Donations to"),
            "corrects": self.env._("Corrects"),
        }

    def _loco_write_workbook(self):
        """Write the workbook to a temporary file and return its path."""
        self.ensure_one()
        handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="loco-donations-")
        os.close(handle)
        try:
            self._loco_fill_workbook(
                DonationWorkbook(path, self._loco_headers(), self.env.company.currency_id.symbol)
            )
        except Exception:
            os.unlink(path)
            raise
        return path

    def _loco_fill_workbook(self, book):
        """Write the summary, the detail and the VAT documents into ``book``."""
        Move = self.env["stock.move"].sudo()
        domain = self._moves_domain()
        sections = []
        directions = dict(Move._fields["loco_exchange_direction"]._description_selection(self.env))
        for key, groupby in (
            ("by_donor", "loco_donor_id"),
            ("by_hub", "loco_hub_id"),
            ("by_category", "loco_categ_id"),
        ):
            # food exchanged with another organisation is its own row: it was given by
            # no donor of this organisation (sent: it leaves this organisation's count)
            groups = Move._read_group(
                domain,
                [groupby, "loco_exchange_direction"],
                ["loco_held_kg:sum", "loco_held_value:sum"],
            )
            totals = {}
            for record, direction, kg, value in groups:
                label = record.display_name or directions.get(direction, "")
                previous = totals.get(label, (0.0, 0.0))
                totals[label] = (previous[0] + kg, previous[1] + value)
            rows = sorted(
                ((label, kg, value) for label, (kg, value) in totals.items()),
                key=lambda r: r[0] or "",
            )
            sections.append((key, rows))
        period = f"{self.date_from} – {self.date_to}"
        book.write_summary(self.env._("Donations"), period, sections)
        # the moves' ids, in one scan of the period (a year: 1.5 million, some 50 MB)
        ids = Move._search(domain, order="id").get_result_ids()
        book.write_detail(len(ids), self._loco_detail_rows(Move, ids))
        book.write_documents(self._loco_document_rows())
        book.close()

    def _loco_document_rows(self):
        """The donors' VAT documents of the organisations issued in the period."""
        Document = self.env["loco.vat.document"].sudo()
        domain = [
            ("company_id", "in", self.env.companies.ids),
            ("state", "in", ("issued", "cancelled")),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        if self.donor_ids:
            domain.append(("donor_id", "in", self.donor_ids.ids))
        kinds = dict(Document._fields["kind"]._description_selection(self.env))
        states = dict(Document._fields["state"]._description_selection(self.env))
        for document in Document.search(domain, order="name"):
            yield {
                "number": document.name,
                "document": kinds[document.kind],
                "status": states[document.state],
                "issued": document.date,
                "donor": document.donor_id.name,
                "vat": document.donor_id.vat,
                "from": document.date_from,
                "to": document.date_to,
                "kg": document.total_kg,
                "value": document.total_value,
                "corrects": document.replaces_id.name,
            }

    def _loco_detail_rows(self, Move, ids):
        """Detail rows (tuples in the order of the detail's columns) of the moves
        ``ids``, in batches of DETAIL_BATCH moves read by one SQL query each (with
        their offer, exchange, offer line and lots joined): memory stays flat and no
        record is built per row. Names that are translated or computed (products,
        units) come from the ORM, once per record."""
        directions = dict(Move._fields["loco_exchange_direction"]._description_selection(self.env))
        names = _NameCache(self.env)
        tz = loco_tz(self.env).zone
        self.env.flush_all()
        # a batch runs in some 0.3 s, but its estimated cost made PostgreSQL compile it
        # first (JIT, 0.7 s a batch on the national data set): not for this transaction
        self.env.cr.execute("SET LOCAL jit = off")
        for start in range(0, len(ids), DETAIL_BATCH):
            self.env.cr.execute(
                SQL(
                    """
                    SELECT m.id, (m.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
                           COALESCE(o.name, x.name), m.loco_donor_id, m.loco_hub_id,
                           m.product_id, m.quantity, m.product_uom, m.loco_held_kg,
                           m.loco_held_value, m.loco_exchange_direction, l.dlc, l.ddm,
                           (SELECT array_agg(lot.name ORDER BY ml.id)
                              FROM stock_move_line ml JOIN stock_lot lot ON lot.id = ml.lot_id
                             WHERE ml.move_id = m.id)
                      FROM stock_move m
                      -- looked up by id for each move (LIMIT keeps them lookups): joined
                      -- by hash, PostgreSQL read every offer line of the year each batch
                 LEFT JOIN LATERAL (SELECT name FROM loco_donation_offer
                                     WHERE id = m.loco_offer_id LIMIT 1) o ON TRUE
                 LEFT JOIN LATERAL (SELECT name FROM loco_exchange
                                     WHERE id = m.loco_exchange_id LIMIT 1) x ON TRUE
                 LEFT JOIN LATERAL (SELECT dlc, ddm FROM loco_donation_offer_line
                                     WHERE id = m.loco_offer_line_id LIMIT 1) l ON TRUE
                     WHERE m.id = ANY(%(ids)s)
                  ORDER BY m.id
                    """,
                    tz=tz,
                    ids=list(ids[start : start + DETAIL_BATCH]),
                )
            )
            rows = self.env.cr.fetchall()
            names.load(rows)
            for (
                _id,
                day,
                reference,
                donor_id,
                hub_id,
                product_id,
                quantity,
                uom_id,
                held_kg,
                held_value,
                direction,
                dlc,
                ddm,
                lots,
            ) in rows:
                donor_name, donor_vat = names.donors.get(donor_id, (None, None))
                # in the order of the detail's columns (DETAIL_COLUMNS)
                yield (
                    day,
                    reference,
                    donor_name or directions.get(direction),
                    donor_vat,
                    names.hubs.get(hub_id),
                    names.products[product_id],
                    ", ".join(dict.fromkeys(lots)) if lots else None,
                    quantity,
                    names.uoms[uom_id],
                    held_kg,
                    held_value / quantity if quantity else 0.0,
                    held_value,
                    dlc,
                    ddm,
                )


class _NameCache:
    """The names of the records the detail rows point to, read through the ORM (in the
    user's language) the first time a batch meets them."""

    def __init__(self, env):
        self.env = env
        self.donors, self.hubs, self.products, self.uoms = {}, {}, {}, {}

    def load(self, rows):
        env = self.env

        def missing(cache, index):
            return {row[index] for row in rows if row[index] and row[index] not in cache}

        for partner in env["res.partner"].sudo().browse(missing(self.donors, 3)):
            self.donors[partner.id] = (partner.name, partner.vat)
        for hub in env["stock.warehouse"].sudo().browse(missing(self.hubs, 4)):
            self.hubs[hub.id] = hub.name
        for product in env["product.product"].sudo().browse(missing(self.products, 5)):
            self.products[product.id] = product.display_name
        for uom in env["uom.uom"].sudo().browse(missing(self.uoms, 7)):
            self.uoms[uom.id] = uom.name
