# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.queue_job.job import identity_exact

from ..policy import fair_share, proposals, service_area, shelf_life
from ..tools import geo
from ..tools.dates import local_date, loco_today, utc_start_of
from .loco_guard_mixin import WORKFLOW
from .product_category import TEMPERATURE_CLASSES

ZONE_FIELDS = {
    "ambient": "loco_ambient_location_id",
    "chilled": "loco_chilled_location_id",
    "frozen": "loco_frozen_location_id",
}
HUB_LOCATION_FIELDS = (*ZONE_FIELDS.values(), "loco_quarantine_location_id")
# what an association took before, to rank who uses a kind of food
HISTORY_DAYS = 365
# the longest an association may be given to take urgent food (a month)
MAX_PROPOSAL_HOURS = 720


class StockWarehouse(models.Model):
    _name = "stock.warehouse"
    _inherit = ["stock.warehouse", "loco.guard.mixin"]

    loco_hub = fields.Boolean(
        string="LOCO hub",
        index=True,
        help="A food-aid hub: it gets ambient, chilled and frozen zones, a quarantine "
        "location, putaway by temperature and FEFO removal.",
    )
    loco_organisation_id = fields.Many2one(
        "res.partner",
        string="Run by",
        help="Organisation that runs the hub (Croix-Rouge, Restos du Cœur, a LOCO antenna).",
    )
    loco_manager_id = fields.Many2one(
        "res.users",
        string="Hub manager",
        help="Receives the activities of the hub, such as expired lots put in quarantine.",
    )
    loco_service_area = fields.Char(
        string="Service area",
        help="Postal codes the hub serves, e.g. '1000-1299, 1410'.",
    )
    loco_store_chilled = fields.Boolean(
        string="Stores chilled food",
        default=True,
        help="The hub has a working cold room (0-7 °C): offers of chilled food are accepted.",
    )
    loco_store_frozen = fields.Boolean(
        string="Stores frozen food",
        default=True,
        help="The hub has a working freezer (≤ -18 °C): offers of frozen food are accepted.",
    )
    loco_auto_confirm = fields.Boolean(
        string="Confirm orders automatically",
        help="Association orders are confirmed (and their food reserved) as soon as they "
        "are submitted, without a coordinator.",
    )
    loco_proposal_hours = fields.Integer(
        string="Hours to take a proposal",
        default=24,
        help="How long an association has to take the urgent food proposed to it before "
        "it goes to the next one (never beyond the food's last day).",
    )
    loco_order_lock = fields.Integer(
        readonly=True, copy=False, help="Technical: bumped to serialize order submissions."
    )
    loco_ambient_location_id = fields.Many2one(
        "stock.location", string="Ambient zone", readonly=True, copy=False
    )
    loco_chilled_location_id = fields.Many2one(
        "stock.location", string="Chilled zone", readonly=True, copy=False
    )
    loco_frozen_location_id = fields.Many2one(
        "stock.location", string="Frozen zone", readonly=True, copy=False
    )
    loco_quarantine_location_id = fields.Many2one(
        "stock.location", string="Quarantine", readonly=True, copy=False
    )
    loco_association_count = fields.Integer(
        compute="_compute_loco_association_count", string="Associations"
    )

    def _loco_forbidden_fields(self, fnames):
        """A hub's zones and quarantine are made by its setup, never pointed elsewhere
        by hand (a quarantine pointed at the stock would be reserved from)."""
        return super()._loco_forbidden_fields(fnames) | (
            fnames & {*HUB_LOCATION_FIELDS, "loco_order_lock"}
        )

    def _compute_loco_association_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("loco_hub_id", "in", self.ids), ("loco_association", "=", True)],
                ["loco_hub_id"],
                ["__count"],
            )
        )
        for hub in self:
            hub.loco_association_count = counts.get(hub, 0)

    def _loco_not_a_hub_message(self):
        """The refusal of this warehouse where a LOCO hub is needed."""
        self.ensure_one()
        return self.env._("Warehouse %(warehouse)s is not a LOCO hub.", warehouse=self.display_name)

    def _loco_storable_classes(self):
        """Temperature classes this hub can take in now."""
        self.ensure_one()
        return shelf_life.storable_classes(self.loco_store_chilled, self.loco_store_frozen)

    @api.model
    def _loco_hub_for_postal_code(self, postal_code, companies):
        """The hub of ``companies`` whose service area covers ``postal_code`` most
        narrowly (an empty recordset when none does)."""
        spans = []
        for hub in self.search([("loco_hub", "=", True), ("company_id", "in", companies.ids)]):
            width = service_area.span(hub.loco_service_area, postal_code)
            if width is not None:
                spans.append((width, hub.id, hub))
        return min(spans)[2] if spans else self.browse()

    def _loco_lock_orders(self):
        """Serialize what changes the hub's free stock (submissions, confirmations).

        The row is updated, not only locked: under Odoo's REPEATABLE READ isolation a
        concurrent transaction then fails with a serialization error and is retried
        by Odoo with a fresh snapshot, so it sees the quantities just taken."""
        self.ensure_one()
        self.env.cr.execute(
            "UPDATE stock_warehouse SET loco_order_lock = COALESCE(loco_order_lock, 0) + 1"
            " WHERE id = %s",
            [self.id],
            # a serialization failure here is expected under concurrency: Odoo retries
            log_exceptions=False,
        )
        self.invalidate_recordset(["loco_order_lock"])

    def _loco_catalogue(self, association, products=None):
        """What ``association`` can get from this hub now, per product:
        {product: {"free", "allowance", "until", "date_kind", "date", "urgent", "scarce"}}
        ("date" is the DLC or DDM printed on the food that leaves first).

        Free = reservable stock (not quarantined, not past its date, not reserved)
        minus what submitted orders already claim; only classes the association can
        store. Allowance = free, or its fair share for a scarce product. The number of
        queries does not depend on the number of lots."""
        self.ensure_one()
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                self._loco_catalogue_stock_domain(association, products),
                ["product_id"],
                [
                    "quantity:sum",
                    "reserved_quantity:sum",
                    "distributable_until:min",
                    "expiration_date:min",
                    "loco_use_date:min",
                ],
            )
        )
        promised = self._loco_promised(group[0] for group in groups)
        catalogue = {}
        for product, quantity, reserved, until, dlc, ddm in groups:
            free = quantity - reserved - promised.get(product, 0.0)
            if free > 0:
                catalogue[product] = self._prepare_catalogue_entry(product, free, until, dlc, ddm)
        self._loco_apply_fair_shares(association, catalogue)
        return catalogue

    def _loco_catalogue_stock_domain(self, association, products=None):
        """The quants of this hub ``association`` may be given: outside quarantine, not
        past their date, of a class it can store (of ``products`` only, when given)."""
        domain = [
            ("location_id", "child_of", self.lot_stock_id.id),
            ("location_id.usage", "=", "internal"),
            ("location_id.loco_quarantine", "=", False),
            (
                "product_id.categ_id.loco_temperature_class",
                "in",
                list(association._loco_storable_classes()),
            ),
            "|",
            ("lot_id", "=", False),
            ("distributable_until", ">=", utc_start_of(self.env, loco_today(self.env))),
        ]
        if products is not None:
            domain.append(("product_id", "in", products.ids))
        return domain

    def _loco_promised(self, products):
        """{product: quantity} the submitted orders of this hub already claim."""
        return dict(
            self.env["loco.order.line"]
            .sudo()
            ._read_group(
                [
                    ("order_id.hub_id", "=", self.id),
                    ("order_id.state", "=", "submitted"),
                    ("product_id", "in", [product.id for product in products]),
                ],
                ["product_id"],
                ["quantity:sum"],
            )
        )

    @api.model
    def _prepare_catalogue_entry(self, product, free, until, dlc, ddm):
        """One product of the catalogue: ``free`` units, the earliest distributable
        date ``until`` and printed dates ``dlc`` / ``ddm`` of its stock."""
        today = loco_today(self.env)
        freshness = shelf_life.freshness(
            until and local_date(self.env, until), today, product.categ_id.loco_urgent_days
        )
        # the date printed on the food that leaves first (FEFO)
        kind = product.categ_id.loco_date_kind
        printed = dlc if kind == shelf_life.DLC else ddm
        return {
            "free": free,
            "allowance": free,
            "until": until,
            "date_kind": kind,
            "date": printed and local_date(self.env, printed),
            "urgent": freshness == shelf_life.URGENT,
            "scarce": False,
        }

    def _loco_apply_fair_shares(self, association, catalogue):
        """Cap the allowance of scarce products to the association's fair share."""
        rules = (
            self.env["loco.scarce.product"]
            .sudo()
            .search([("hub_id", "=", self.id), ("product_id", "in", [p.id for p in catalogue])])
        )
        if not rules:
            return
        Partner = self.env["res.partner"].sudo()
        total = sum(
            beneficiaries
            for [beneficiaries] in Partner._read_group(
                [("loco_hub_id", "=", self.id), ("loco_association", "=", True)],
                [],
                ["loco_beneficiaries:sum"],
            )
        )
        if association.loco_hub_id != self:
            # an association of another hub that this hub serves too shares with them
            total += association.loco_beneficiaries
        Line = self.env["loco.order.line"].sudo()
        now = fields.Datetime.now()
        for rule in rules:
            since = now - timedelta(days=rule.period_days)
            taken_domain = [
                ("order_id.hub_id", "=", self.id),
                ("order_id.state", "in", ("submitted", "confirmed", "ready", "done")),
                ("order_id.submitted_date", ">=", since),
                ("product_id", "=", rule.product_id.id),
            ]
            [[taken_all]] = Line._read_group(taken_domain, [], ["quantity:sum"])
            [[taken_mine]] = Line._read_group(
                taken_domain + [("order_id.partner_id", "child_of", association.id)],
                [],
                ["quantity:sum"],
            )
            entry = catalogue[rule.product_id]
            pool = entry["free"] + taken_all
            allowance = fair_share.remaining(
                pool,
                association.loco_beneficiaries,
                total,
                taken_mine,
                floor=rule.floor_quantity,
                unit=rule.product_id.uom_id.rounding,
            )
            entry.update({"allowance": min(allowance, entry["free"]), "scarce": rule})

    @api.constrains("loco_proposal_hours")
    def _check_loco_proposal_hours(self):
        for hub in self:
            if not 1 <= hub.loco_proposal_hours <= MAX_PROPOSAL_HOURS:
                raise ValidationError(
                    self.env._(
                        "%(hub)s: an association has between 1 and %(max)s hours to take the "
                        "food proposed to it, not %(hours)s.",
                        hub=hub.name,
                        max=MAX_PROPOSAL_HOURS,
                        hours=hub.loco_proposal_hours,
                    )
                )

    @api.constrains("loco_service_area")
    def _check_loco_service_area(self):
        for hub in self:
            try:
                service_area.parse(hub.loco_service_area)
            except service_area.ServiceAreaError as error:
                raise ValidationError(
                    self.env._(
                        "Service area: '%(token)s' is not a postal code (4 digits) nor a range "
                        "like 1000-1299.",
                        token=error.args[0],
                    )
                ) from error

    @api.constrains("loco_hub", *HUB_LOCATION_FIELDS)
    def _check_loco_zones(self):
        for hub in self.filtered("loco_hub"):
            locations = [hub[fname] for fname in HUB_LOCATION_FIELDS]
            if not all(locations) or not all(loc.active for loc in locations):
                raise ValidationError(
                    self.env._(
                        "The LOCO hub %(hub)s must keep its ambient, chilled, frozen and "
                        "quarantine "
                        "locations. Restore them, or untick 'LOCO hub'.",
                        hub=hub.name,
                    )
                )
            for location in locations:
                if location.warehouse_id != hub:
                    raise ValidationError(
                        self.env._(
                            "Location %(location)s cannot be a zone of hub %(hub)s: it is not "
                            "inside that warehouse.",
                            location=location.display_name,
                            hub=hub.name,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        # zones first, so a hub is never saved without them
        hub_flags = [vals.pop("loco_hub", False) for vals in vals_list]
        warehouses = super().create(vals_list)
        warehouses.browse(
            wh.id for wh, flag in zip(warehouses, hub_flags, strict=False) if flag
        )._loco_setup_hub()
        return warehouses

    def write(self, vals):
        if vals.get("loco_hub") and not self.env.context.get("loco_hub_setup"):
            res = super().write({key: value for key, value in vals.items() if key != "loco_hub"})
            self._loco_setup_hub()
            return res
        return super().write(vals)

    def _loco_setup_hub(self):
        """Create what a hub needs, once: zones, quarantine, putaway rules, FEFO."""
        Location = self.env["stock.location"].sudo()
        fefo = self.env.ref("product_expiry.removal_fefo")
        for hub in self:
            vals = {}
            for temperature, fname in ZONE_FIELDS.items():
                if not hub[fname]:
                    label = dict(TEMPERATURE_CLASSES)[temperature].split(" (")[0]
                    vals[fname] = Location.create(
                        {
                            "name": label,
                            "usage": "internal",
                            "location_id": hub.lot_stock_id.id,
                            "loco_temperature_class": temperature,
                            "company_id": hub.company_id.id,
                        }
                    ).id
            if not hub.loco_quarantine_location_id:
                # outside WH/Stock: nothing reserves from it
                vals["loco_quarantine_location_id"] = Location.create(
                    {
                        "name": "Quarantine",
                        "usage": "internal",
                        "location_id": hub.view_location_id.id,
                        "loco_quarantine": True,
                        "company_id": hub.company_id.id,
                    }
                ).id
            vals["loco_hub"] = True
            hub.with_context(loco_hub_setup=True, loco_workflow=WORKFLOW).write(vals)
            if hub.lot_stock_id.removal_strategy_id != fefo:
                hub.lot_stock_id.sudo().removal_strategy_id = fefo
        self._loco_sync_putaway()

    def _loco_sync_putaway(self):
        """Putaway rules of each hub: every category with a temperature class of its
        own (not only inherited) goes to the matching zone."""
        hubs = self.filtered("loco_hub")
        if not hubs:
            return
        categs = self.env["product.category"].search([("loco_temperature_class", "!=", False)])
        own = categs.filtered(
            lambda c: c.parent_id.loco_temperature_class != c.loco_temperature_class
        )
        Rule = self.env["stock.putaway.rule"].sudo()
        existing = Rule.search(
            [
                ("location_in_id", "in", hubs.lot_stock_id.ids),
                ("category_id", "!=", False),
                ("product_id", "=", False),
            ]
        )
        by_key = {(rule.location_in_id, rule.category_id): rule for rule in existing}
        to_create = []
        for hub in hubs:
            for categ in own:
                zone = hub[ZONE_FIELDS[categ.loco_temperature_class]]
                rule = by_key.pop((hub.lot_stock_id, categ), None)
                if rule and rule.location_out_id != zone:
                    rule.location_out_id = zone
                elif not rule:
                    to_create.append(
                        {
                            "location_in_id": hub.lot_stock_id.id,
                            "location_out_id": zone.id,
                            "category_id": categ.id,
                            "company_id": hub.company_id.id,
                        }
                    )
        Rule.create(to_create)
        # rules LOCO made for categories that lost their own class
        stale = Rule.browse(
            rule.id for rule in by_key.values() if rule.location_out_id.loco_temperature_class
        )
        stale.unlink()

    # ------------------------------------------------------------------
    # Expiry sweep
    # ------------------------------------------------------------------

    def action_loco_sweep(self):
        """Button: quarantine the expired lots of the selected hubs (coordinators, or
        the hub's own manager)."""
        user = self.env.user
        coordinator = self.env.su or user.has_group("loco_hubs.group_loco_coordinator")
        manages_them = user.has_group("loco_hubs.group_loco_hub_user") and all(
            hub.loco_manager_id == user for hub in self
        )
        if not (coordinator or manages_them):
            raise AccessError(
                self.env._("Only LOCO coordinators and the hub's manager can run the expiry sweep.")
            )
        not_hubs = self.filtered(lambda wh: not wh.loco_hub)
        if not_hubs:
            raise UserError(not_hubs[0]._loco_not_a_hub_message())
        pickings = self._loco_sweep()
        count = len(pickings.move_line_ids.lot_id)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if count else "info",
                "message": self.env._("%(count)s expired lot(s) moved to quarantine.", count=count)
                if count
                else self.env._("No expired lot in this hub: nothing to quarantine."),
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_loco_sweep(self):
        """One queued job per hub (channel ``root.loco_sweep``): a hub's sweep is one
        transaction, retried on its own, and never waits for another hub's. A job
        already waiting for a hub is not queued twice."""
        for hub in self.search([("loco_hub", "=", True)]):
            hub.with_delay(identity_key=identity_exact)._loco_sweep_job()

    def _loco_sweep_job(self):
        """Quarantine this hub's expired lots, then propose the food that became
        urgent overnight (the job of the nightly sweep)."""
        self.ensure_one()
        self._loco_sweep()
        self.env["loco.proposal"]._loco_propose(self)

    def _loco_sweep(self):
        """Move every lot past its distributable date, inside these hubs, to the hub's
        quarantine by one internal transfer per hub; plan an activity for the hub
        manager. A second run finds nothing left to move. Returns the transfers."""
        quants = self._loco_expired_quants()
        pickings = self._loco_quarantine_quants(
            quants, {hub: hub._prepare_sweep_picking_vals() for hub in quants.warehouse_id}
        )
        for picking in pickings:
            picking.picking_type_id.warehouse_id._loco_schedule_quarantine_check(picking)
        return pickings

    @api.model
    def _loco_quarantine_quants(self, quants, picking_vals):
        """Move ``quants`` (stock of LOCO hubs, outside quarantine) to their hub's
        quarantine: one done internal transfer per hub, built from
        ``picking_vals`` ({hub: values}). Returns the transfers."""
        by_hub = defaultdict(lambda: self.env["stock.quant"].sudo())
        for quant in quants:
            by_hub[quant.location_id.warehouse_id] |= quant
        hubs = list(by_hub)
        pickings = self.env["stock.picking"].sudo().create([picking_vals[hub] for hub in hubs])
        self.env["stock.move"].sudo().create(
            [
                vals
                for hub, picking in zip(hubs, pickings, strict=True)
                for vals in picking._loco_quarantine_move_vals(by_hub[hub])
            ]
        )
        if pickings:
            pickings.with_context(skip_expired=True, skip_backorder=True).button_validate()
            pickings._loco_check_validated()
        return pickings

    def _prepare_quarantine_picking_vals(self, origin):
        """The internal transfer of this hub's stock to its quarantine."""
        self.ensure_one()
        return {
            "picking_type_id": self.int_type_id.id,
            "location_id": self.lot_stock_id.id,
            "location_dest_id": self.loco_quarantine_location_id.id,
            "origin": origin,
        }

    def _loco_expired_quants(self):
        """The stock of these hubs, outside quarantine, past its distributable date."""
        expired_before = utc_start_of(self.env, loco_today(self.env))
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("location_id.warehouse_id", "in", self.ids),
                    ("location_id.usage", "=", "internal"),
                    ("location_id.loco_quarantine", "=", False),
                    ("lot_id.distributable_until", "<", expired_before),
                    ("quantity", ">", 0),
                ]
            )
        )
        quants.fetch(
            [
                "product_id",
                "lot_id",
                "location_id",
                "quantity",
                "package_id",
                "owner_id",
                "product_uom_id",
            ]
        )
        return quants

    def _prepare_sweep_picking_vals(self):
        """The internal transfer of this hub's expired stock to its quarantine."""
        self.ensure_one()
        return self._prepare_quarantine_picking_vals(
            self._loco_in_company_lang().env._("LOCO expiry sweep")
        )

    def _loco_schedule_quarantine_check(self, picking):
        """An activity for this hub's manager: check what ``picking`` quarantined."""
        self.ensure_one()
        env = self._loco_in_company_lang().env
        picking.activity_schedule(
            "loco_hubs.mail_activity_type_loco_quarantine",
            user_id=(self.loco_manager_id or self.env.user).id,
            summary=env._("Expired lots moved to quarantine"),
            note=env._(
                "%(count)s expired lot(s) were moved to quarantine by %(picking)s. Check "
                "them and destroy or return them.",
                count=len(picking.move_line_ids.lot_id),
                picking=picking.name,
            ),
        )

    # ------------------------------------------------------------------
    # Urgent food proposals (loco.proposal)
    # ------------------------------------------------------------------

    def _loco_urgent_lots(self):
        """The lots of this hub whose food is urgent (within its category's urgent
        days of its last day): [{"lot", "free", "until"}], free = not reserved."""
        self.ensure_one()
        today = loco_today(self.env)
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("location_id", "child_of", self.lot_stock_id.id),
                    ("location_id.usage", "=", "internal"),
                    ("location_id.loco_quarantine", "=", False),
                    ("lot_id", "!=", False),
                    ("distributable_until", ">=", utc_start_of(self.env, today)),
                ],
                ["lot_id"],
                ["quantity:sum", "reserved_quantity:sum", "distributable_until:min"],
            )
        )
        rows = []
        for lot, quantity, reserved, until in groups:
            day = until and local_date(self.env, until)
            urgent = shelf_life.freshness(day, today, lot.product_id.categ_id.loco_urgent_days)
            if quantity - reserved > 0 and urgent == shelf_life.URGENT:
                rows.append({"lot": lot, "free": quantity - reserved, "until": day})
        return rows

    def _loco_served_associations(self):
        """The associations that order from this hub, as the superuser: its own, and
        those of other hubs whose postal code its service area covers (the other side
        of ``res.partner._loco_order_hubs``, in one search)."""
        self.ensure_one()
        associations = (
            self.env["res.partner"]
            .sudo()
            .search([("loco_association", "=", True), ("loco_hub_id", "!=", False)])
        )
        return associations.filtered(
            lambda partner: partner.loco_hub_id == self
            or (self.loco_service_area and service_area.covers(self.loco_service_area, partner.zip))
        )

    def _loco_proposal_candidates(self):
        """The associations this hub serves (its own, and those of its service
        area), as ``policy.proposals`` ranks them: ([Candidate], {id: partner})."""
        self.ensure_one()
        today = loco_today(self.env)
        associations = self._loco_served_associations()
        taken = self._loco_taken_by_category(associations, today)
        origin = geo.located(self.partner_id) if self.partner_id else None
        candidates = []
        for association in associations:
            where = geo.located(association)
            candidates.append(
                proposals.Candidate(
                    partner_id=association.id,
                    classes=frozenset(association._loco_storable_classes()),
                    next_day=proposals.next_service_day(
                        today, {day.number for day in association.loco_service_weekday_ids}
                    ),
                    distance_km=geo.haversine_m(origin, where) / 1000 if origin and where else None,
                    taken=taken[association.id],
                    beneficiaries=association.loco_beneficiaries,
                )
            )
        return candidates, {association.id: association for association in associations}

    def _loco_taken_by_category(self, associations, today):
        """{association id: {category id: quantity}} of the food the associations
        received (done orders) in the last year."""
        taken = defaultdict(dict)
        if not associations:
            return taken
        self.env.cr.execute(
            SQL(
                """
                SELECT o.partner_id, pt.categ_id, SUM(l.quantity)
                  FROM loco_order_line l
                  JOIN loco_order o ON o.id = l.order_id
                  JOIN product_product pp ON pp.id = l.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE o.state = 'done' AND o.partner_id IN %s AND o.submitted_date >= %s
                 GROUP BY o.partner_id, pt.categ_id
                """,
                tuple(associations.ids),
                utc_start_of(self.env, today - timedelta(days=HISTORY_DAYS)),
            )
        )
        for partner_id, categ_id, quantity in self.env.cr.fetchall():
            taken[partner_id][categ_id] = quantity
        return taken
