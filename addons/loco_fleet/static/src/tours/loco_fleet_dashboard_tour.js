/** A coordinator opens the network's outcomes in the Dashboards app: the spreadsheet
 * loads its pivots (a pivot or formula it cannot read would raise an error). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("loco_fleet_dashboard_tour", {
    url: "/odoo/dashboards",
    steps: () => [
        {
            content: "Open the network's outcomes",
            trigger: ".o_search_panel_category_value:contains('LOCO: the network')",
            run: "click",
        },
        {
            content: "The spreadsheet is drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-grid canvas",
        },
        {
            content: "No error was raised",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});
