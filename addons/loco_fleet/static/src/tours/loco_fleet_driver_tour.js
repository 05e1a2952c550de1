/** A driver runs tomorrow's round on a phone: opens it, starts, records a pickup
 * done and a delivery failed, reads the odometer and closes the round. */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("loco_fleet_driver_tour", {
    url: "/odoo/action-loco_fleet.action_loco_round_driver",
    steps: () => [
        {
            content: "Open my round",
            trigger: ".o_kanban_record:contains('RND/')",
            run: "click",
        },
        {
            content: "Start the round",
            trigger: ".o_form_view .o_form_sheet button[name='action_start']",
            run: "click",
        },
        {
            content: "The round is on the road",
            trigger: ".o_form_view .o_form_sheet button[name='action_done']",
        },
        {
            content: "First stop: the pickup is done",
            trigger:
                ".o_field_widget[name='stop_ids'] .o_kanban_record:contains('Aldi') button:contains('Done')",
            run: "click",
        },
        {
            content: "Who gave the goods",
            trigger: ".modal .o_field_widget[name='contact_name'] input",
            run: "edit Luc",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The pickup is done",
            trigger:
                ".o_field_widget[name='stop_ids'] .o_kanban_record:contains('Aldi'):not(:has(button:contains('Done')))",
        },
        {
            content: "Second stop: the delivery failed",
            trigger:
                ".o_field_widget[name='stop_ids'] .o_kanban_record:contains('Mons') button:contains('Failed')",
            run: "click",
        },
        {
            content: "Why",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit Closed on Mondays",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Odometer at return",
            trigger:
                ".o_field_widget[name='stop_ids'] .o_kanban_record:contains('Mons'):not(:has(button:contains('Failed')))",
            run() {},
        },
        {
            content: "Odometer at return",
            trigger: ".o_field_widget[name='odometer_end'] input",
            run: "edit 91600",
        },
        {
            content: "Close the round",
            trigger: ".o_form_view .o_form_sheet button[name='action_done']",
            run: "click",
        },
        {
            content: "The round is done",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});
