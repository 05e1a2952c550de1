# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""Food-safety facts are LOCO's, not anybody's to write: derived dates, quarantine and
zones are set by the rules and the hub setup, quarantine covers what is inside it, and
a lot in use keeps its printed date for hub staff."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import LocoHubsCase


@tagged("post_install", "-at_install")
class TestFoodSafetyFacts(LocoHubsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.association = cls.env["res.partner"].create(
            {
                "name": "Épicerie faits",
                "loco_association": True,
                "loco_hub_id": cls.hub.id,
                "loco_can_store_chilled": True,
            }
        )

    def test_derived_dates_of_an_expired_lot_cannot_be_pushed_back(self):
        lot = self.make_lot(self.yoghurt, -2, "EXPIRED-Y")
        self.put_in_stock(lot, 5)
        self.assertNotIn(self.yoghurt, self.hub._loco_catalogue(self.association))
        far = self.at(3000 // 3)
        for user in (self.hub_user, self.coordinator):
            for fname in ("distributable_until", "removal_date", "alert_date"):
                with self.subTest(user=user.login, field=fname):
                    with self.assertRaisesRegex(AccessError, "cannot be changed by hand"):
                        lot.with_user(user).write({fname: far})
        self.env.invalidate_all()
        self.assertEqual(lot.loco_freshness, "expired")
        self.assertNotIn(self.yoghurt, self.hub._loco_catalogue(self.association))
        picking = self.make_delivery(self.yoghurt, 5)
        self.assertFalse(picking.move_ids.move_line_ids, "nothing expired is reserved")

    def test_a_new_lot_is_not_created_with_its_own_derived_dates(self):
        with self.assertRaisesRegex(AccessError, "cannot be changed by hand"):
            self.env["stock.lot"].with_user(self.hub_user).create(
                {
                    "name": "FORGED-DATES",
                    "product_id": self.yoghurt.id,
                    "company_id": self.company.id,
                    "expiration_date": self.at(-2),
                    "removal_date": self.at(900),
                }
            )

    def test_hub_staff_keep_the_printed_date_of_a_lot_in_use(self):
        lot = self.make_lot(self.yoghurt, 1, "IN-USE-Y")
        self.put_in_stock(lot, 5)
        self.make_delivery(self.yoghurt, 2)  # reserved: the lot is on a transfer
        with self.assertRaisesRegex(AccessError, "cannot be changed by hand"):
            lot.with_user(self.hub_user).expiration_date = self.at(60)
        # a coordinator corrects an entry error, and the rules follow
        lot.with_user(self.coordinator).expiration_date = self.at(4)
        self.assertEqual(lot.distributable_until, self.end_of(4))
        # a DDM lot's expiration date is derived: nobody writes it
        ddm_lot = self.make_lot(self.pasta, 10, "DDM-P")
        with self.assertRaisesRegex(AccessError, "cannot be changed by hand"):
            ddm_lot.with_user(self.coordinator).expiration_date = self.at(900)

    def test_a_lot_on_a_transfer_cannot_be_deleted(self):
        lot = self.make_lot(self.yoghurt, 5, "TRACED-Y")
        self.put_in_stock(lot, 5)
        self.make_delivery(self.yoghurt, 2)
        with self.assertRaisesRegex(UserError, "so that its food can be traced"):
            lot.with_user(self.hub_user).unlink()
        self.assertTrue(lot.exists())

    def test_quarantine_and_zone_flags_are_the_hub_setup(self):
        stock = self.hub.lot_stock_id
        for user in (self.hub_user, self.coordinator):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "cannot be changed by hand"):
                    stock.with_user(user).loco_quarantine = True
                with self.assertRaisesRegex(AccessError, "cannot be changed by hand"):
                    self.hub.loco_ambient_location_id.with_user(
                        user
                    ).loco_temperature_class = "frozen"
        with self.assertRaisesRegex(AccessError, "cannot be changed by hand"):
            self.env["stock.location"].with_user(self.coordinator).create(
                {"name": "Fake quarantine", "location_id": stock.id, "loco_quarantine": True}
            )
        with self.assertRaisesRegex(AccessError, "cannot be changed by hand"):
            self.hub.with_user(self.coordinator).loco_quarantine_location_id = stock
        self.assertFalse(stock.loco_quarantine)

    def test_what_is_inside_quarantine_is_quarantine(self):
        quarantine = self.hub.loco_quarantine_location_id
        shelf = (
            self.env["stock.location"]
            .with_user(self.coordinator)
            .create({"name": "Shelf Q1", "location_id": quarantine.id})
        )
        self.assertTrue(shelf.loco_quarantine)
        # even moved inside the stock, quarantine and what it holds are never reserved
        quarantine.with_user(self.coordinator).location_id = self.hub.lot_stock_id
        self.assertTrue(quarantine.loco_quarantine)
        self.assertTrue(shelf.loco_quarantine)
        lot = self.make_lot(self.pasta, 100, "QUAR-SHELF")
        self.put_in_stock(lot, 7, shelf)
        self.assertNotIn(self.pasta, self.hub._loco_catalogue(self.association))
        picking = self.make_delivery(self.pasta, 3)
        self.assertFalse(picking.move_ids.move_line_ids)
        # taken out of quarantine, the shelf is stock again
        shelf.with_user(self.coordinator).location_id = self.hub.loco_ambient_location_id
        self.assertFalse(shelf.loco_quarantine)

    def test_hub_staff_keep_the_hub_structure(self):
        for location in (
            self.hub.lot_stock_id,
            self.hub.loco_chilled_location_id,
            self.hub.loco_quarantine_location_id,
        ):
            for vals in (
                {"active": False},
                {"removal_strategy_id": self.env.ref("stock.removal_lifo").id},
                {"location_id": self.hub.lot_stock_id.id},
                {"usage": "view"},
            ):
                if vals.get("location_id") == location.id:
                    continue
                with self.subTest(location=location.name, vals=vals):
                    # refused by LOCO (or, archiving the stock, by Odoo itself first)
                    with self.assertRaises(UserError):
                        location.with_user(self.hub_user).write(vals)
        self.assertEqual(self.hub.lot_stock_id.removal_strategy_id.method, "fefo")
        # their own shelves are theirs
        shelf = self.env["stock.location"].create(
            {"name": "Shelf A", "location_id": self.hub.loco_ambient_location_id.id}
        )
        shelf.with_user(self.hub_user).write({"name": "Shelf A1", "active": False})

    def test_a_food_lot_is_not_dated_a_century_ahead(self):
        """Odoo's lots accept dates up to 2200 for other apps; a food lot's printed
        date is LOCO's, ten years ahead at most."""
        with self.assertRaisesRegex(ValidationError, "plausible date"):
            self.env["stock.lot"].with_user(self.hub_user).create(
                {
                    "name": "CENTURY-Y",
                    "product_id": self.yoghurt.id,
                    "company_id": self.company.id,
                    "expiration_date": "2150-01-01 12:00:00",
                }
            )
        lot = self.make_lot(self.pasta, 10, "DECADE-P")
        with self.assertRaisesRegex(ValidationError, "plausible date"):
            lot.with_user(self.hub_user).use_date = "2150-01-01 12:00:00"
