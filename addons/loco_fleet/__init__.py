# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import models
from . import wizards
from . import report


def post_init_hook(env):
    """The hubs that exist already group their transfers in rounds, not in automatic
    batches (see ``stock.warehouse._loco_setup_hub``)."""
    env["stock.warehouse"].search([("loco_hub", "=", True)])._loco_no_auto_batch()


def uninstall_hook(env):
    """fleet's multi-company rule on vehicles applies to reads again (loco_fleet let
    every organisation read the LOCO pool's vehicles)."""
    rule = env.ref("fleet.ir_rule_fleet_vehicle", raise_if_not_found=False)
    if rule:
        rule.perm_read = True
