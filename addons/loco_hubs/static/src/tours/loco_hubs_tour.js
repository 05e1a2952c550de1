/** A coordinator opens LOCO, looks at a hub's zones, then at stock by freshness. */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("loco_hubs_coordinator_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the LOCO app",
            trigger: '.o_app[data-menu-xmlid="loco_hubs.menu_loco_root"]',
            run: "click",
        },
        {
            content: "Open the hubs",
            trigger: 'a[data-menu-xmlid="loco_hubs.menu_loco_hubs"]',
            run: "click",
        },
        {
            content: "Open the Bruxelles hub",
            trigger: '.o_kanban_record:contains("Bruxelles")',
            run: "click",
        },
        {
            content: "The hub shows its chilled zone",
            trigger:
                '.o_field_widget[name="loco_chilled_location_id"]:contains("Chilled")',
        },
        {
            content: "and its quarantine",
            trigger:
                '.o_field_widget[name="loco_quarantine_location_id"]:contains("Quarantine")',
        },
        {
            content: "Go to stock by freshness",
            trigger: 'a[data-menu-xmlid="loco_hubs.menu_loco_stock_freshness"]',
            run: "click",
        },
        {
            content: "Stock is grouped by hub: open Bruxelles",
            trigger: '.o_group_header:contains("Bruxelles")',
            run: "click",
        },
        {
            content: "Urgent lots are flagged",
            trigger: '.o_data_row .o_field_badge:contains("Urgent")',
        },
    ],
});
