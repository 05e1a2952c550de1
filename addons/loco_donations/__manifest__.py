# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

{
    "name": "LOCO Donations",
    "summary": "Donor offers from the 105 hotline become stock receipts in the hubs; "
    "donation valuation and the accountants' XLSX export",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/loco-food-aid/loco",
    "author": "LOCO (Logistique Collaborative)",
    "maintainers": ["cdupont-loco", "pjanssens-loco"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["loco_hubs"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/loco_donations_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "views/loco_donation_offer_views.xml",
        "views/res_partner_views.xml",
        "views/product_category_views.xml",
        "views/stock_picking_views.xml",
        "views/loco_exchange_views.xml",
        "views/loco_waste_report_views.xml",
        "report/loco_vat_document_report.xml",
        "data/mail_template_data.xml",
        "views/loco_vat_document_views.xml",
        "views/portal_templates.xml",
        "views/loco_fead_campaign_views.xml",
        "views/stock_lot_views.xml",
        "report/loco_donation_report_views.xml",
        "wizards/loco_donation_export_views.xml",
        "wizards/loco_vat_summary_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/loco_donation_offer_demo.xml",
        "demo/loco_exchange_demo.xml",
        "demo/loco_accountability_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["loco_donations/static/src/tours/*.js"],
    },
    "installable": True,
}
