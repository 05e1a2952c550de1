"""Load benchmark of the portal (run with `make bench-load`; not a test).

A copy of the test database is served by a real multi-worker Odoo on 127.0.0.1; 50
association volunteers log in, open the Bourse aux dons and, all at the same moment
(stock release), order 5 units of a product of which the hub has 100. Prints orders/s,
latency percentiles and the oversell count (must be 0). Bounded: one order per
session, every request times out, the server is stopped at the end.
"""

import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from load_scale import Rpc
from tablefmt import table

ROOT = Path(__file__).resolve().parents[2]
SESSIONS = int(os.environ.get("LOCO_LOAD_SESSIONS", 50))
STOCK = 100
ASK = 5
WORKERS = int(os.environ.get("LOCO_LOAD_WORKERS", 4))
TIMEOUT = 60
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(odoo_path, db, port, data_dir):
    command = [
        sys.executable,
        f"{odoo_path}/odoo-bin",
        "--addons-path",
        f"{odoo_path}/addons,{odoo_path}/odoo/addons,{ROOT}/addons",
        "--db_host=",
        "-d",
        db,
        f"--db-filter=^{db}$",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={free_port()}",
        f"--workers={WORKERS}",
        "--max-cron-threads=0",
        f"--data-dir={data_dir}",
        "--log-level=warn",
        "--limit-time-real=120",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/web/login", timeout=5).status_code == 200:
                return server
        except requests.RequestException:
            time.sleep(1)
    server.kill()
    raise RuntimeError("the Odoo server did not start")


def prepare(url, db, tag):
    """Associations with portal users and a product of which the hub has STOCK."""

    call = Rpc(url, db)

    hub_id = call("ir.model.data", "check_object_reference", "loco_hubs", "hub_bruxelles")[1]
    zone = call("stock.warehouse", "read", [hub_id], ["loco_ambient_location_id"])[0][
        "loco_ambient_location_id"
    ][0]
    categ = call("ir.model.data", "check_object_reference", "loco_hubs", "categ_pasta")[1]
    product = call(
        "product.product", "create", {"name": f"Load test pasta {tag}", "categ_id": categ}
    )
    lot = call(
        "stock.lot",
        "create",
        {
            "name": f"LOAD-{tag}",
            "product_id": product,
            "use_date": "2030-01-01 12:00:00",
        },
    )
    quant = call(
        "stock.quant",
        "create",
        {
            "product_id": product,
            "location_id": zone,
            "lot_id": lot,
            "inventory_quantity": STOCK,
        },
    )
    call("stock.quant", "action_apply_inventory", [quant])
    portal_group = call("ir.model.data", "check_object_reference", "base", "group_portal")[1]
    logins = []
    for index in range(SESSIONS):
        association = call(
            "res.partner",
            "create",
            {
                "name": f"Load association {tag} {index}",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": hub_id,
                "loco_beneficiaries": 50 + index,
            },
        )
        contact = call(
            "res.partner", "create", {"name": f"Volunteer {index}", "parent_id": association}
        )
        login = f"load_{tag}_{index}"
        call(
            "res.users",
            "create",
            {
                "name": f"Volunteer {index}",
                "login": login,
                "password": login,
                "partner_id": contact,
                "groups_id": [(6, 0, [portal_group])],
            },
        )
        logins.append(login)
    return call, product, logins


def volunteer(url, login, product, barrier, results):
    session = requests.Session()
    page = session.get(f"{url}/web/login", timeout=TIMEOUT).text
    session.post(
        f"{url}/web/login",
        timeout=TIMEOUT,
        data={
            "login": login,
            "password": login,
            "csrf_token": CSRF.search(page).group(1),
            "redirect": "/my/bourse",
        },
    )
    bourse = session.get(f"{url}/my/bourse", timeout=TIMEOUT).text
    token = CSRF.search(bourse).group(1)
    barrier.wait(timeout=TIMEOUT)
    start = time.perf_counter()
    response = session.post(
        f"{url}/my/bourse/order",
        timeout=TIMEOUT,
        data={
            "csrf_token": token,
            f"qty_{product}": str(ASK),
            "delivery_method": "pickup",
        },
    )
    results.append((time.perf_counter() - start, response.status_code))


def main():
    odoo_path = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
    source_db = os.environ.get("TEST_DB", "loco_test")
    db = "loco_bench_load"
    data_dir = ROOT / "var" / "data"
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    subprocess.run(["createdb", "-T", source_db, db], check=True)
    port = free_port()
    server = start_server(odoo_path, db, port, data_dir)
    url = f"http://127.0.0.1:{port}"
    try:
        call, product, logins = prepare(url, db, str(int(time.time()))[-6:])
        barrier = threading.Barrier(len(logins))
        results = []
        threads = [
            threading.Thread(target=volunteer, args=(url, login, product, barrier, results))
            for login in logins
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=3 * TIMEOUT)
        elapsed = time.perf_counter() - start
        lines = call(
            "loco.order.line",
            "search_read",
            [
                ("product_id", "=", product),
                ("order_id.state", "not in", ["cancelled", "draft"]),
            ],
            ["quantity"],
        )
        ordered = sum(line["quantity"] for line in lines)
        latencies = sorted(seconds for seconds, _status in results)
        errors = sum(1 for _seconds, status in results if status != 200)
        p95 = latencies[max(int(len(latencies) * 0.95) - 1, 0)]
        order_phase = max(latencies)
        table(
            f"{SESSIONS} portal sessions order {ASK} units each at stock release "
            f"({STOCK} units, {WORKERS} workers)",
            (
                "orders sent",
                "HTTP errors",
                "orders/s",
                "median ms",
                "p95 ms",
                "max ms",
                "units ordered",
                "oversell",
            ),
            [
                (
                    len(results),
                    errors,
                    f"{len(results) / order_phase:.1f}",
                    f"{statistics.median(latencies) * 1000:.0f}",
                    f"{p95 * 1000:.0f}",
                    f"{latencies[-1] * 1000:.0f}",
                    f"{ordered:.0f}",
                    f"{max(ordered - STOCK, 0):.0f}",
                )
            ],
        )
        print(f"whole run (logins included): {elapsed:.1f} s")
        return 0 if ordered <= STOCK and not errors else 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        subprocess.run(["dropdb", "--if-exists", db], check=False)


if __name__ == "__main__":
    sys.exit(main())
