/** An association volunteer orders from the Bourse aux dons and finds the order. */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("loco_portal_order_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the Bourse aux dons from the portal home",
            trigger: 'a[href="/my/bourse"]',
            run: "click",
        },
        {
            content: "Take one of the first product",
            trigger: ".o_loco_bourse_row input[type=number]",
            run: "edit 1",
        },
        {
            content: "Order",
            trigger: ".o_loco_submit",
            run: "click",
        },
        {
            content: "The order is submitted",
            trigger: ".o_loco_order h2:contains(CMD/):contains(Submitted)",
        },
        {
            content: "Go to my orders",
            trigger: 'a[href="/my/loco/orders"]',
            run: "click",
        },
        {
            content: "The order is listed",
            trigger: "table a:contains(CMD/)",
        },
    ],
});
