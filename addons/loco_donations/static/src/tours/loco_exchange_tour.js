/** Charleroi's hub staff find the surplus another organisation's hub proposes to them
 * and accept it: the food is set aside at the sending hub. */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("loco_donations_exchange_accept_tour", {
    url: "/odoo/action-loco_donations.loco_exchange_action",
    steps: () => [
        {
            content: "The Restos' central logistics propose their surplus to Charleroi",
            trigger:
                '.o_data_row:contains("Fernelmont"):contains("Charleroi") td[name="name"]',
            run: "click",
        },
        {
            content: "Its lines say what comes: the UHT milk and its lot",
            trigger:
                '.o_field_widget[name="line_ids"] .o_data_row:contains("FER-MLK-2881")',
        },
        {
            content: "Accept it",
            trigger: 'button[name="action_accept"]',
            run: "click",
        },
        {
            content: "It is accepted: the sending hub ships it",
            trigger:
                '.o_statusbar_status button.o_arrow_button_current[data-value="accepted"]',
        },
    ],
});
