#!/usr/bin/env bash
# A private Virtuoso 7 for spinekg's remote store (tests, local trials): never the system service.
#
#   scripts/virtuoso.sh [start] [DIR]   start (or reuse) the instance in DIR (default: a new temp dir);
#                                       prints the SPARQL endpoint URL as the last line of stdout
#   scripts/virtuoso.sh stop DIR        shut the instance in DIR down
#   scripts/virtuoso.sh url DIR         print the endpoint URL of the instance in DIR
#   scripts/virtuoso.sh install         only install Debian's package if virtuoso-t is missing
#
# Environment: VIRTUOSO_PORT (SQL port, default 11111), VIRTUOSO_HTTP_PORT (HTTP port, default 8891).
# Both listen on 127.0.0.1 only. The database, its log and its virtuoso.ini live in DIR; the DBA
# password is random and kept in DIR/dba-password (mode 600). The anonymous "SPARQL" user of /sparql
# is granted SPARQL 1.1 Update, so spinekg's RemoteStore can write through the plain endpoint.
#
# Virtuoso comes from Debian: if virtuoso-t is missing, Debian's virtuoso-opensource-7-bin package (the
# server and isql binaries, no system service, no debconf questions) is installed with apt-get, as root
# or through passwordless sudo. Nothing else is downloaded. Every wait is bounded.
set -euo pipefail

log() { echo "virtuoso.sh: $*" >&2; }
die() { log "$*"; exit 1; }

CMD=start
case "${1:-}" in
  start|stop|url|install) CMD=$1; shift ;;
esac
DIR=${1:-}

sudo_cmd() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else die "virtuoso-t is not installed and this user cannot install it (run as root, or: apt-get install virtuoso-opensource-7-bin)"
  fi
}

ensure_installed() {
  command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || die "virtuoso-t is not installed and there is no apt-get to install it"
  log "installing Debian's virtuoso-opensource-7-bin"
  export DEBIAN_FRONTEND=noninteractive
  if ! sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        virtuoso-opensource-7-bin >&2; then
    sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        virtuoso-opensource-7-bin >&2
  fi
  command -v virtuoso-t >/dev/null 2>&1 || die "virtuoso-t is still missing after apt-get install"
}

# the pid of the server running from DIR, if any (Virtuoso writes VIRT_PID=... into its lock file)
server_pid() {
  local pid
  [ -f "$DIR/virtuoso.lck" ] || return 1
  pid=$(sed -n 's/^VIRT_PID=\([0-9]*\).*/\1/p' "$DIR/virtuoso.lck" | head -n1)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# an HTTP GET through bash's /dev/tcp (no curl on a bare machine); true when the endpoint answers 200
endpoint_answers() {
  local status=""
  { exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT"; } 2>/dev/null || return 1
  printf 'GET /sparql?query=ASK%%7B%%7D HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: application/sparql-results+json\r\n\r\n' >&3
  IFS= read -r -t 5 status <&3 || true
  exec 3<&- 3>&- || true
  [[ "$status" == HTTP/1.?" 200"* ]]
}

isql() { isql-vt "127.0.0.1:$SQL_PORT" dba "$(cat "$DIR/dba-password")" "$@" </dev/null; }

load_ports() {
  if [ -f "$DIR/ports" ]; then
    # shellcheck disable=SC1091
    . "$DIR/ports"
  else
    SQL_PORT=${VIRTUOSO_PORT:-11111}
    HTTP_PORT=${VIRTUOSO_HTTP_PORT:-8891}
  fi
}

write_ini() {
  mkdir -p "$DIR/www"
  cat >"$DIR/virtuoso.ini" <<EOF
; a private Virtuoso for spinekg, written by scripts/virtuoso.sh: 127.0.0.1 only, small memory
[Database]
DatabaseFile       = $DIR/virtuoso.db
ErrorLogFile       = $DIR/virtuoso.log
LockFile           = $DIR/virtuoso.lck
TransactionFile    = $DIR/virtuoso.trx
xa_persistent_file = $DIR/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $DIR/virtuoso-temp.db
TransactionFile    = $DIR/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort            = 127.0.0.1:$SQL_PORT
DisableUnixSocket     = 1
DisableTcpSocket      = 0
MaxClientConnections  = 10
CheckpointInterval    = 60
O_DIRECT              = 0
CaseMode              = 2
MaxStaticCursorRows   = 5000
CheckpointAuditTrail  = 0
AllowOSCalls          = 0
SchedulerInterval     = 10
DirsAllowed           = $DIR
ThreadCleanupInterval = 0
ThreadThreshold       = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize     = 100000
SingleCPU             = 0
PrefixResultNames     = 0
RdfFreeTextRulesSize  = 100
IndexTreeMaps         = 64
MaxMemPoolSize        = 100000000
NumberOfBuffers       = 170000
MaxDirtyBuffers       = 130000
MaxQueryMem           = 500M
AsyncQueueMaxThreads  = 4
ThreadsPerQuery       = 2
MaxSortedTopRows      = 1000000

[HTTPServer]
ServerPort                  = 127.0.0.1:$HTTP_PORT
ServerRoot                  = $DIR/www
MaxClientConnections        = 8
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[AutoRepair]
BadParentLinks = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[Replication]
ServerName   = spinekg-test
ServerEnable = 0

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 120
DefaultQuery               = SELECT * WHERE { ?s ?p ?o } LIMIT 10
DeferInferenceRulesInit    = 1
MaxSortedTopRows           = 100000
EOF
}

start() {
  ensure_installed
  if [ -z "$DIR" ]; then DIR=$(mktemp -d "${TMPDIR:-/tmp}/spinekg-virtuoso.XXXXXX"); fi
  mkdir -p "$DIR"
  DIR=$(cd "$DIR" && pwd)
  load_ports
  if server_pid >/dev/null && endpoint_answers; then
    log "already running in $DIR"
    echo "http://127.0.0.1:$HTTP_PORT/sparql"
    return 0
  fi
  if [ ! -f "$DIR/ports" ]; then
    printf 'SQL_PORT=%s\nHTTP_PORT=%s\n' "$SQL_PORT" "$HTTP_PORT" >"$DIR/ports"
  fi
  local fresh=0
  [ -f "$DIR/virtuoso.db" ] || fresh=1
  write_ini
  log "starting Virtuoso in $DIR (SQL 127.0.0.1:$SQL_PORT, HTTP 127.0.0.1:$HTTP_PORT)"
  # +wait: return once the server accepts connections (it daemonizes itself)
  (cd "$DIR" && timeout 90 virtuoso-t +configfile "$DIR/virtuoso.ini" +wait >"$DIR/start.out" 2>&1) \
    || { tail -n 20 "$DIR/virtuoso.log" >&2 2>/dev/null || true; die "Virtuoso did not start (log: $DIR/virtuoso.log)"; }
  if [ "$fresh" = 1 ] || [ ! -f "$DIR/dba-password" ]; then
    local pw
    # a letter first: isql reads the new password as an identifier
    pw=p$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    (umask 077 && echo dba >"$DIR/dba-password")
    # let the anonymous SPARQL user of /sparql update and drop graphs (this instance is private)
    isql exec="GRANT SPARQL_UPDATE TO \"SPARQL\";
      DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);
      GRANT EXECUTE ON DB.DBA.L_O_LOOK TO \"SPARQL\";
      GRANT EXECUTE ON DB.DBA.SPARUL_DROP TO \"SPARQL\";
      GRANT EXECUTE ON DB.DBA.SPARUL_CLEAR TO \"SPARQL\";
      GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO \"SPARQL\";
      GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO \"SPARQL\";
      SET PASSWORD dba $pw;
      CHECKPOINT;" >"$DIR/grants.out" 2>&1 || true
    # isql exits 0 even when a statement fails: look for its error marker
    if grep -q '^\*\*\* Error' "$DIR/grants.out"; then
      cat "$DIR/grants.out" >&2
      stop >&2 || true
      die "configuring the SPARQL user failed (see $DIR/grants.out)"
    fi
    (umask 077 && echo "$pw" >"$DIR/dba-password")
  fi
  local i
  for i in $(seq 1 60); do
    if endpoint_answers; then
      echo "http://127.0.0.1:$HTTP_PORT/sparql"
      return 0
    fi
    sleep 1
  done
  stop >&2 || true
  die "the endpoint http://127.0.0.1:$HTTP_PORT/sparql did not answer within 60 s (log: $DIR/virtuoso.log)"
}

stop() {
  [ -n "$DIR" ] || die "usage: $0 stop DIR"
  [ -d "$DIR" ] || die "no such directory: $DIR"
  load_ports
  local pid i
  if ! pid=$(server_pid); then log "not running in $DIR"; return 0; fi
  # SHUTDOWN checkpoints first; a server busy with a runaway query may not get to it: then SIGTERM
  timeout 20 isql exec="SHUTDOWN;" >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || { log "stopped"; return 0; }
    sleep 1
  done
  log "Virtuoso (pid $pid) did not stop within 30 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  install) ensure_installed ;;
  url) [ -n "$DIR" ] || die "usage: $0 url DIR"; load_ports; echo "http://127.0.0.1:$HTTP_PORT/sparql" ;;
esac
