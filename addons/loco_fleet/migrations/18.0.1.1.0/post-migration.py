# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Hubs set up before 18.0.1.1.0 stop batching their transfers by partner: their
    rounds are their batches (as for a hub set up now)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["stock.warehouse"].search([("loco_hub", "=", True)])._loco_no_auto_batch()
