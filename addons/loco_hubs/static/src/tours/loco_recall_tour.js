/** A supplier recalls a lot: the coordinator opens a recall, blocks the food and
 * notifies the associations. */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("loco_hubs_recall_tour", {
    url: "/odoo/action-loco_hubs.loco_recall_action",
    steps: () => [
        {
            content: "A new recall",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Why: the supplier's notice",
            trigger: '.o_field_widget[name="reason"] textarea',
            run: "edit Salmonella in the supplier's spaghetti",
        },
        {
            content: "The lot recalled",
            trigger: '.o_field_widget[name="lot_ids"] input',
            run: "edit BXL-SPA",
        },
        {
            content: "Pick it",
            trigger: '.o-autocomplete--dropdown-item:contains("BXL-SPA-2413")',
            run: "click",
        },
        {
            content: "Block the food",
            trigger: 'button[name="action_open"]',
            run: "click",
        },
        {
            content: "Confirm: it moves to quarantine now",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The recall is open, its food blocked",
            trigger:
                '.o_statusbar_status button.o_arrow_button_current[data-value="open"]',
        },
        {
            content: "Notify the associations",
            trigger: 'button[name="action_notify"]',
            run: "click",
        },
        {
            content: "They are notified",
            trigger:
                '.o_statusbar_status button.o_arrow_button_current[data-value="notified"]',
        },
    ],
});
