"""A year of Belgian food aid in one database (`make bench-data`; not a test).

Deterministic from a seed. The network's organisations and hubs (LOCO's demo) get 20
antennas, 700 associations (storage, beneficiaries, hub), 1,500 donors and some 200
lot-tracked foods. Then a year of working days, each with about 6,000 offer lines:

1. Two days are made through the models' own methods, in batches: offers registered,
   accepted and received (lots, dock readings, receipts); each hub sends some dry food
   to the next hub (an exchange proposed, accepted, shipped, received); the nightly
   sweep quarantines a few lots past their DLC in each hub; association orders are
   submitted, confirmed (FEFO) and delivered, a few of each hub's by its truck on a
   round (optimized, planned, started, every stop done, closed: its cost shared).
   - the *closed* day: the orders take all the day's food, an inventory counts out
     what they left (a past day: nothing of it is left in stock);
   - the *open* day: the orders take about half of each lot (a recent day: stock).
2. The other working days are copies of those two days made in SQL, each row as the
   methods wrote it with its dates moved to its day: its own ids (every reference
   between copied rows follows them), unique names with the day, other donors and
   associations of the same hub; quants follow their lots. The closed day fills the
   older days, the open day the last OPEN_DAYS working days (its food dates kept: the
   stock of the last weeks is still good to give).
3. Tonight's sweep has work: EXPIRED_TONIGHT lots in stock expired yesterday.

Copied rows are what the methods write in the tables of offers, lines, transfers,
moves, move lines, lots, quants, dock readings, orders, exchanges, batches, rounds,
their stops and cost shares (not the vehicles' odometer log); chatter (mail messages,
followers, activities) is not copied. `tests/bench/test_national_data.py` checks, on a
small seed, that the copies hold what the methods hold: each day's valuation and stock
equal the methods' day, quants equal the done move lines, and the copied stock is
ordered, reserved (FEFO), delivered and swept by the methods themselves.

Run: make bench-data [BENCH_DB=loco_national] [BENCH_SEED=1] [BENCH_SCALE=1.0]
"""

import argparse
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from odoo import Command
from odoo.exceptions import UserError

# tables whose rows a day's flows write, copied for each day (with their own ids)
COPIED_TABLES = (
    "loco_donation_offer",
    "loco_donation_offer_line",
    "procurement_group",
    "stock_picking",
    "stock_move",
    "stock_move_line",
    "stock_lot",
    "stock_quant",
    "loco_temperature_log",
    "loco_order",
    "loco_order_line",
    "loco_exchange",
    "loco_exchange_line",
    "stock_picking_batch",
    "loco_round",
    "loco_round_stop",
    "loco_round_cost",
)
# a name per row that must stay unique: the copy's day is added to it
UNIQUE_NAMES = (
    "stock_picking",
    "stock_lot",
    "loco_donation_offer",
    "loco_order",
    "loco_exchange",
    "stock_picking_batch",
    "loco_round",
)
# dates of the food itself: kept on the open days' copies (the lot came in k days ago
# with the dates the donor declared), moved with the day on the closed days'
FOOD_DATES = {
    "expiration_date",
    "use_date",
    "removal_date",
    "alert_date",
    "distributable_until",
    "dlc",
    "ddm",
}
# the share of the national flow of the demo's hubs (by code); antennas share the rest
HUB_SHARES = {
    "BXL": 0.30,
    "CRL": 0.14,
    "ARC": 0.08,
    "RHI": 0.08,
    "FLE": 0.08,
    "FER": 0.12,
    "DRM": 0.06,
}


@dataclass
class Config:
    seed: int = 1
    days: int = 250  # working days of a year
    open_days: int = 25  # the last working days, whose food is still in stock
    lines_per_day: int = 6000
    lines_per_offer: int = 8
    antennas: int = 20
    associations: int = 700
    donors: int = 1500
    products: int = 200
    expired_tonight: int = 2000
    expired_per_hub: int = 2  # lots a hub's nightly sweep quarantines on a working day
    exchanges_per_hub: int = 1  # surplus a hub sends to the next one on a working day
    stops_per_round: int = 5  # deliveries of a hub's round on a working day
    stats: dict = field(default_factory=dict)

    def scaled(self, scale):
        """The same year, ``scale`` times the volume of every flow and record."""
        for name in ("lines_per_day", "associations", "donors", "expired_tonight"):
            setattr(self, name, max(1, round(getattr(self, name) * scale)))
        return self


def working_days(today, count):
    """The ``count`` working days (Monday to Friday) up to ``today`` (most recent
    first; today first if it is one)."""
    days, day = [], today
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    return days


class NationalData:
    def __init__(self, env, config, say=lambda message: None):
        self.say = say
        self.env = env(su=True)
        self.config = config
        self.rng = random.Random(config.seed)
        from odoo.addons.loco_hubs.tools.dates import loco_today  # once Odoo knows its addons

        self.today = date.today()
        # the day in Belgium, for what Odoo checks against it (orders, rounds)
        self.local_today = loco_today(self.env)
        self.days = working_days(self.today, config.days)

    # -- network ----------------------------------------------------------------------

    def build_network(self):
        env, cfg, rng = self.env, self.config, self.rng
        # the organisations send no text message when food leaves a hub (stock_sms
        # would ask at the first delivery validated, then call Odoo's SMS service)
        companies = env["res.company"].search([])
        if "stock_move_sms_validation" in companies._fields:
            companies.write({"stock_move_sms_validation": False})
        Warehouse = env["stock.warehouse"]
        hubs = Warehouse.search([("loco_hub", "=", True)], order="id")
        cpas = env["res.company"].search([("name", "ilike", "CPAS")], order="id")
        existing = len(hubs.filtered(lambda h: h.code.startswith("N")))
        for index in range(existing, cfg.antennas):
            company = cpas[index % len(cpas)]
            hubs |= Warehouse.with_company(company).create(
                {
                    "name": f"Antenne {index + 1:02d} ({company.name})",
                    "code": f"N{index + 1:02d}",
                    "company_id": company.id,
                    "loco_hub": True,
                }
            )
        antennas = [h for h in hubs if h.code not in HUB_SHARES]
        rest = max(0.0, 1.0 - sum(HUB_SHARES.values()))
        self.shares = {hub: HUB_SHARES.get(hub.code, rest / max(1, len(antennas))) for hub in hubs}
        self.hubs = hubs
        Partner = env["res.partner"]
        associations = Partner.search([("loco_association", "=", True)])
        missing = cfg.associations - len(associations)
        if missing > 0:
            weights = [self.shares[h] for h in hubs]
            vals = []
            for index in range(missing):
                hub = rng.choices(hubs, weights)[0]
                storage = rng.random()
                vals.append(
                    {
                        "name": f"Association {index + 1:04d} ({hub.code})",
                        "is_company": True,
                        "loco_association": True,
                        "loco_hub_id": hub.id,
                        "loco_beneficiaries": rng.randint(20, 800),
                        "loco_can_store_chilled": storage > 0.3,
                        "loco_can_store_frozen": storage > 0.6,
                        "zip": str(rng.randint(1000, 7999)),
                        "city": "Belgique",
                    }
                )
            associations |= Partner.create(vals)
        # every hub serves at least one association with a freezer (and so a fridge)
        cold = {a.loco_hub_id for a in associations if a.loco_can_store_frozen}
        associations |= Partner.create(
            [
                {
                    "name": f"Association {hub.code} (froid)",
                    "is_company": True,
                    "loco_association": True,
                    "loco_hub_id": hub.id,
                    "loco_beneficiaries": 300,
                    "loco_can_store_chilled": True,
                    "loco_can_store_frozen": True,
                }
                for hub in hubs
                if hub not in cold
            ]
        )
        self.associations = {
            hub: associations.filtered(lambda a, h=hub: a.loco_hub_id == h) for hub in hubs
        }
        donors = Partner.search([("loco_donor", "=", True)])
        missing = cfg.donors - len(donors)
        if missing > 0:
            types = ["distributor", "wholesaler", "producer", "horeca", "other"]
            donors |= Partner.create(
                [
                    {
                        "name": f"Donor {index + 1:04d}",
                        "is_company": True,
                        "loco_donor": True,
                        "loco_donor_type": rng.choice(types),
                    }
                    for index in range(missing)
                ]
            )
        self.donors = donors.sorted("id")
        Template = env["product.template"]
        foods = Template.search(
            [("tracking", "=", "lot"), ("categ_id.loco_date_kind", "!=", False)], order="id"
        )
        originals = foods
        for index in range(len(foods), cfg.products):
            foods |= originals[index % len(originals)].copy(
                {"name": f"{originals[index % len(originals)].name} #{index + 1}"}
            )
        self.products = foods.product_variant_ids.sorted("id")
        self.build_fleet()

    def build_fleet(self):
        """Every hub and association located (associations within some 15 km of their
        hub), every hub a refrigerated truck with its driver, rounds from 6:00 to 22:00."""
        env, rng = self.env, self.rng
        for hub in self.hubs:
            if not hub.partner_id.partner_latitude:
                hub.partner_id.write(
                    {
                        "partner_latitude": round(rng.uniform(50.0, 51.2), 4),
                        "partner_longitude": round(rng.uniform(3.0, 5.8), 4),
                    }
                )
            hub.write({"loco_round_start": 6.0, "loco_round_end": 22.0})
            for association in self.associations[hub].filtered(lambda a: not a.partner_latitude):
                association.write(
                    {
                        "partner_latitude": round(
                            hub.partner_id.partner_latitude + rng.uniform(-0.1, 0.1), 4
                        ),
                        "partner_longitude": round(
                            hub.partner_id.partner_longitude + rng.uniform(-0.15, 0.15), 4
                        ),
                    }
                )
        Vehicle = env["fleet.vehicle"]
        category = env["fleet.vehicle.model.category"].search(
            [("name", "=", "National truck 20 t")], limit=1
        ) or env["fleet.vehicle.model.category"].create(
            {"name": "National truck 20 t", "weight_capacity": 20000}
        )
        model = env.ref("loco_fleet.model_atego_frozen")
        # two per hub: the template days share a date, a vehicle does one round a day
        self.trucks = {}
        for hub in self.hubs:
            plates = (f"NAT-{hub.code}-1", f"NAT-{hub.code}-2")
            trucks = Vehicle.search([("license_plate", "in", plates)], order="license_plate")
            for plate in plates[len(trucks) :]:
                driver = env["res.partner"].create({"name": f"Driver {plate}"})
                trucks |= Vehicle.create(
                    {
                        "model_id": model.id,
                        "category_id": category.id,
                        "license_plate": plate,
                        "driver_id": driver.id,
                        "loco_cold_class": "frozen",
                        "loco_hub_id": hub.id,
                        "loco_organisation_id": hub.company_id.partner_id.id,
                        "loco_cost_per_km": 0.6,
                        "company_id": hub.company_id.id,
                    }
                )
            self.trucks[hub] = trucks

    def empty_hubs(self):
        """The hubs' demo orders and transfers under way cancelled, their stock set to
        zero (an inventory): a template day's orders take the template day's food only."""
        orders = self.env["loco.order"].search(
            [("state", "in", ("draft", "submitted", "confirmed", "ready"))]
        )
        orders.action_cancel()
        exchanges = self.env["loco.exchange"].search(
            [("state", "in", ("draft", "proposed", "accepted"))]
        )
        exchanges.action_cancel()
        self.env["stock.picking"].search(
            [
                ("picking_type_id.warehouse_id", "in", self.hubs.ids),
                ("state", "not in", ("done", "cancel")),
                ("loco_exchange_id", "=", False),
            ]
        ).action_cancel()
        quants = self.env["stock.quant"].search(
            [
                ("location_id.warehouse_id", "in", self.hubs.ids),
                ("location_id.usage", "=", "internal"),
                ("quantity", "!=", 0),
            ]
        )
        quants.with_context(inventory_mode=True).write({"inventory_quantity": 0})
        quants.action_apply_inventory()

    # -- template days, through the methods -------------------------------------------

    def template_day(self, closed):
        """One working day of the whole network through the models' methods. Returns
        the id window of each copied table ({table: (first, last)})."""
        env, cfg, rng = self.env, self.config, self.rng
        self.env.flush_all()
        before = self.max_ids()
        start = time.perf_counter()
        now = datetime.now().replace(microsecond=0)
        offers_vals = []
        donors = self.donors[: max(1, len(self.donors) // 10)]
        for hub in self.hubs:
            lines = round(cfg.lines_per_day * self.shares[hub])
            for offset in range(0, lines, cfg.lines_per_offer):
                count = min(cfg.lines_per_offer, lines - offset)
                offers_vals.append(
                    {
                        "donor_id": rng.choice(donors).id,
                        "hub_id": hub.id,
                        "pickup_start": now + timedelta(hours=1),
                        "pickup_end": now + timedelta(hours=5),
                        "line_ids": [
                            (0, 0, self.offer_line(rng.choice(self.products)))
                            for _i in range(count)
                        ],
                    }
                )
        offers = env["loco.donation.offer"].create(offers_vals)
        offers.action_register()
        offers.action_accept()
        pickings = offers.picking_id

        def classes(picking):
            return picking.move_ids.product_id.categ_id.mapped("loco_temperature_class")

        for picking in pickings.filtered("loco_needs_reading"):
            env["loco.temperature.log"].with_company(picking.company_id).create(
                {
                    "place": "receipt",
                    "picking_id": picking.id,
                    "reading": -20.0 if "frozen" in classes(picking) else 3.0,
                    "company_id": picking.company_id.id,
                }
            )
        for move in pickings.move_ids:
            move.move_line_ids.quantity = move.product_uom_qty
        pickings.move_ids.picked = True
        pickings.with_context(skip_backorder=True).button_validate()
        self.exchange_day(pickings)
        self.sweep_day(pickings)
        self.order_day(offers, closed)
        if closed:
            # what the orders did not take (lines cut to a fair share) is counted out
            self.empty_hubs()
        # what Odoo's daily scheduler does to quants: merged, the empty ones deleted
        self.env["stock.quant"]._quant_tasks()
        self.env.flush_all()
        after = self.max_ids()
        self.say(
            f"{'closed' if closed else 'open'} day through the methods: "
            f"{len(offers.line_ids)} offer lines, {time.perf_counter() - start:.0f} s"
        )
        return {table: (before[table] + 1, after[table]) for table in COPIED_TABLES}

    def offer_line(self, product):
        rng = self.rng
        vals = {"product_id": product.id, "quantity": rng.choice((5, 10, 12, 20, 24, 40, 60))}
        if product.categ_id.loco_date_kind == "dlc":
            vals["dlc"] = self.today + timedelta(days=rng.randint(6, 30))
        else:
            vals["ddm"] = self.today + timedelta(days=rng.randint(60, 400))
        return vals

    def dry_lots(self, pickings, hub):
        """The lots of ambient food ``pickings`` brought into ``hub``, still there."""
        lines = pickings.move_line_ids.filtered(
            lambda ml: ml.location_dest_id.warehouse_id == hub
            and ml.product_id.categ_id.loco_temperature_class in (False, "ambient")
        )
        return lines.lot_id.filtered(lambda lot: lot.product_qty > 1)

    def exchange_day(self, pickings):
        """Each hub sends some of the day's dry food to the next hub: an exchange
        proposed, accepted, shipped and received."""
        exchanges = self.env["loco.exchange"]
        hubs = list(self.hubs)
        for index, hub in enumerate(hubs):
            lots = self.dry_lots(pickings, hub)[: 2 * self.config.exchanges_per_hub]
            for start in range(0, len(lots), 2):
                exchanges |= exchanges.with_company(hub.company_id).create(
                    {
                        "from_hub_id": hub.id,
                        "to_hub_id": hubs[(index + 1) % len(hubs)].id,
                        "company_id": hub.company_id.id,
                        "line_ids": [
                            Command.create(
                                {"lot_id": lot.id, "quantity": max(1, lot.product_qty // 2)}
                            )
                            for lot in lots[start : start + 2]
                        ],
                    }
                )
        exchanges.action_propose()
        exchanges.action_accept()
        exchanges.action_ship()
        exchanges.action_receive()

    def sweep_day(self, pickings):
        """A few of the day's chilled lots in each hub were past their DLC overnight:
        the nightly sweep quarantines them."""
        lots = self.env["stock.lot"]
        for hub in self.hubs:
            lines = pickings.move_line_ids.filtered(
                lambda ml, h=hub: ml.location_dest_id.warehouse_id == h
                and ml.product_id.categ_id.loco_date_kind == "dlc"
            )
            lots |= lines.lot_id[-self.config.expired_per_hub :]
        self.expire(lots)
        self.hubs._loco_sweep()

    def round_day(self, orders, closed):
        """Each hub's truck delivers some of the day's orders on a round: planned,
        started, every stop done, closed with its odometer."""
        Round = self.env["loco.round"]
        rounds = Round
        for hub in self.hubs:
            served = orders.filtered(lambda o, h=hub: o.hub_id == h)[: self.config.stops_per_round]
            if not served:
                continue
            truck = self.trucks[hub][0 if closed else 1]
            rounds |= Round.with_company(hub.company_id).create(
                {
                    "hub_id": hub.id,
                    "company_id": hub.company_id.id,
                    "date": self.local_today,
                    "vehicle_id": truck.id,
                    "driver_id": truck.driver_id.id,
                    "stop_ids": [Command.create({"order_id": order.id}) for order in served],
                }
            )
        # the coordinator orders the stops, leaves the ones that do not fit for
        # collection at the hub, and plans the round
        rounds.action_optimize()
        rounds.stop_ids.filtered("problem").unlink()
        rounds = rounds.filtered("stop_ids")
        rounds.action_plan()
        rounds.action_start()
        for stop in rounds.stop_ids:
            cold = stop.temperature_class == "frozen"
            stop.action_mark_done(temperature=-20.0 if cold else 3.0, contact_name="Volunteer")
        for rnd in rounds:
            rnd.odometer_end = rnd.odometer_start + max(1, round(rnd.distance_km or 1))
        rounds.action_done()
        return rounds

    def order_day(self, offers, closed):
        """The associations of each hub order the food received (all of it on a closed
        day, about half of each product on an open day); orders are confirmed (FEFO)
        and delivered."""
        env, rng = self.env, self.rng
        Order = env["loco.order"]
        delivered = []
        for hub in self.hubs:
            received = {}
            for move in offers.filtered(lambda o, h=hub: o.hub_id == h).picking_id.move_ids:
                received[move.product_id] = received.get(move.product_id, 0) + move.quantity
            members = self.associations[hub]
            if not received or not members:
                continue
            # about a fifth of the associations order on a day (each once a week)
            today = (
                members.browse(rng.sample(members.ids, max(1, len(members) // 5)))
                | members.filtered("loco_can_store_frozen")[:1]
            )
            chilled = today.filtered("loco_can_store_chilled")
            frozen = today.filtered("loco_can_store_frozen")
            orders = {}
            for product, quantity in received.items():
                asked = quantity if closed else quantity // 2
                cold = product.categ_id.loco_temperature_class
                pool = frozen if cold == "frozen" else chilled if cold == "chilled" else today
                # shared between two associations
                for part in (asked // 2, asked - asked // 2):
                    if part > 0:
                        lines = orders.setdefault(rng.choice(pool), {})
                        lines[product] = lines.get(product, 0) + part
            created = Order.with_company(hub.company_id).create(
                [
                    {
                        "partner_id": partner.id,
                        "hub_id": hub.id,
                        "delivery_method": "delivery",
                        "requested_date": self.local_today,
                        "line_ids": [
                            (0, 0, {"product_id": p.id, "quantity": q}) for p, q in lines.items()
                        ],
                    }
                    for partner, lines in orders.items()
                ]
            )
            created.action_submit()
            created.filtered(lambda o: o.state == "submitted").action_confirm()
            delivered.append(created)
        # each hub's truck delivers a few orders, the others are collected at the hub
        delivered = Order.concat(*delivered)
        on_rounds = self.round_day(
            delivered.filtered(lambda o: o.state in ("confirmed", "ready")), closed
        )
        self.deliver(
            delivered.filtered(lambda o: o.state in ("confirmed", "ready"))
            - on_rounds.stop_ids.order_id
        )

    def deliver(self, orders):
        """The orders' transfers validated together (as ``_loco_deliver`` validates
        each: what was reserved, no backorder), then each order done. When Odoo asks a
        question instead (a lot past its date), each order is delivered on its own."""
        pickings = orders.picking_id
        pickings.move_ids.picked = True
        question = pickings.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=pickings.ids
        ).button_validate()
        for order in orders:
            if order.picking_id.state != "done":
                try:
                    with self.env.cr.savepoint():
                        order._loco_deliver()
                except UserError:
                    stats = self.config.stats
                    stats["orders not delivered"] = stats.get("orders not delivered", 0) + 1
                    reason = question.get("res_model") if isinstance(question, dict) else ""
                    self.say(f"not delivered: {order.name} ({reason})")
                    continue
            order._loco_deliver()

    # -- copies in SQL -------------------------------------------------------------------

    def max_ids(self):
        cr = self.env.cr
        ids = {}
        for table in COPIED_TABLES:
            cr.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - constant
            ids[table] = cr.fetchone()[0]
        return ids

    def columns(self, table):
        cr = self.env.cr
        cr.execute(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_name = %s ORDER BY ordinal_position",
            [table],
        )
        return cr.fetchall()

    def foreign_keys(self, table):
        """{column: referenced table} of ``table``."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT a.attname, c.confrelid::regclass::text
              FROM pg_constraint c
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' AND c.conrelid = %s::regclass
            """,
            [table],
        )
        return dict(cr.fetchall())

    def partner_map(self, copies):
        """Which donor or association stands in a copy for one of the template's: one
        of the same kind (and the same hub), in turn."""
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS loco_bench_partner_map")
        cr.execute(
            "CREATE TEMP TABLE loco_bench_partner_map (k int, old int, new int,"
            " PRIMARY KEY (old, k))"
        )
        # associations stand for one of the same hub that stores the same cold food
        groups = [list(self.donors.ids)]
        for members in self.associations.values():
            kinds = {}
            for partner in members:
                key = (partner.loco_can_store_chilled, partner.loco_can_store_frozen)
                kinds.setdefault(key, []).append(partner.id)
            groups.extend(kinds.values())
        rows = []
        for ids in groups:
            size = len(ids)
            for position, old in enumerate(ids):
                for k in copies:
                    rows.append((k, old, ids[(position + k * 7919) % size]))
        for start in range(0, len(rows), 50000):
            chunk = rows[start : start + 50000]
            cr.execute(
                "INSERT INTO loco_bench_partner_map VALUES "
                + ",".join(["(%s,%s,%s)"] * len(chunk)),
                [value for row in chunk for value in row],
            )

    def replicate(self, window, copies, keep_food_dates):
        """Copy the rows of ``window`` once per ``copies`` ({k: days back}), with ids
        past every existing one; the template's own rows move to ``copies``' first day
        if it is not today."""
        cr = self.env.cr
        self.partner_map(list(copies))
        base = self.max_ids()
        # rows refer to each other both ways (an offer to its receipt, the receipt to its
        # offer): foreign keys are checked once every table of the copy is written
        cr.execute("SET LOCAL session_replication_role = replica")
        spans = {t: (window[t][0], window[t][1], base[t] + 1) for t in COPIED_TABLES}
        span = {t: max(0, hi - lo + 1) for t, (lo, hi, _b) in spans.items()}
        for table in COPIED_TABLES:
            lo, hi, _first = spans[table]
            if hi < lo:
                continue
            columns = self.columns(table)
            fks = self.foreign_keys(table)
            for number, (k, back) in enumerate(sorted(copies.items())):
                select = []
                for name, kind in columns:
                    select.append(
                        self.copied_value(
                            table,
                            name,
                            kind,
                            fks.get(name),
                            spans,
                            span,
                            number,
                            back,
                            keep_food_dates,
                            k,
                        )
                    )
                names = ", ".join(f'"{name}"' for name, _kind in columns)
                cr.execute(
                    f"INSERT INTO {table} ({names}) SELECT {', '.join(select)} "  # noqa: S608
                    f"FROM {table} t WHERE t.id BETWEEN %(lo)s AND %(hi)s",
                    {"lo": lo, "hi": hi, "k": k},
                )
            cr.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM {table}))",  # noqa: S608 - constant
                [table],
            )
        cr.execute("SET LOCAL session_replication_role = origin")
        self.check_references(base)
        cr.execute("DROP TABLE loco_bench_partner_map")

    def check_references(self, base):
        """Every reference of the copied rows points to a row that exists."""
        cr = self.env.cr
        for table in COPIED_TABLES:
            for column, target in self.foreign_keys(table).items():
                cr.execute(
                    f'SELECT COUNT(*) FROM {table} t WHERE t.id > %s AND t."{column}" IS NOT NULL'  # noqa: S608
                    f' AND NOT EXISTS (SELECT 1 FROM {target} r WHERE r.id = t."{column}")',
                    [base[table]],
                )
                broken = cr.fetchone()[0]
                if broken:
                    raise AssertionError(f"{broken} copied {table}.{column} point nowhere")

    def copied_value(self, table, name, kind, target, spans, span, number, back, keep, k):
        def moved(column, ref):
            lo, hi, first = spans[ref]
            offset = first - lo + number * span[ref]
            return (
                f"CASE WHEN t.{column} BETWEEN {lo} AND {hi} "
                f"THEN t.{column} + {offset} ELSE t.{column} END"
            )

        if name == "id":
            return moved("id", table)
        if target in spans:
            return moved(f'"{name}"', target)
        if target == "res_partner":
            return (
                f'COALESCE((SELECT m.new FROM loco_bench_partner_map m WHERE m.old = t."{name}"'
                f' AND m.k = %(k)s), t."{name}")'
            )
        if name == "name" and table in UNIQUE_NAMES:
            return f"t.name || '-{k:03d}'"
        if kind in ("date", "timestamp without time zone") and not (keep and name in FOOD_DATES):
            return f"t.\"{name}\" - INTERVAL '{back} days'"
        return f't."{name}"'

    def shift_in_place(self, window, back):
        """Move the template's own rows ``back`` days earlier (a past day)."""
        cr = self.env.cr
        for table in COPIED_TABLES:
            lo, hi = window[table]
            dated = [
                name
                for name, kind in self.columns(table)
                if kind in ("date", "timestamp without time zone")
            ]
            if hi >= lo and dated:
                sets = ", ".join(f'"{c}" = "{c}" - INTERVAL \'{back} days\'' for c in dated)
                cr.execute(
                    f"UPDATE {table} SET {sets} WHERE id BETWEEN %s AND %s",  # noqa: S608
                    [lo, hi],
                )

    def expire_tonight(self, count):
        """``count`` lots in stock (outside quarantine) of the open days' chilled food
        declared with yesterday as their DLC: tonight's sweep quarantines them."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT DISTINCT q.lot_id FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id
              JOIN stock_move_line ml ON ml.lot_id = q.lot_id
              JOIN stock_move m ON m.id = ml.move_id
              JOIN loco_donation_offer_line line ON line.id = m.loco_offer_line_id
             WHERE l.usage = 'internal' AND NOT COALESCE(l.loco_quarantine, false)
               AND q.quantity > 0 AND line.dlc IS NOT NULL
             ORDER BY q.lot_id LIMIT %s
            """,
            [count],
        )
        lots = self.env["stock.lot"].browse(row[0] for row in cr.fetchall())
        self.expire(lots)
        return len(lots)

    def expire(self, lots):
        """``lots`` declared by their donors with yesterday as their DLC."""
        yesterday = self.today - timedelta(days=1)
        # through the ORM: the lot's other dates follow from its expiration date
        lots.write({"expiration_date": datetime.combine(yesterday, datetime.min.time())})
        self.env.flush_all()
        self.env.cr.execute(
            """
            UPDATE loco_donation_offer_line line SET dlc = %s
              FROM stock_move m JOIN stock_move_line ml ON ml.move_id = m.id
             WHERE m.loco_offer_line_id = line.id AND ml.lot_id = ANY(%s)
            """,
            [yesterday, lots.ids],
        )
        self.env["loco.donation.offer.line"].invalidate_model(["dlc"])

    # -- the year ----------------------------------------------------------------------------

    def generate(self):
        cfg = self.config
        start = time.perf_counter()
        self.build_network()
        self.say(
            f"network: {len(self.hubs)} hubs, {sum(map(len, self.associations.values()))} "
            f"associations, {len(self.donors)} donors, {len(self.products)} foods"
        )
        self.empty_hubs()
        self.first_ids = {table: last + 1 for table, last in self.max_ids().items()}
        closed_window = self.template_day(closed=True)
        open_window = self.template_day(closed=False)
        day_back = {k: (self.today - day).days for k, day in enumerate(self.days)}
        open_days = min(cfg.open_days, len(self.days))
        self.replicate(open_window, {k: day_back[k] for k in range(1, open_days)}, True)
        if day_back[0]:  # today is no working day: the open day is the last one
            self.shift_in_place(open_window, day_back[0])
        if open_days < len(self.days):
            first = open_days
            self.replicate(
                closed_window,
                {k: day_back[k] for k in range(first + 1, len(self.days))},
                False,
            )
            self.shift_in_place(closed_window, day_back[first])
        self.say(f"{len(self.days)} working days copied in SQL")
        # the planner's statistics, as autovacuum would keep them
        self.env.cr.execute("ANALYZE")
        expired = self.expire_tonight(cfg.expired_tonight)
        # the food flows of the past days, added up as the nightly job has done
        self.env["loco.outcome.report"]._cron_loco_summarize()
        self.say("food flows of the past days added up")
        self.env.invalidate_all()
        cfg.stats.update({"seconds": time.perf_counter() - start, "expired_tonight": expired})
        return cfg.stats


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("odoo_args", nargs="*")
    args = parser.parse_args()
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-d", args.database, *args.odoo_args])
    odoo.netsvc.init_logger()
    registry = Registry(args.database)
    start = time.perf_counter()

    def say(message):
        print(f"[{time.perf_counter() - start:6.0f} s] {message}", flush=True)

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        data = NationalData(env, Config(seed=args.seed).scaled(args.scale), say)
        stats = data.generate()
        cr.commit()
    say(f"done: {stats}")


if __name__ == "__main__":
    main()
