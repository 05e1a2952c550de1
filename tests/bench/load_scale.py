"""Past one server, on existing engines (`make bench-scale`; not a test).

One command starts, on this machine and on loopback only:

- a PostgreSQL streaming replica of the local cluster: a second cluster on a free port,
  made by `pg_basebackup` (the primary gets a `host replication` line for 127.0.0.1 in
  its pg_hba.conf when it has none, and reloads);
- Odoo with `--workers` behind nginx (the reverse proxy of config/nginx.conf, as the
  README documents: `proxy_mode`, X-Forwarded-* headers, /websocket to the gevent
  port), `--db_replica_host/port` on the replica;
- the jobs' own Odoo (`--workers`, the cron and OCA queue_job's runner loaded
  server-wide, the channels of config/odoo.conf), which no request reaches;

on a copy of the national data set (`make bench-data`; the test database when there
is none). Then SESSIONS association volunteers open the Bourse aux dons and order at
stock release, all at the same moment, while BACKOFFICE staff read orders and outcomes
through the web client's read-only calls and queue exports. Halfway through, the
replica is stopped. Printed: latency percentiles, errors, oversell, the share of
transactions the replica served, reads after writes that missed the write, and the
queued jobs done. Bounded: every request times out, the run has a deadline, and every
process started is stopped at the end.
"""

import collections
import contextlib
import datetime
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
from tablefmt import table

ROOT = Path(__file__).resolve().parents[2]
SESSIONS = int(os.environ.get("LOCO_LOAD_SESSIONS", 200))
BACKOFFICE = int(os.environ.get("LOCO_LOAD_BACKOFFICE", 20))
WORKERS = int(os.environ.get("LOCO_LOAD_WORKERS", 4))
# the jobs' own Odoo: one worker more than the jobs that run at once (root:2)
JOB_WORKERS = 3
CHANNELS = "root:2,root.loco_sweep:1,root.loco_export:1,root.loco_planner:1,root.loco_recall:1"
STOCK = 500
ASK = 5
THINK = 3.0  # seconds a member of staff takes between two clicks (reads a list)
TIMEOUT = 60
DEADLINE = 900  # seconds: the whole run stops by then
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PG_BIN = Path("/usr/lib/postgresql")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql(sql, db="postgres", port=None):
    command = ["psql", "-XAtq", "-d", db, "-c", sql]
    if port:
        command[1:1] = ["-h", "127.0.0.1", "-p", str(port)]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


class Replica:
    """A hot standby of the local cluster, streaming from it, on its own port."""

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="loco-replica-"))
        self.data = self.dir / "data"
        version = psql("SHOW server_version_num")[:2]
        self.bin = PG_BIN / version / "bin"

    def allow_replication(self):
        rules = psql("SELECT count(*) FROM pg_hba_file_rules WHERE 'replication' = ANY(database)")
        if rules == "0":
            hba = psql("SHOW hba_file")
            with open(hba, "a") as handle:
                handle.write(
                    "\n# added by LOCO's scale benchmark: a local streaming replica\n"
                    "host replication all 127.0.0.1/32 trust\n"
                )
            psql("SELECT pg_reload_conf()")
            print(f"replication from 127.0.0.1 allowed in {hba}")

    def start(self):
        self.allow_replication()
        subprocess.run(
            [
                "pg_basebackup",
                "-h",
                "127.0.0.1",
                "-D",
                str(self.data),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
            ],
            check=True,
        )
        # a standby needs at least the primary's limits
        limits = {
            name: psql(f"SHOW {name}")
            for name in (
                "max_connections",
                "max_worker_processes",
                "max_wal_senders",
                "max_prepared_transactions",
                "max_locks_per_transaction",
            )
        }
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": self.port,
            "unix_socket_directories": f"'{self.dir}'",
            "hot_standby": "on",
            "hba_file": f"'{self.data}/pg_hba.conf'",
            **limits,
        }
        (self.data / "postgresql.conf").write_text(
            "".join(f"{name} = {value}\n" for name, value in settings.items())
        )
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n"
        )
        shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(["chown", "-R", "postgres:postgres", str(self.dir)], check=True)
        self.pg_ctl("start", "-w", "-l", str(self.dir / "replica.log"))

    def pg_ctl(self, *args):
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(self.bin / "pg_ctl"), "-D", str(self.data)]
            + list(args),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.pg_ctl("stop", "-m", "fast", "-w")

    def remove(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def transactions(db, port=None):
    return int(
        psql(
            f"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '{db}'",
            port=port,
        )
    )


def start_nginx(port, odoo_port, gevent_port):
    """nginx with config/nginx.conf (the one docker compose uses), pointed here."""
    prefix = Path(tempfile.mkdtemp(prefix="loco-nginx-"))
    conf = (ROOT / "config" / "nginx.conf").read_text()
    conf = (
        conf.replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("server odoo:8069;", f"server 127.0.0.1:{odoo_port};")
        .replace("server odoo:8072;", f"server 127.0.0.1:{gevent_port};")
    )
    (prefix / "nginx.conf").write_text(
        f"pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\naccess_log off;\nclient_body_temp_path {prefix};\n"
        f"proxy_temp_path {prefix};\n{conf}\n}}\n"
    )
    process = subprocess.Popen(
        ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
    )
    return process, prefix


def start_odoo(db, port, gevent_port, replica_port=None):
    """Odoo serving the requests (``replica_port``: with the replica, WORKERS workers,
    no cron and no job runner), or, without it, the jobs' own Odoo (JOB_WORKERS
    workers, the cron and queue_job's runner, which sends each job to a worker of
    this server): the jobs never wait behind the volunteers' requests, which
    queue_job would take for dead jobs after 10 s."""
    odoo_path = os.environ.get("ODOO_PATH", "/opt/odoo/18.0")
    web = replica_port is not None
    name = "bench-scale" if web else "bench-scale-jobs"
    command = [
        sys.executable,
        f"{odoo_path}/odoo-bin",
        f"--addons-path={odoo_path}/addons,{odoo_path}/odoo/addons,{ROOT}/addons",
        "--db_host=",
        "-d",
        db,
        f"--db-filter=^{db}$",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={gevent_port}",
        f"--data-dir={ROOT / 'var' / 'data'}",
        "--log-level=warn",
        f"--logfile={ROOT / 'var' / f'{name}.log'}",
        # the limits of config/odoo.conf: a queued export of the year takes minutes
        "--limit-time-cpu=600",
        "--limit-time-real=1200",
        "--db_maxconn=32",
    ]
    if web:
        command += [
            "--db_replica_host=127.0.0.1",
            f"--db_replica_port={replica_port}",
            f"--workers={WORKERS}",
            "--max-cron-threads=0",
            "--proxy-mode",
            "--load=base,web",
        ]
    else:
        command += [f"--workers={JOB_WORKERS}", "--max-cron-threads=1", "--load=base,web,queue_job"]
    # the channels of config/odoo.conf, and the socket timeout of docker compose's
    # `odoo` (a burst overflows the workers' listen queue: a connection's first bytes
    # come late, after the 2 s a worker waits by default)
    env = dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=CHANNELS, ODOO_HTTP_SOCKET_TIMEOUT="30")
    return subprocess.Popen(command, env=env)


def wait_up(url):
    deadline = time.time() + 120
    while time.time() < deadline:
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{url}/web/login", timeout=5).status_code == 200:
                return
        time.sleep(1)
    raise RuntimeError("Odoo did not answer behind nginx")


class Rpc:
    def __init__(self, url, db):
        self.url, self.db = url, db
        self.uid = self.rpc("common", "authenticate", db, "admin", "admin", {})

    def rpc(self, service, method, *args):
        response = requests.post(
            f"{self.url}/jsonrpc",
            timeout=TIMEOUT,
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"service": service, "method": method, "args": args},
            },
        ).json()
        if "error" in response:
            raise RuntimeError(response["error"]["data"]["message"])
        return response.get("result")

    def __call__(self, model, method, *args, **kwargs):
        return self.rpc(
            "object", "execute_kw", self.db, self.uid, "admin", model, method, list(args), kwargs
        )


def prepare(call, tag):
    """A food of which the hub has STOCK units, SESSIONS volunteers of associations of
    that hub, BACKOFFICE coordinators."""
    hub_id = call("ir.model.data", "check_object_reference", "loco_hubs", "hub_bruxelles")[1]
    zone = call("stock.warehouse", "read", [hub_id], ["loco_ambient_location_id"])[0][
        "loco_ambient_location_id"
    ][0]
    categ = call("ir.model.data", "check_object_reference", "loco_hubs", "categ_pasta")[1]
    product = call("product.product", "create", {"name": f"Scale pasta {tag}", "categ_id": categ})
    lot = call(
        "stock.lot",
        "create",
        {"name": f"SCALE-{tag}", "product_id": product, "use_date": "2030-01-01 12:00:00"},
    )
    quant = call(
        "stock.quant",
        "create",
        {"product_id": product, "location_id": zone, "lot_id": lot, "inventory_quantity": STOCK},
    )
    call("stock.quant", "action_apply_inventory", [quant])
    portal = call("ir.model.data", "check_object_reference", "base", "group_portal")[1]
    associations = call(
        "res.partner",
        "create",
        [
            {
                "name": f"Scale association {tag} {index}",
                "is_company": True,
                "loco_association": True,
                "loco_hub_id": hub_id,
                "loco_beneficiaries": 50 + index,
            }
            for index in range(SESSIONS)
        ],
    )
    contacts = call(
        "res.partner",
        "create",
        [
            {"name": f"Volunteer {index}", "parent_id": association}
            for index, association in enumerate(associations)
        ],
    )
    volunteers = [f"scale_{tag}_{index}" for index in range(SESSIONS)]
    users = [
        {
            "name": f"Volunteer {index}",
            "login": login,
            "password": login,
            "partner_id": contact,
            "groups_id": [(6, 0, [portal])],
        }
        for index, (login, contact) in enumerate(zip(volunteers, contacts, strict=True))
    ]
    # a password is hashed on purpose slowly: twenty users a request
    for start in range(0, len(users), 20):
        call("res.users", "create", users[start : start + 20])
    coordinator = call(
        "ir.model.data", "check_object_reference", "loco_hubs", "group_loco_coordinator"
    )[1]
    accountant = call(
        "ir.model.data", "check_object_reference", "loco_donations", "group_loco_accountant"
    )[1]
    staff = [f"scale_staff_{tag}_{index}" for index in range(BACKOFFICE)]
    for start in range(0, len(staff), 20):
        call(
            "res.users",
            "create",
            [
                {
                    "name": f"Staff {index}",
                    "login": login,
                    "password": login,
                    "groups_id": [(6, 0, [coordinator, accountant])],
                }
                for index, login in enumerate(staff[start : start + 20], start=start)
            ],
        )
    return product, volunteers, staff


class Run:
    def __init__(self, url, db, product):
        self.url, self.db, self.product = url, db, product
        self.latencies, self.errors, self.stale = [], [], []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def timed(self, session, method, path, **kwargs):
        start = time.perf_counter()
        try:
            response = session.request(method, f"{self.url}{path}", timeout=TIMEOUT, **kwargs)
            ok = response.status_code == 200 and not re.search(
                r'Traceback|"error":', response.text[:2000]
            )
        except requests.RequestException as error:
            response, ok = error, False
        with self.lock:
            self.latencies.append(time.perf_counter() - start)
            if not ok:
                detail = getattr(response, "text", str(response))
                message = re.search(r'"message": "([^"]*)"|(\w+Error[^\n]*)', detail)
                self.errors.append((path, message.group(0)[:300] if message else detail[:300]))
        return response

    def login(self, login):
        session = requests.Session()
        page = session.get(f"{self.url}/web/login", timeout=TIMEOUT).text
        session.post(
            f"{self.url}/web/login",
            timeout=TIMEOUT,
            data={"login": login, "password": login, "csrf_token": CSRF.search(page).group(1)},
        )
        return session

    def failed(self, where, error):
        with self.lock:
            self.errors.append((where, repr(error)[:300]))

    def volunteer(self, login, barrier, logins):
        try:
            # volunteers log in over the minutes before the release, a few at a time
            with logins:
                session = self.login(login)
                bourse = self.timed(session, "GET", "/my/bourse")
            token = CSRF.search(bourse.text).group(1)
            portal_key = re.search(r'name="portal_key" value="([^"]+)"', bourse.text)
        except Exception as error:  # noqa: BLE001 - counted as an error of the run
            self.failed(f"{login}: log in", error)
            token = None
        try:
            barrier.wait(timeout=DEADLINE / 2)
        except threading.BrokenBarrierError as error:
            # not every volunteer was in before the release's deadline
            self.failed(f"{login}: the release", error)
            return
        if token is None:
            return
        data = {"csrf_token": token, f"qty_{self.product}": str(ASK), "delivery_method": "pickup"}
        if portal_key:
            data["portal_key"] = portal_key.group(1)
        ordered = self.timed(session, "POST", "/my/bourse/order", data=data)
        # read after write: the order just made is in the list (a read-only route)
        match = re.search(r"/my/loco/orders/(\d+)", getattr(ordered, "url", "") or "")
        orders = self.timed(session, "GET", "/my/loco/orders")
        if match and f"/my/loco/orders/{match.group(1)}" not in orders.text:
            with self.lock:
                self.stale.append(login)

    def call_kw(self, session, model, method, args, kwargs=None):
        return self.timed(
            session,
            "POST",
            f"/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            },
        )

    def staff(self, login):
        try:
            session = self.login(login)
            # an export queued (channel root.loco_export): the year for the first of
            # the staff, the last month for the others
            first = login.endswith("_0")
            today = datetime.date.today()
            since = today.replace(month=1, day=1) if first else today - datetime.timedelta(30)
            wizard = self.call_kw(
                session,
                "loco.donation.export",
                "create",
                [{"date_from": since.isoformat()}],
            ).json()["result"]
            self.call_kw(session, "loco.donation.export", "action_export_in_background", [wizard])
        except Exception as error:  # noqa: BLE001 - counted as an error of the run
            self.failed(f"{login}: log in", error)
            return
        calls = (
            ("loco.order", "search_read", [[]], {"fields": ["name", "state"], "limit": 80}),
            (
                "loco.outcome.report",
                "read_group",
                [[], ["received_kg:sum", "distributed_kg:sum"], ["hub_id"]],
                {},
            ),
            ("stock.quant", "search_count", [[("quantity", ">", 0)]], {}),
        )
        turn = 0
        while not self.stop.is_set():
            model, method, args, kwargs = calls[turn % len(calls)]
            self.call_kw(session, model, method, args, kwargs)
            turn += 1
            # a person reads what came before clicking again
            self.stop.wait(THINK)


def wait_for_jobs(call, started, after_id):
    """Wait (until the deadline) for the job runner to end every job queued since
    ``after_id``."""
    start = time.time()
    while True:
        states = call("queue.job", "read_group", [("id", ">", after_id)], ["state"], ["state"])
        counts = {group["state"]: group["state_count"] for group in states}
        waiting = sum(counts.get(s, 0) for s in ("pending", "enqueued", "started"))
        if not waiting or time.time() - started > DEADLINE:
            return {
                "done": counts.get("done", 0),
                "all": sum(counts.values()),
                "seconds": time.time() - start,
            }
        time.sleep(2)


def main():
    # stopped from outside (timeout, Ctrl-C): stop what was started too
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(1))
    source = os.environ.get("BENCH_DB", "loco_national")
    if source not in psql("SELECT string_agg(datname, ' ') FROM pg_database").split():
        source = os.environ.get("TEST_DB", "loco_test")
    db = "loco_bench_scale"
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    subprocess.run(["createdb", "-T", source, db], check=True)
    for name in ("bench-scale", "bench-scale-jobs"):
        (ROOT / "var" / f"{name}.log").unlink(missing_ok=True)
    replica = Replica()
    processes, folders = [], []
    started = time.time()
    try:
        replica.start()
        odoo_port, gevent_port, proxy_port = free_port(), free_port(), free_port()
        processes.append(start_odoo(db, odoo_port, gevent_port, replica.port))
        jobs_port = free_port()
        processes.append(start_odoo(db, jobs_port, free_port()))
        nginx, prefix = start_nginx(proxy_port, odoo_port, gevent_port)
        processes.append(nginx)
        folders.append(prefix)
        url = f"http://127.0.0.1:{proxy_port}"
        wait_up(url)
        wait_up(f"http://127.0.0.1:{jobs_port}")
        call = Rpc(url, db)
        product, volunteers, staff = prepare(call, str(int(time.time()))[-6:])
        run = Run(url, db, product)
        released = threading.Event()
        barrier = threading.Barrier(len(volunteers), action=released.set)
        threads = [
            threading.Thread(target=run.staff, args=(login,), daemon=True) for login in staff
        ]
        logins = threading.Semaphore(8)
        threads += [
            threading.Thread(target=run.volunteer, args=(login, barrier, logins), daemon=True)
            for login in volunteers
        ]
        last_job = (call("queue.job", "search", [], limit=1, order="id desc") or [0])[0]
        primary_before = transactions(db)
        replica_before = transactions(db, replica.port)
        for thread in threads:
            thread.start()
        # tonight's sweep, queued as one job per hub (channel root.loco_sweep)
        cron = call("ir.model.data", "check_object_reference", "loco_hubs", "ir_cron_loco_sweep")
        call("ir.cron", "method_direct_trigger", [cron[1]])
        # while the orders go in, the replica goes away: Odoo must fall back on the primary
        released.wait(timeout=DEADLINE / 2)
        time.sleep(3)
        replica_served = transactions(db, replica.port) - replica_before
        primary_served = transactions(db) - primary_before
        replica.stop()
        stopped_at = len(run.latencies)
        for thread in threads[len(staff) :]:
            thread.join(timeout=max(1, DEADLINE - (time.time() - started)))
        time.sleep(5)  # the staff go on a little without the replica
        run.stop.set()
        for thread in threads[: len(staff)]:
            thread.join(timeout=TIMEOUT)
        lines = call(
            "loco.order.line",
            "search_read",
            [("product_id", "=", product), ("order_id.state", "not in", ["cancelled", "draft"])],
            ["quantity"],
        )
        ordered = sum(line["quantity"] for line in lines)
        latencies = sorted(run.latencies)
        jobs = wait_for_jobs(call, started, last_job)
        p95 = latencies[max(int(len(latencies) * 0.95) - 1, 0)]
        table(
            f"{SESSIONS} association sessions order at stock release while {BACKOFFICE} staff "
            f"work; Odoo {WORKERS} workers behind nginx, a streaming replica stopped halfway",
            (
                "requests",
                "errors",
                "median ms",
                "p95 ms",
                "max ms",
                "units ordered",
                "oversell",
                "replica share",
                "requests after the replica stopped",
                "stale reads",
                "queued jobs done",
            ),
            [
                (
                    len(latencies),
                    len(run.errors),
                    f"{statistics.median(latencies) * 1000:.0f}",
                    f"{p95 * 1000:.0f}",
                    f"{latencies[-1] * 1000:.0f}",
                    f"{ordered:.0f} of {STOCK}",
                    f"{max(ordered - STOCK, 0):.0f}",
                    f"{replica_served / max(1, replica_served + primary_served):.0%}",
                    len(latencies) - stopped_at,
                    len(run.stale),
                    f"{jobs['done']} of {jobs['all']} ({jobs['seconds']:.0f} s)",
                )
            ],
        )
        # the errors by page and cause (a status line or an exception's name)
        causes = collections.Counter(
            (
                path.split(": ")[-1],
                " ".join(re.findall(r"\b\d{3} [A-Z][A-Za-z ]+|\w+Error", status)[:1]),
            )
            for path, status in run.errors
        )
        for (path, cause), count in causes.most_common():
            print(f"errors: {count} x {path} {cause or '(other)'}")
        ok = not run.errors and ordered <= STOCK and not run.stale
        return 0 if ok and jobs["done"] == jobs["all"] else 1
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        replica.remove()
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(["dropdb", "--if-exists", db], check=False)


if __name__ == "__main__":
    sys.exit(main())
