#!/usr/bin/env bash
# Benchmark of the public document page against nginx serving the same
# bytes as a static file, on loopback, in one run (the ratio is what
# counts on a shared machine). Prints req/s, p50, p99 and the ratio to
# nginx for: nginx, Go net/http writing the page from memory (the
# ceiling for any Go server here), the gongkai document page and search
# page as served (from the page cache), and the same two pages from a
# second gongkai with -page-cache-mb 0, rendered on every request (what
# a visitor gets right after a change, and what staff always get).
#
#   bench/portal/run.sh            # from anywhere inside the repository
#   DURATION=30s CONNS=64 ROUNDS=3 bench/portal/run.sh
#
# Idempotent: installs wrk and nginx from Debian when missing, builds
# the binary, seeds the demo into a fresh temporary data directory and
# removes everything it started or wrote when it exits.
set -euo pipefail

DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
# nginx's workers drop to an unprivileged user when started as root:
# they must be able to read the page.
chmod 755 "$work"
pids=()

cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

need() { # command package
	if ! command -v "$1" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$1" ]; then
		echo "installing $2 ..." >&2
		local sudo=""
		[ "$(id -u)" -ne 0 ] && sudo=sudo
		$sudo apt-get update -q >/dev/null
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$2" >/dev/null
	fi
}
need wrk wrk
need nginx nginx
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

# free_port prints a loopback port nothing listens on: other servers on
# this machine must not answer in our place.
free_port() {
	local p
	for _ in $(seq 1 100); do
		p=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	echo "no free port found" >&2
	return 1
}
GK_PORT=${GK_PORT:-$(free_port)}
GK_NOCACHE_PORT=${GK_NOCACHE_PORT:-$(free_port)}
NGINX_PORT=${NGINX_PORT:-$(free_port)}
GOSTATIC_PORT=${GOSTATIC_PORT:-$(free_port)}

wait_http() { # url
	for _ in $(seq 1 300); do
		if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
		sleep 0.1
	done
	echo "no answer from $1" >&2
	return 1
}

echo "building gongkai ..." >&2
(cd "$repo" && CGO_ENABLED=0 go build -o "$work/gongkai" ./cmd/gongkai &&
	CGO_ENABLED=0 go build -o "$work/gostatic" ./bench/portal/gostatic)

# Request logs go to a file at warn level: a log line per request on a
# terminal would measure the terminal.
GONGKAI_ADMIN_PASSWORD=bench-password-$$ "$work/gongkai" serve --demo \
	-listen "127.0.0.1:$GK_PORT" -data-dir "$work/data" -base-url "http://127.0.0.1:$GK_PORT" \
	-log-level warn >"$work/gongkai.log" 2>&1 &
pids+=($!)
GONGKAI_ADMIN_PASSWORD=bench-password-$$ "$work/gongkai" serve --demo -page-cache-mb 0 \
	-listen "127.0.0.1:$GK_NOCACHE_PORT" -data-dir "$work/data-nocache" -base-url "http://127.0.0.1:$GK_NOCACHE_PORT" \
	-log-level warn >"$work/gongkai-nocache.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$GK_PORT"
nocache="http://127.0.0.1:$GK_NOCACHE_PORT"
for i in 0 1; do
	log=$([ "$i" -eq 0 ] && echo "$work/gongkai.log" || echo "$work/gongkai-nocache.log")
	url=$([ "$i" -eq 0 ] && echo "$base" || echo "$nocache")
	wait_http "$url/healthz" || { cat "$log" >&2; exit 1; }
	if ! kill -0 "${pids[$i]}" 2>/dev/null; then
		echo "gongkai exited; another server answers at $url:" >&2
		cat "$log" >&2
		exit 1
	fi
done

# The document: of the published pages the sitemap lists, the one whose
# rendered size is closest to 21 KB (the size of the baseline page).
best="" best_diff=""
for u in $(curl -fsS "$base/sitemap.xml" | grep -o '<loc>[^<]*/d/[0-9]*</loc>' | sed 's/<[^>]*>//g' | head -300); do
	path=${u#*://*/}
	n=$(curl -fsS "$base/$path" | wc -c)
	d=$((n > 21504 ? n - 21504 : 21504 - n))
	if [ -z "$best_diff" ] || [ "$d" -lt "$best_diff" ]; then best="/$path" best_diff=$d; fi
done
if [ -z "$best" ]; then
	echo "the demo has no published document in the sitemap" >&2
	exit 1
fi
slug=$(echo "$best" | cut -d/ -f3)
mkdir -p "$work/www"
curl -fsS "$base$best" -o "$work/www/doc.html"
size=$(wc -c <"$work/www/doc.html")
echo "document page: $best ($size bytes)" >&2

mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $work/nginx/tmp;
    proxy_temp_path $work/nginx/tmp;
    fastcgi_temp_path $work/nginx/tmp;
    uwsgi_temp_path $work/nginx/tmp;
    scgi_temp_path $work/nginx/tmp;
    types { text/html html; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $work/www;
    }
}
CONF
mkdir -p "$work/nginx/tmp"
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" >"$work/nginx/stderr.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$NGINX_PORT/doc.html" || { cat "$work/nginx/stderr.log" "$work/nginx/error.log" >&2; exit 1; }

# The ceiling for Go: net/http writing the same bytes from memory.
"$work/gostatic" -file "$work/www/doc.html" -listen "127.0.0.1:$GOSTATIC_PORT" 2>"$work/gostatic.log" &
pids+=($!)
wait_http "http://127.0.0.1:$GOSTATIC_PORT/" || { cat "$work/gostatic.log" >&2; exit 1; }

# bench name url: one wrk run, parsed into "name req/s p50 p99".
bench() {
	local out
	out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$2")
	echo "$out" >"$work/wrk-$1.txt"
	local rps p50 p99 non2xx
	rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
	p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
	p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
	non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
	if [ -n "$non2xx" ]; then echo "warning: $1 had $non2xx non-2xx responses" >&2; fi
	echo "$1 $rps $p50 $p99"
}

# The targets run in turn, ROUNDS times over, and each keeps its best
# round: on a machine shared with other work, load that comes and goes
# would otherwise decide which target looks faster.
ROUNDS=${ROUNDS:-2}
search="/b/$slug/search?q=%E5%85%AC%E5%BC%80"
targets=(nginx go-static document search document-rendered search-rendered)
declare -A url=(
	[nginx]="http://127.0.0.1:$NGINX_PORT/doc.html"
	[go-static]="http://127.0.0.1:$GOSTATIC_PORT/doc.html"
	[document]="$base$best"
	[search]="$base$search"
	[document-rendered]="$nocache$best"
	[search-rendered]="$nocache$search"
)
declare -A best_row=()
echo "wrk -t$THREADS -c$CONNS -d$DURATION --latency; ${#targets[@]} targets, best of $ROUNDS rounds ..." >&2
for round in $(seq 1 "$ROUNDS"); do
	for t in "${targets[@]}"; do
		row=$(bench "$t" "${url[$t]}")
		echo "  round $round: $row" >&2
		old=${best_row[$t]:-}
		if [ -z "$old" ] || awk -v a="$(echo "$row" | awk '{print $2}')" -v b="$(echo "$old" | awk '{print $2}')" 'BEGIN {exit !(a > b)}'; then
			best_row[$t]=$row
		fi
	done
done

nginx_rps=$(echo "${best_row[nginx]}" | awk '{print $2}')
printf '\n%-18s %12s %10s %10s %8s\n' target req/s p50 p99 ratio
for t in "${targets[@]}"; do
	echo "${best_row[$t]}" | awk -v base="$nginx_rps" '{printf "%-18s %12.0f %10s %10s %8.2f\n", $1, $2, $3, $4, $2 / base}'
done
printf '\ndocument: %s (%s bytes); search: /b/%s/search?q=公开\n' "$best" "$size" "$slug"
