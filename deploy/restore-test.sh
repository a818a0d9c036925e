#!/usr/bin/env bash
# Proves a PostgreSQL backup restores into a working site: seeds the demo
# into a fresh database, dumps it with pg-backup.sh, restores the dump into a
# second database with pg_restore, compares every table's row count, and
# serves the restored database, checking /healthz and the portal's front page.
# Usage: restore-test.sh [ADMIN_URL]  (default postgres://postgres@127.0.0.1:5432/postgres)
# Needs pg_dump/pg_restore/psql and Go; run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
admin=${1:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
base=${admin%%\?*}; base=${base%/*}
suffix=$$
src_db=gongkai_restore_src_$suffix
dst_db=gongkai_restore_dst_$suffix
src="$base/$src_db?sslmode=disable"
dst="$base/$dst_db?sslmode=disable"
work=$(mktemp -d)
port=$((20000 + suffix % 20000))
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	psql "$admin" -qc "DROP DATABASE IF EXISTS $src_db" >/dev/null 2>&1 || true
	psql "$admin" -qc "DROP DATABASE IF EXISTS $dst_db" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/gongkai" ./cmd/gongkai
psql "$admin" -qc "CREATE DATABASE $src_db" >/dev/null
psql "$admin" -qc "CREATE DATABASE $dst_db" >/dev/null

serve() { # DB: start a server on $port, wait for /healthz
	"$work/gongkai" serve -db "$1" -data-dir "$work/data-$2" -listen "127.0.0.1:$port" $3 >"$work/serve-$2.log" 2>&1 &
	pid=$!
	for _ in $(seq 1 120); do
		curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	cat "$work/serve-$2.log"; echo "server on $2 did not answer /healthz"; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

serve "$src" src -demo
front_src=$(curl -fsS "http://127.0.0.1:$port/" | wc -c)
stop

bash deploy/pg-backup.sh "$src" "$work/backups" 14 >/dev/null
dump=$(ls "$work"/backups/gongkai-*.dump)
pg_restore --no-owner --no-acl --exit-on-error -d "$dst" "$dump"

counts() {
	psql "$1" -At -c "SELECT table_name FROM information_schema.tables WHERE table_schema='public' AND table_type='BASE TABLE' ORDER BY 1" |
		while read -r t; do echo "$t $(psql "$1" -At -c "SELECT count(*) FROM \"$t\"")"; done
}
counts "$src" >"$work/src.counts"
counts "$dst" >"$work/dst.counts"
if ! diff -u "$work/src.counts" "$work/dst.counts"; then
	echo "restore-test: row counts differ"; exit 1
fi

serve "$dst" dst ""
front_dst=$(curl -fsS "http://127.0.0.1:$port/" | wc -c)
stop
[ "$front_dst" -gt 1000 ] || { echo "restore-test: restored front page too small ($front_dst bytes)"; exit 1; }
echo "restore-test: $(wc -l <"$work/src.counts") tables restored with equal row counts; front page $front_src → $front_dst bytes"
