/** A coordinator opens the map of the associations: each located association is a
 * marker (or a cluster of them) on the map. */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("loco_fleet_map_tour", {
    url: "/odoo/action-loco_fleet.action_loco_map_associations",
    steps: () => [
        {
            content: "The map is drawn",
            trigger: ".leaflet-container",
        },
        {
            content: "The associations are on it",
            trigger: ".leaflet-marker-icon",
        },
    ],
});
