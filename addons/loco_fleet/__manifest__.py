# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

{
    "name": "LOCO Fleet",
    "summary": "Collection and delivery rounds with shared vehicles: cold chain, "
    "OR-Tools route optimisation, drivers on the phone and cost sharing",
    "version": "18.0.1.0.0",
    "category": "Inventory/Delivery",
    "website": "https://github.com/loco-food-aid/loco",
    "author": "LOCO (Logistique Collaborative)",
    "maintainers": ["cdupont-loco", "pjanssens-loco"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "loco_donations",
        "fleet",
        "stock_fleet",
        "spreadsheet_dashboard",
        # OCA (requirements-oca.txt): the network's map
        "web_view_leaflet_map",
    ],
    "external_dependencies": {"python": ["ortools", "pyvrp", "pyvroom", "requests"]},
    "data": [
        "security/loco_fleet_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_template_data.xml",
        "data/spreadsheet_dashboard_data.xml",
        "views/fleet_vehicle_views.xml",
        "views/loco_round_stop_views.xml",
        "views/loco_round_views.xml",
        "views/loco_exchange_views.xml",
        "views/loco_round_cost_views.xml",
        "views/loco_vehicle_booking_views.xml",
        "views/loco_vehicle_charge_views.xml",
        "views/stock_warehouse_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/loco_round_planner_views.xml",
        "wizards/loco_round_stop_report_views.xml",
        "wizards/loco_vehicle_statement_views.xml",
        "report/loco_round_report.xml",
        "report/loco_vehicle_statement_report.xml",
        "views/loco_map_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/fleet_vehicle_demo.xml",
        "demo/loco_vehicle_booking_demo.xml",
        "demo/loco_round_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["loco_fleet/static/src/tours/*.js"],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
