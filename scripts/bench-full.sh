#!/usr/bin/env bash
# The full benchmark of docs/performance.md in one command: every stage at 1,000,000 transactions against
# 1,000,000 open invoices, at -Xmx256m, against a database of its own on the local MariaDB.
#
#   scripts/bench-full.sh [extra bench all options...]       e.g. --dunning-apply-seconds 60
#
# The letters are also sent to a local SMTP sink (scripts/smtp-sink.py, started on a free port for the run; give
# SMTP_PORT to use a server of your own instead).
# The MariaDB settings that docs/operations.md advises for a ledger of this size (a 2 GB buffer pool and a 1 GB
# redo log) are set for the run with SET GLOBAL where the server has less, and put back afterwards. Environment:
# JAR (target/reskontro.jar), DB (reskontro_bench_full), OUT (/tmp/reskontro-bench-full, about 1.9 GB of files),
# MYSQL (mariadb -uroot), INVOICES and TRANSACTIONS (1000000), JAVA_OPTS (JVM options added after the script's own,
# e.g. -XX:TieredStopAtLevel=1).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/reskontro.jar}
DB=${DB:-reskontro_bench_full}
OUT=${OUT:-/tmp/reskontro-bench-full}
MYSQL=${MYSQL:-mariadb -uroot}
INVOICES=${INVOICES:-1000000}
TRANSACTIONS=${TRANSACTIONS:-1000000}
POOL=2147483648
LOG=1073741824

test -f "$JAR" || ./mvnw -q -DskipTests package
old_pool=$($MYSQL -N -e "SELECT @@innodb_buffer_pool_size")
old_log=$($MYSQL -N -e "SELECT @@innodb_log_file_size")
restore() {
  $MYSQL -e "SET GLOBAL innodb_buffer_pool_size = $old_pool; SET GLOBAL innodb_log_file_size = $old_log" || true
  echo "MariaDB settings restored: innodb_buffer_pool_size $old_pool, innodb_log_file_size $old_log"
}
sink_pid=
cleanup() {
  [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null || true
  restore
}
trap cleanup EXIT
if [ -z "${SMTP_PORT:-}" ]; then
  sink_log=$(mktemp)
  python3 scripts/smtp-sink.py 0 >"$sink_log" 2>&1 &
  sink_pid=$!
  for _ in $(seq 1 50); do grep -q listening "$sink_log" && break; sleep 0.1; done
  SMTP_PORT=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$sink_log")
  test -n "$SMTP_PORT" || { echo "the SMTP sink did not start: $(cat "$sink_log")"; exit 1; }
fi
[ "$old_pool" -lt "$POOL" ] && $MYSQL -e "SET GLOBAL innodb_buffer_pool_size = $POOL"
[ "$old_log" -lt "$LOG" ] && $MYSQL -e "SET GLOBAL innodb_log_file_size = $LOG"
sleep 2   # the buffer pool resizes in the background
echo "MariaDB: innodb_buffer_pool_size $($MYSQL -N -e 'SELECT @@innodb_buffer_pool_size'), innodb_log_file_size" \
  "$($MYSQL -N -e 'SELECT @@innodb_log_file_size'); load: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
$MYSQL -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
rm -rf "$OUT"
start=$(date +%s)
SPRING_PROFILES_ACTIVE=mariadb RESKONTRO_DB_URL="jdbc:mariadb://127.0.0.1:3306/$DB" \
  java -Xmx256m -XX:+UseParallelGC -XX:NewRatio=4 ${JAVA_OPTS:-} -jar "$JAR" bench all --transactions "$TRANSACTIONS" --invoices "$INVOICES" \
  --dunning-apply-seconds 30 --smtp-port "$SMTP_PORT" --out "$OUT" "$@"
echo "bench-full: $(( $(date +%s) - start )) s wall for the bench command"
