#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests and CI.
#
#   scripts/pg_test_server.sh start DIR   # prints postgresql+psycopg://postgres@127.0.0.1:PORT/alliances_test
#   scripts/pg_test_server.sh stop DIR    # stops the server and deletes DIR
#
# Uses the distribution's binaries (/usr/lib/postgresql/<version>/bin; PG_BIN overrides),
# trust authentication on 127.0.0.1 only, and a free port (PG_PORT overrides).
# As root, the server runs as the `postgres` user (PG_USER overrides).
# Only the URL goes to stdout; progress and errors go to stderr.
set -euo pipefail

DB_NAME=${PG_DB_NAME:-alliances_test}
MARKER=.pg_test_server   # stop only deletes directories that start made

die() { echo "pg_test_server: $*" >&2; exit 1; }

find_bin() {
    if [[ -n ${PG_BIN:-} ]]; then echo "$PG_BIN"; return; fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n $dir && -x $dir/pg_ctl ]] || die "no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)"
    echo "$dir"
}

# Run a command as the server's owner: the postgres user when we are root.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        local user=${PG_USER:-postgres}
        if command -v runuser >/dev/null; then
            runuser -u "$user" -- "$@"
        else
            su "$user" -s /bin/bash -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local port
    for port in $(seq 55432 55632); do
        if ! port_in_use "$port"; then echo "$port"; return; fi
    done
    die "no free port in 55432-55632"
}

start() {
    local dir=$1 bin port
    bin=$(find_bin)
    if [[ -e $dir ]] && [[ -n $(ls -A "$dir") ]]; then die "$dir exists and is not empty"; fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    touch "$dir/$MARKER"
    mkdir -p "$dir/data" "$dir/socket"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R "${PG_USER:-postgres}" "$dir"
        # the server's user must reach DIR through every parent (not so under /root, for one)
        as_owner test -w "$dir/data" || die "user ${PG_USER:-postgres} cannot reach $dir; use a directory under /tmp"
    fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    local attempt
    for attempt in 1 2 3; do
        port=${PG_PORT:-$(free_port)}
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1" start >&2; then
            echo "$port" >"$dir/port"
            as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME" \
                || die "createdb failed"
            echo "postgresql+psycopg://postgres@127.0.0.1:$port/$DB_NAME"
            return
        fi
        [[ -n ${PG_PORT:-} ]] && break
        echo "pg_test_server: start on port $port failed, retrying" >&2
    done
    cat "$dir/server.log" >&2 || true
    die "the server did not start"
}

stop() {
    local dir=$1 bin
    [[ -d $dir ]] || die "$dir does not exist"
    [[ -f $dir/$MARKER ]] || die "$dir was not made by this script; not touching it"
    bin=$(find_bin)
    if [[ -f $dir/data/postmaster.pid ]]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || echo "pg_test_server: stop failed" >&2
    fi
    rm -rf -- "$dir"
}

case ${1:-} in
    start) [[ $# -eq 2 ]] || die "usage: $0 start DIR"; start "$2" ;;
    stop)  [[ $# -eq 2 ]] || die "usage: $0 stop DIR"; stop "$2" ;;
    *)     die "usage: $0 start|stop DIR" ;;
esac
