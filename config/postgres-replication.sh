#!/bin/bash
# Run once by the postgres:16 image when it creates the cluster (mounted in
# /docker-entrypoint-initdb.d by docker-compose.yml): the `db-replica` service may
# stream from it, with the password of POSTGRES_USER.
set -euo pipefail
echo "host replication all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
