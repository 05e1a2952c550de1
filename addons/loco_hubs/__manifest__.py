# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

{
    "name": "LOCO Hubs",
    "summary": "Food-aid hubs on stock warehouses: temperature zones, DLC/DDM "
    "shelf-life rules, FEFO, quarantine sweep and associations",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/loco-food-aid/loco",
    "author": "LOCO (Logistique Collaborative)",
    "maintainers": ["cdupont-loco", "pjanssens-loco"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["stock", "product_expiry", "portal", "contacts", "mail"],
    "data": [
        "security/loco_hubs_security.xml",
        "security/ir.model.access.csv",
        "data/loco_shelf_life_rule_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/ir_sequence_data.xml",
        "views/loco_shelf_life_rule_views.xml",
        "views/product_category_views.xml",
        "views/res_partner_views.xml",
        "views/stock_warehouse_views.xml",
        "views/stock_lot_views.xml",
        "views/stock_quant_views.xml",
        "views/loco_order_views.xml",
        "views/portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_users_demo.xml",
        "demo/product_category_demo.xml",
        "demo/stock_warehouse_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/product_product_demo.xml",
        "demo/stock_demo.xml",
        "demo/res_users_portal_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["loco_hubs/static/src/tours/*.js"],
    },
    "application": True,
    "installable": True,
}
