#!/usr/bin/env bash
# Nightly PostgreSQL backup for gongkai (attachments are in the database too,
# so one dump is the whole site). Run by gongkai-backup.timer, or by cron:
#   15 2 * * *  postgres  /usr/local/lib/gongkai/pg-backup.sh
# Usage: pg-backup.sh DATABASE_URL [DIR] [KEEP_DAYS]
# Writes DIR/gongkai-YYYYmmdd-HHMMSS.dump (custom format, restore with
# pg_restore) via a temporary name, so a partial dump never looks complete,
# and deletes dumps older than KEEP_DAYS (default 14).
set -euo pipefail
url=${1:?usage: pg-backup.sh DATABASE_URL [DIR] [KEEP_DAYS]}
dir=${2:-/var/backups/gongkai}
keep=${3:-14}
mkdir -p "$dir"
name="$dir/gongkai-$(date -u +%Y%m%d-%H%M%S).dump"
pg_dump --format=custom --no-owner --no-acl --file="$name.partial" "$url"
mv "$name.partial" "$name"
find "$dir" -name 'gongkai-*.dump' -type f -mtime +"$keep" -delete
echo "backup written: $name ($(stat -c %s "$name") bytes)"
