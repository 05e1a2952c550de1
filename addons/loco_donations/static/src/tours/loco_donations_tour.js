/** A hotline operator takes a call: finds the donor by the phone number heard, adds
 * what is given, registers — by keyboard alone (typing, Enter, Tab and hotkeys). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("loco_donations_operator_tour", {
    url: "/odoo/action-loco_donations.loco_donation_offer_action",
    steps: () => [
        {
            content: "New offer (Alt+C)",
            trigger: ".o_kanban_view",
            run: "press alt+c",
        },
        {
            content: "Type the phone number the donor gives",
            trigger: '.o_field_widget[name="donor_id"] input',
            run: "edit 02 538 41",
        },
        {
            content: "The donor is found by phone: Enter picks it",
            trigger: '.o-autocomplete--dropdown-item:contains("Delhaize Saint-Gilles")',
            run: "press Enter",
        },
        {
            content: "The Bruxelles hub is proposed from the postal code",
            trigger: '.o_field_widget[name="hub_id"] input:value("Bruxelles")',
        },
        {
            content: "Tab to 'Add a line' and press Enter",
            trigger: ".o_field_x2many_list_row_add a",
            async run(helpers) {
                const addLine = () =>
                    document.activeElement?.closest(".o_field_x2many_list_row_add");
                for (let tabs = 0; tabs < 40 && !addLine(); tabs++) {
                    await helpers.press("Tab");
                }
                if (!addLine()) {
                    throw new Error("'Add a line' cannot be reached with Tab");
                }
                await helpers.press("Enter");
            },
        },
        {
            content: "Type the product",
            trigger: '.o_selected_row .o_field_widget[name="product_id"] input',
            run: "edit Spaghetti",
        },
        {
            content: "Enter picks it",
            trigger: '.o-autocomplete--dropdown-item:contains("Spaghetti")',
            run: "press Enter",
        },
        {
            content: "Quantity",
            trigger: '.o_selected_row .o_field_widget[name="quantity"] input',
            run: "edit 25",
        },
        {
            content: "Best-before date",
            trigger: '.o_selected_row .o_field_widget[name="ddm"] input',
            run: "edit 12/31/2030",
        },
        {
            content: "Register (Alt+Q)",
            trigger: '.o_selected_row .o_field_widget[name="ddm"] input',
            run: "press alt+q",
        },
        {
            content: "The offer is registered",
            trigger:
                '.o_statusbar_status button.o_arrow_button_current:contains("Registered")',
        },
    ],
});
