"""The Docker deployment files: docker-compose.yml and config/odoo.conf.

Docker is not needed: the files are parsed and their key settings checked. They also
run inside the `tests` compose service, which mounts both files under /mnt.
"""

import configparser
import shlex
from pathlib import Path, PurePosixPath

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ADDONS_MOUNT = "/mnt/extra-addons"


def every_addon():
    return {path.parent.name for path in (ROOT / "addons").glob("*/__manifest__.py")}


def default_addons(value):
    """The addons of a "${LOCO_ADDONS:-a,b}" default."""
    assert value.startswith("${LOCO_ADDONS:-") and value.endswith("}"), value
    return set(value[len("${LOCO_ADDONS:-") : -1].split(","))


CONFIG_MOUNT = "/etc/odoo/odoo.conf"


@pytest.fixture(scope="module")
def compose():
    with open(ROOT / "docker-compose.yml", encoding="utf-8") as file:
        return yaml.safe_load(file)


@pytest.fixture(scope="module")
def odoo_conf():
    parser = configparser.ConfigParser(interpolation=None)
    with open(ROOT / "config" / "odoo.conf", encoding="utf-8") as file:
        parser.read_file(file)
    return parser["options"]


def mounts(service):
    """{container path: host path} of a service's short-syntax bind mounts and volumes."""
    result = {}
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        result[target] = source
    return result


def services_of_image(compose, image):
    return {name: svc for name, svc in compose["services"].items() if svc.get("image") == image}


def command_text(service):
    command = service.get("command", "")
    return command if isinstance(command, str) else " ".join(command)


def test_images(compose):
    images = {svc.get("image") for svc in compose["services"].values()}
    assert "odoo:18.0" in images
    assert "postgres:16" in images
    assert images <= {"odoo:18.0", "postgres:16", "nginx:1.27"}, "only the official images"


def test_postgres_credentials(compose):
    db = compose["services"]["db"]
    assert db["environment"]["POSTGRES_DB"] == "postgres"
    assert db["environment"]["POSTGRES_USER"] == "odoo"
    assert db["environment"]["POSTGRES_PASSWORD"] == "odoo"
    assert "/var/lib/postgresql/data" in mounts(db), "the database outlives the container"


def test_odoo_services_mount_addons_and_config(compose):
    odoo_services = services_of_image(compose, "odoo:18.0")
    assert {"odoo", "odoo-jobs", "tests"} <= set(odoo_services)
    for name, service in odoo_services.items():
        volumes = mounts(service)
        assert volumes.get(ADDONS_MOUNT, "").rstrip("/") == "./addons", name
        assert volumes.get(CONFIG_MOUNT) == "./config/odoo.conf", name
        assert "/var/lib/odoo" in volumes, f"{name}: filestore volume"


def test_production_and_test_data_are_apart(compose):
    odoo_data = mounts(compose["services"]["odoo"])["/var/lib/odoo"]
    test_data = mounts(compose["services"]["tests"])["/var/lib/odoo"]
    assert odoo_data != test_data
    assert {odoo_data, test_data} <= set(compose.get("volumes") or {})


def test_db_host_is_the_postgres_service(compose, odoo_conf):
    db_host = odoo_conf["db_host"]
    assert db_host in compose["services"], "db_host must be a compose service name"
    assert compose["services"][db_host]["image"] == "postgres:16"
    db_env = compose["services"][db_host]["environment"]
    assert odoo_conf["db_user"] == db_env["POSTGRES_USER"]
    assert odoo_conf["db_password"] == db_env["POSTGRES_PASSWORD"]
    for name, service in services_of_image(compose, "odoo:18.0").items():
        env = service["environment"]
        assert env["HOST"] == db_host, name
        assert env["USER"] == odoo_conf["db_user"], name
        assert env["PASSWORD"] == odoo_conf["db_password"], name
        assert service["depends_on"][db_host]["condition"] == "service_healthy", name


def test_odoo_conf_addons_path(odoo_conf):
    paths = [path.strip() for path in odoo_conf["addons_path"].split(",")]
    assert ADDONS_MOUNT in paths
    assert "/usr/lib/python3/dist-packages/odoo/addons" in paths
    assert odoo_conf["data_dir"] == "/var/lib/odoo"


def test_odoo_conf_deployment_settings(odoo_conf):
    assert odoo_conf.getboolean("proxy_mode") is True
    assert odoo_conf.getboolean("list_db") is False
    assert odoo_conf.getboolean("without_demo") is False, "new databases get the LOCO demo"


def test_web_service_is_local_only(compose):
    """Only the proxy publishes a port, on this host: Odoo (proxy_mode) is behind it."""
    assert "ports" not in compose["services"]["odoo"]
    ports = compose["services"]["proxy"]["ports"]
    assert ports and all(str(port).startswith("127.0.0.1:") for port in ports)


def test_odoo_runs_workers_behind_nginx(compose):
    command = command_text(compose["services"]["odoo"])
    assert "--workers=${LOCO_WORKERS:-4}" in command
    proxy = compose["services"]["proxy"]
    assert mounts(proxy)["/etc/nginx/conf.d/default.conf"] == "./config/nginx.conf"
    nginx = (ROOT / "config" / "nginx.conf").read_text()
    assert "server odoo:8069;" in nginx
    assert "server odoo:8072;" in nginx, "websockets go to the gevent port"
    assert "location /websocket" in nginx
    assert "X-Forwarded-For" in nginx and "X-Forwarded-Proto" in nginx


def test_a_burst_of_requests_is_waited_for_not_dropped(compose):
    """The workers wait 30 s for a request's first bytes (not Odoo's 2 s): a burst
    overflows their listen queue and the kernel delays those bytes; nginx sends only
    whole requests, so no slow client holds a worker that long."""
    env = compose["services"]["odoo"]["environment"]
    assert int(env["ODOO_HTTP_SOCKET_TIMEOUT"]) >= 10
    assert env["HOST"] == "db", "the database settings are kept"
    assert "proxy_request_buffering off" not in (ROOT / "config" / "nginx.conf").read_text()
    load = (ROOT / "tests" / "bench" / "load_scale.py").read_text()
    assert 'ODOO_HTTP_SOCKET_TIMEOUT="30"' in load, "the benchmark runs the same shape"


def test_a_streaming_replica_serves_odoo_reads(compose):
    replica = compose["services"]["db-replica"]
    assert replica["image"] == "postgres:16"
    script = command_text({"command": replica["entrypoint"]})
    assert "pg_basebackup -h db" in script and " -R " in script, "a standby of db"
    assert "hot_standby=on" in script
    assert replica["depends_on"]["db"]["condition"] == "service_healthy"
    assert "/var/lib/postgresql/data" in mounts(replica)
    command = command_text(compose["services"]["odoo"])
    assert "--db_replica_host=db-replica" in command
    init = mounts(compose["services"]["db"])["/docker-entrypoint-initdb.d/replication.sh"]
    assert "host replication" in (ROOT / init).read_text()


def test_the_jobs_have_an_odoo_of_their_own(compose, odoo_conf):
    """The requests' Odoo runs no cron and no job runner; the jobs' Odoo runs both,
    on the same database and filestore, behind no proxy, with more workers than jobs
    run at once (a job no worker starts within 10 s is taken for dead)."""
    web, jobs = compose["services"]["odoo"], compose["services"]["odoo-jobs"]
    web_command = command_text(web)
    assert "--load=base,web" in web_command.split(), "no queue_job runner with the requests"
    assert "--max-cron-threads=0" in web_command.split()
    assert "queue_job" in odoo_conf["server_wide_modules"].split(",")
    jobs_command = jobs["command"]
    assert not any(arg.startswith(("--load", "--init", "--db_replica")) for arg in jobs_command)
    assert "--max-cron-threads=1" in jobs_command
    assert next(a for a in jobs_command if a.startswith("--database=")) == next(
        a for a in web["command"] if a.startswith("--database=")
    )
    assert mounts(jobs)["/var/lib/odoo"] == mounts(web)["/var/lib/odoo"], "one filestore"
    assert jobs["entrypoint"] == web["entrypoint"]
    assert "ports" not in jobs and "expose" not in jobs
    assert "odoo-jobs" not in (ROOT / "config" / "nginx.conf").read_text()
    # started once `odoo` has installed the database (the runner looks for it at start)
    assert jobs["depends_on"]["odoo"]["condition"] == "service_healthy"
    assert "/web/health" in " ".join(web["healthcheck"]["test"])
    parser = configparser.ConfigParser()
    parser.read(ROOT / "config" / "odoo.conf")
    channels = dict(channel.split(":") for channel in parser["queue_job"]["channels"].split(","))
    workers = next(a for a in jobs_command if a.startswith("--workers="))
    assert int(workers.split(":-")[1].rstrip("}")) > int(channels["root"])


def test_tests_service_is_a_profile(compose):
    assert compose["services"]["tests"]["profiles"] == ["test"]


def test_tests_service_installs_then_runs_pytest(compose):
    service = compose["services"]["tests"]
    script = command_text(service)
    assert "pytest-odoo==" in script
    assert "hypothesis==" in script, "the property-based tests need it too"
    for package in ("websocket-client", "openpyxl", "xlsxwriter", "requests", "ortools"):
        assert package in script, package
    assert "--break-system-packages" in script
    install = script.index("-d loco_test -i")
    run = script.index("python3 -m pytest")
    assert install < run, "the database is installed before pytest runs"
    assert "dropdb --if-exists loco_test" in script
    assert default_addons(service["environment"]["LOCO_ADDONS"]) == every_addon()

    pytest_line = script[run:].replace("\\\n", " ")
    argv = shlex.split(pytest_line.splitlines()[0])
    assert ADDONS_MOUNT in argv
    assert "/mnt/tests" in argv
    assert "--odoo-database=loco_test" in argv
    assert f"--odoo-config={CONFIG_MOUNT}" in argv


def test_tests_service_rootdir_holds_conftest_and_ini(compose):
    """pytest's rootdir for /mnt/extra-addons and /mnt/tests is /mnt: the repository's
    conftest.py and pytest.ini must be mounted there, and tests/ at /mnt/tests."""
    volumes = mounts(compose["services"]["tests"])
    rootdir = PurePosixPath(ADDONS_MOUNT).parent
    assert volumes.get(str(rootdir / "conftest.py")) == "./conftest.py"
    assert volumes.get(str(rootdir / "pytest.ini")) == "./pytest.ini"
    assert volumes.get(str(rootdir / "tests")) == "./tests"
    assert "--rootdir=/mnt" in command_text(compose["services"]["tests"])


def test_the_odoo_service_installs_every_loco_addon(compose):
    command = compose["services"]["odoo"]["command"]
    init = next(arg for arg in command if arg.startswith("--init="))
    assert default_addons(init[len("--init=") :]) == every_addon()


def test_the_odoo_service_has_what_the_addons_import(compose):
    """Every Python package an addon declares (external_dependencies) is in the image
    (Ubuntu's python3-xlsxwriter, python3-requests) or installed by the odoo
    service's entrypoint before Odoo starts, pinned as in requirements.txt."""
    import ast  # noqa: PLC0415

    in_image = {"xlsxwriter", "requests"}
    service = compose["services"]["odoo"]
    entrypoint = " ".join(service["entrypoint"])
    assert entrypoint.rstrip().endswith("loco-entrypoint")
    # "$$@" is compose's escape of "$@": the command's arguments, passed on to Odoo
    assert 'exec /entrypoint.sh odoo "$$@"' in entrypoint, "the image's entrypoint runs Odoo"
    pins = dict(
        line.split("==")
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    for manifest in (ROOT / "addons").glob("*/__manifest__.py"):
        declared = ast.literal_eval(manifest.read_text()).get("external_dependencies", {})
        for package in declared.get("python", []):
            if package in in_image:
                continue
            assert f"{package}=={pins[package]}" in entrypoint, (manifest.parent.name, package)


def test_both_odoo_services_install_the_oca_addons_as_pinned(compose):
    """The OCA addons of requirements-oca.txt (the map view) reach the image's Odoo
    the way `make venv` installs them: pinned, without their `odoo` requirement."""
    pins = [
        line
        for line in (ROOT / "requirements-oca.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert pins
    for name in ("odoo", "odoo-jobs", "tests"):
        service = compose["services"][name]
        text = " ".join(service.get("entrypoint") or []) + " ".join(service.get("command") or [])
        assert "--no-deps" in text, name
        for pin in pins:
            assert pin in text, (name, pin)


def test_the_job_runner_starts_with_odoo_and_the_sweep_has_its_channel():
    """queue_job runs the queued jobs only when it is loaded server-wide; the nightly
    sweep's channel (loco_hubs/data/queue_job_data.xml) has a lane of its own."""
    import configparser  # noqa: PLC0415

    parser = configparser.ConfigParser()
    parser.read(ROOT / "config" / "odoo.conf")
    assert "queue_job" in parser["options"]["server_wide_modules"].split(",")
    channels = dict(channel.split(":") for channel in parser["queue_job"]["channels"].split(","))
    assert channels["root.loco_sweep"] == "1"
    data = (ROOT / "addons" / "loco_hubs" / "data" / "queue_job_data.xml").read_text()
    assert '<field name="name">loco_sweep</field>' in data
