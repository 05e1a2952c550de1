# Copyright 2026 LOCO (Logistique Collaborative)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""An integrator scripts exchanges over JSON-RPC (the web client's own route): bad
input and wrong states get the same clear sentences, and nothing is half-written."""

import json

from odoo.tests import HttpCase, tagged

from .test_exchange import LocoExchangeCase


@tagged("post_install", "-at_install")
class TestExchangeRpc(LocoExchangeCase, HttpCase):
    def call(self, model, method, args, kwargs=None, refused=True):
        """The JSON-RPC reply; a refusal is logged by Odoo as a warning, expected."""
        if not refused:
            return self._call(model, method, args, kwargs)
        with self.assertLogs("odoo.http", level="WARNING"):
            return self._call(model, method, args, kwargs)

    def _call(self, model, method, args, kwargs=None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload, allow_nan=True),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def error(self, reply):
        self.assertIn("error", reply, reply)
        return reply["error"]["data"]["message"]

    def test_bad_input_and_wrong_states_over_rpc(self):
        self.authenticate(self.hub_user.login, self.hub_user.login)
        vals = {
            "from_hub_id": self.hub.id,
            "to_hub_id": self.hub2.id,
            "line_ids": [[0, 0, {"lot_id": self.yoghurt_lot.id, "quantity": float("nan")}]],
        }
        self.assertIn("must be a number", self.error(self.call("loco.exchange", "create", [vals])))
        vals["line_ids"][0][2]["quantity"] = 1e300
        self.assertIn("must be a number", self.error(self.call("loco.exchange", "create", [vals])))
        vals["line_ids"][0][2].update(quantity=5, lot_id=2**40)
        self.assertIn("does not exist", self.error(self.call("loco.exchange", "create", [vals])))
        vals["line_ids"][0][2]["lot_id"] = self.yoghurt_lot.id
        vals["scheduled_date"] = "9999-12-31 00:00:00"
        self.assertIn(
            "not a plausible date", self.error(self.call("loco.exchange", "create", [vals]))
        )
        del vals["scheduled_date"]
        vals["line_ids"][0][2]["quantity"] = 500
        exchange_id = self.call("loco.exchange", "create", [vals], refused=False)["result"]
        self.assertIn(
            "are free at", self.error(self.call("loco.exchange", "action_propose", [[exchange_id]]))
        )
        self.assertIn(
            "cannot be shipped: it is Draft",
            self.error(self.call("loco.exchange", "action_ship", [[exchange_id]])),
        )
        self.assertIn(
            "change only through",
            self.error(self.call("loco.exchange", "write", [[exchange_id], {"state": "received"}])),
        )
        exchange = self.env["loco.exchange"].browse(exchange_id)
        self.assertEqual(exchange.state, "draft")
        self.assertFalse(exchange.out_picking_id)
        self.assertEqual(
            self.env["loco.exchange"].search_count([("from_hub_id", "=", self.hub.id)]), 1
        )
