#!/usr/bin/env bash
# Makes sure every service the tests talk to answers on loopback, starting whatever does not:
#
#   postgres                127.0.0.1:5432       PostgreSQL, trust, database `test`
#   redis                   127.0.0.1:6379       one Redis
#   mariadb                 127.0.0.1:3306       MariaDB, root without password, database `test`
#   redis-cluster           127.0.0.1:7001-7003  Redis Cluster, three primaries
#   redis-cluster-failover  127.0.0.1:7101-7106  Redis Cluster, primaries 7101-7103 with one
#                                                replica each (7104-7106), node timeout 1 s
#   pgbouncer               127.0.0.1:6432       PgBouncer, transaction pooling, pool size 2,
#                                                in front of 127.0.0.1:5432 (any database)
#
# Usage: .ci/services.sh [service ...]     (no argument: all of them, in the order above)
#
# Idempotent, and fast when everything is up (a few probes). A cluster node that is down (a
# failover test killed it) is started again from its own nodes.conf, so it rejoins the cluster it
# knew (as a replica, after a failover), and the failover cluster's roles are then handed back to
# 7101-7103 so every run starts from the same layout. A cluster is created only from fresh nodes
# and rebuilt from scratch only when it cannot heal. Prints one line per service; exits non-zero
# naming the service that did not come up. Needs root (it starts system services).
set -euo pipefail

cd "$(dirname "$0")"
STATE_DIR="${CI_SERVICES_DIR:-/var/lib/ci-services}"
ALL=(postgres redis mariadb redis-cluster redis-cluster-failover pgbouncer)
CLUSTER_PORTS=(7001 7002 7003)
FAILOVER_PORTS=(7101 7102 7103 7104 7105 7106)
FAILOVER_PRIMARIES=(7101 7102 7103)

say() { printf 'services: %-23s %-20s %s\n' "$1" "$2" "$3"; }
fail() {
  echo "services: $1" >&2
  exit 1
}

# wait_until SECONDS COMMAND...: polls every 100 ms.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# ---- PostgreSQL ----------------------------------------------------------------------------

psql_test() { psql -X -q -h 127.0.0.1 -p 5432 -U postgres -tA "$@"; }
postgres_up() { pg_isready -q -h 127.0.0.1 -p 5432; }

ensure_postgres() {
  local how="already up"
  if ! postgres_up; then
    how="started"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start 9>&- || true
  fi
  wait_until 30 postgres_up || fail "postgres did not come up on 127.0.0.1:5432"
  if [[ "$(psql_test -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'test'")" != 1 ]]; then
    psql_test -d postgres -c "CREATE DATABASE test" >/dev/null
  fi
  say postgres 127.0.0.1:5432 "PostgreSQL $(psql_test -d test -c 'SHOW server_version' | cut -d' ' -f1), $how"
}

# ---- Redis ---------------------------------------------------------------------------------

redis_ping() { [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == PONG ]]; }
redis_version() { redis-cli -h 127.0.0.1 -p "$1" info server | sed -n 's/^redis_version:\([^\r]*\).*/\1/p'; }

ensure_redis() {
  local how="already up"
  if ! redis_ping 6379; then
    how="started"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null 9>&-
  fi
  wait_until 30 redis_ping 6379 || fail "redis did not come up on 127.0.0.1:6379"
  say redis 127.0.0.1:6379 "Redis $(redis_version 6379), $how"
}

# ---- MariaDB -------------------------------------------------------------------------------

mariadb_sql() { mariadb --connect-timeout=2 -h 127.0.0.1 -P 3306 -u root -N -B "$@"; }
mariadb_up() { mariadb_sql -e "SELECT 1"; }

ensure_mariadb() {
  local how="already up"
  if ! mariadb_up >/dev/null 2>&1; then
    how="started"
    install -d -o mysql -g mysql -m 755 /run/mysqld
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd 9>&-
  fi
  wait_until 60 mariadb_up || fail "mariadb did not come up on 127.0.0.1:3306"
  mariadb_sql -e "CREATE DATABASE IF NOT EXISTS test"
  say mariadb 127.0.0.1:3306 "MariaDB $(mariadb_sql -e 'SELECT VERSION()' | cut -d- -f1), $how"
}

# ---- Redis Cluster -------------------------------------------------------------------------

cli() { redis-cli -h 127.0.0.1 -p "$@"; }
# field PORT SECTION-COMMAND NAME: one `name:value` field of CLUSTER INFO or INFO replication.
field() { cli "$1" $2 2>/dev/null | tr -d '\r' | sed -n "s/^$3://p"; }

# No persistence (test data); a replica's first sync starts at once instead of after the default
# 5 s wait for more replicas, which would double the time a cluster takes to be ready.
start_cluster_node() { # port, node timeout ms
  local dir="$STATE_DIR/redis-$1"
  mkdir -p "$dir"
  redis-server --port "$1" --bind 127.0.0.1 --cluster-enabled yes \
    --cluster-config-file "$dir/nodes.conf" --cluster-node-timeout "$2" \
    --save "" --appendonly no --repl-diskless-sync-delay 0 \
    --dir "$dir" --logfile "$dir/redis.log" --daemonize yes >/dev/null 9>&-
}

# Healthy: every node answers and sees the cluster ok with all nodes; no node is flagged failing;
# each primary has its replicas connected and in sync. One round trip per node (this is the
# fast path of a warm run).
cluster_healthy() { # replicas per primary, ports...
  local replicas=$1
  shift
  local count=$# port primaries=0 info
  for port in "$@"; do
    info="$(printf 'CLUSTER INFO\nINFO replication\n' | cli "$port" 2>/dev/null | tr -d '\r')" || return 1
    grep -qx 'cluster_state:ok' <<<"$info" || return 1
    grep -qx "cluster_known_nodes:$count" <<<"$info" || return 1
    if grep -qx 'role:master' <<<"$info"; then
      primaries=$((primaries + 1))
      [[ "$(sed -n 's/^connected_slaves://p' <<<"$info")" -ge "$replicas" ]] || return 1
    else
      grep -qx 'master_link_status:up' <<<"$info" || return 1
    fi
  done
  ((primaries == count / (replicas + 1))) || return 1
  ! cli "$1" cluster nodes | grep -q 'fail' || return 1
  # Every node's gossip has caught up with the roles (a client asking any node for the slots then
  # sees the same primaries): right after a handed-back failover, a node can still list the old ones.
  local view first=""
  for port in "$@"; do
    view="$(cli "$port" cluster nodes 2>/dev/null | awk '$3 ~ /master/ {print $1}' | sort | tr '\n' ' ')"
    (($(wc -w <<<"$view") == primaries)) || return 1
    [[ -z "$first" || "$view" == "$first" ]] || return 1
    first="$view"
  done
}

node_is_fresh() { # a node that never joined a cluster
  [[ "$(field "$1" "cluster info" cluster_known_nodes)" == 1 ]] &&
    [[ "$(field "$1" "cluster info" cluster_slots_assigned)" == 0 ]]
}

create_cluster() { # replicas, ports...
  local replicas=$1
  shift
  local addresses=()
  for port in "$@"; do addresses+=("127.0.0.1:$port"); done
  # Primaries are the first ports given; with one host, redis-cli pairs replicas in order.
  redis-cli --cluster create "${addresses[@]}" --cluster-replicas "$replicas" --cluster-yes >/dev/null
}

rebuild_cluster() { # node timeout, replicas, ports...
  local timeout=$1 replicas=$2
  shift 2
  for port in "$@"; do cli "$port" shutdown nosave >/dev/null 2>&1 || true; done
  for port in "$@"; do wait_until 10 bash -c "! redis-cli -h 127.0.0.1 -p $port ping" || true; done
  for port in "$@"; do rm -rf "${STATE_DIR:?}/redis-$port"; done
  for port in "$@"; do start_cluster_node "$port" "$timeout"; done
  for port in "$@"; do wait_until 10 redis_ping "$port"; done
  create_cluster "$replicas" "$@"
}

# Hands the primary role back to a port after a failover (a coordinated manual failover, no
# writes lost), so every run starts with primaries 7101-7103.
restore_primary() { # port
  cli "$1" cluster failover >/dev/null
  wait_until 20 bash -c "[[ \"\$(redis-cli -h 127.0.0.1 -p $1 role | head -1)\" == master ]]" ||
    fail "redis-cluster-failover: 127.0.0.1:$1 did not take its primary role back"
}

# Starts missing nodes and brings the cluster to health: created from fresh nodes, healed when
# nodes come back from their nodes.conf, rebuilt only when neither works. Sets HOW.
heal_cluster() { # name, node timeout ms, replicas per primary, ports...
  local name=$1 timeout=$2 replicas=$3
  shift 3
  local port fresh=0
  HOW="already up"
  cluster_healthy "$replicas" "$@" && return 0
  for port in "$@"; do
    if ! redis_ping "$port"; then
      start_cluster_node "$port" "$timeout"
      HOW="restarted missing nodes"
    fi
  done
  for port in "$@"; do
    wait_until 10 redis_ping "$port" || fail "$name: 127.0.0.1:$port did not start"
    [[ -n "$(field "$port" "cluster info" cluster_state)" ]] ||
      fail "$name: 127.0.0.1:$port answers but is not a cluster node (another server on the port?)"
    if node_is_fresh "$port"; then fresh=$((fresh + 1)); fi
  done
  if ((fresh == $#)); then
    create_cluster "$replicas" "$@"
    HOW="created"
  elif ((fresh > 0)) || ! wait_until 30 cluster_healthy "$replicas" "$@"; then
    # A node lost its nodes.conf, or the cluster cannot heal: start over (it holds test data only).
    rebuild_cluster "$timeout" "$replicas" "$@"
    HOW="rebuilt"
  fi
  wait_until 60 cluster_healthy "$replicas" "$@" || fail "$name did not reach cluster_state:ok"
}

ensure_redis_cluster() {
  heal_cluster redis-cluster 5000 0 "${CLUSTER_PORTS[@]}"
  say redis-cluster 127.0.0.1:7001-7003 "Redis $(redis_version 7001), 3 primaries, $HOW"
}

ensure_redis_cluster_failover() {
  heal_cluster redis-cluster-failover 1000 1 "${FAILOVER_PORTS[@]}"
  local port handed_back=""
  for port in "${FAILOVER_PRIMARIES[@]}"; do
    if [[ "$(field "$port" "info replication" role)" != master ]]; then
      restore_primary "$port"
      handed_back="$handed_back $port"
    fi
  done
  if [[ -n "$handed_back" ]]; then
    HOW="$HOW, primary role handed back to$handed_back"
    wait_until 60 cluster_healthy 1 "${FAILOVER_PORTS[@]}" || fail "redis-cluster-failover did not settle"
  fi
  say redis-cluster-failover 127.0.0.1:7101-7106 \
    "Redis $(redis_version 7101), primaries 7101-7103, replicas 7104-7106, $HOW"
}

# ---- PgBouncer -----------------------------------------------------------------------------

pgbouncer_admin() { psql -X -q -h 127.0.0.1 -p 6432 -U postgres -d pgbouncer -tA -c "$1"; }
pgbouncer_up() { psql -X -q -h 127.0.0.1 -p 6432 -U postgres -d test -tA -c "SELECT 1"; }

ensure_pgbouncer() {
  local dir="$STATE_DIR/pgbouncer" how="" pid=""
  if ! command -v pgbouncer >/dev/null; then
    # Another session may be installing too: wait for the dpkg lock instead of failing.
    apt-get -o DPkg::Lock::Timeout=300 update -qq 9>&-
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq pgbouncer \
      >/dev/null 2>&1 9>&- || fail "pgbouncer: apt-get install pgbouncer failed"
    how="installed, "
  fi
  install -d -o postgres -g postgres -m 700 "$dir"
  sed "s|@DIR@|$dir|g" pgbouncer.ini >"$dir/pgbouncer.ini.new"
  chown postgres:postgres "$dir/pgbouncer.ini.new"
  [[ -s "$dir/pgbouncer.pid" ]] && pid="$(cat "$dir/pgbouncer.pid")"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    if ! cmp -s "$dir/pgbouncer.ini.new" "$dir/pgbouncer.ini"; then
      mv "$dir/pgbouncer.ini.new" "$dir/pgbouncer.ini"
      kill -HUP "$pid" # reload the changed template
      how="${how}config reloaded"
    else
      rm "$dir/pgbouncer.ini.new"
      how="${how}already up"
    fi
  else
    mv "$dir/pgbouncer.ini.new" "$dir/pgbouncer.ini"
    # PgBouncer refuses to run as root; -u drops to postgres after reading the config.
    pgbouncer -d -u postgres "$dir/pgbouncer.ini" >/dev/null 2>"$dir/start.err" 9>&- ||
      fail "pgbouncer did not start: $(cat "$dir/start.err"; tail -3 "$dir/pgbouncer.log" 2>/dev/null)"
    how="${how}started"
  fi
  wait_until 30 pgbouncer_up || fail "pgbouncer does not answer on 127.0.0.1:6432 (log: $dir/pgbouncer.log)"
  # Another PgBouncer on the port (Debian's own service) would pass the probe in the wrong mode.
  [[ "$(pgbouncer_admin "SHOW CONFIG" | awk -F'|' '$1 == "pool_mode" { print $2 }')" == transaction ]] ||
    fail "pgbouncer on 127.0.0.1:6432 is not in transaction pooling mode: is it ours ($dir)?"
  say pgbouncer 127.0.0.1:6432 "$(pgbouncer --version | head -1), transaction pooling, $how"
}

# ---- main ----------------------------------------------------------------------------------

mkdir -p "$STATE_DIR"
# Several sessions run this at once on one machine: one at a time, or two would both create.
# Every daemon below is started with `9>&-`: one that inherited the lock would hold it forever.
exec 9>"$STATE_DIR/lock"
flock -w 600 9 || fail "another .ci/services.sh has held $STATE_DIR/lock for 10 minutes"

ensure() {
  case "$1" in
    postgres) ensure_postgres ;;
    redis) ensure_redis ;;
    mariadb) ensure_mariadb ;;
    redis-cluster) ensure_redis_cluster ;;
    redis-cluster-failover) ensure_redis_cluster_failover ;;
    pgbouncer) ensure_postgres >/dev/null && ensure_pgbouncer ;;
    *) fail "unknown service '$1' (known: ${ALL[*]})" ;;
  esac
}

# The services are independent (pgbouncer checks postgres itself), so they come up side by side:
# a cold start takes as long as the slowest, a warm one as long as the slowest probe. Their lines
# are printed in the order asked for.
[[ $# -gt 0 ]] || set -- "${ALL[@]}"
OUT_DIR="$(mktemp -d)"
trap 'rm -rf "$OUT_DIR"' EXIT
pids=()
for i in $(seq 1 $#); do
  (ensure "${!i}") >"$OUT_DIR/$i.out" 2>"$OUT_DIR/$i.err" &
  pids+=($!)
done
status=0
for i in $(seq 1 $#); do
  wait "${pids[$((i - 1))]}" || status=1
  cat "$OUT_DIR/$i.out"
  cat "$OUT_DIR/$i.err" >&2
done
exit "$status"
