/** A coordinator builds tomorrow's rounds of the Charleroi hub in one click. */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("loco_fleet_planner_tour", {
    url: "/odoo/action-loco_hubs.stock_warehouse_action_loco_hub",
    steps: () => [
        {
            content: "Open the Charleroi hub",
            trigger:
                ".o_kanban_record:contains('Charleroi'), .o_data_row:contains('Charleroi')",
            run: "click",
        },
        {
            content: "Build rounds",
            trigger: ".o_form_view button[name='action_loco_plan_rounds']",
            run: "click",
        },
        {
            content: "Tomorrow's pickups are proposed",
            trigger:
                ".modal .o_field_widget[name='offer_ids'] .o_data_row:contains('Aldi')",
        },
        {
            content: "One click",
            trigger: ".modal button[name='action_build']",
            run: "click",
        },
        {
            content: "The rounds are built",
            trigger: ".o_list_view .o_data_row:contains('Charleroi')",
        },
    ],
});
