#!/usr/bin/env bash
# The full benchmark of docs/performance.md in one command: every stage at 1,000,000 transactions against
# 1,000,000 open invoices, at -Xmx256m, against a database of its own on the local MariaDB.
#
#   scripts/bench-full.sh [extra bench all options...]       e.g. --dunning-apply-seconds 60 --smtp-port 2525
#
# The MariaDB settings that docs/operations.md advises for a ledger of this size (a 2 GB buffer pool and a 1 GB
# redo log) are set for the run with SET GLOBAL where the server has less, and put back afterwards. Environment:
# JAR (target/reskontro.jar), DB (reskontro_bench_full), OUT (/tmp/reskontro-bench-full, about 1.9 GB of files),
# MYSQL (mariadb -uroot), INVOICES and TRANSACTIONS (1000000).
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
trap restore EXIT
[ "$old_pool" -lt "$POOL" ] && $MYSQL -e "SET GLOBAL innodb_buffer_pool_size = $POOL"
[ "$old_log" -lt "$LOG" ] && $MYSQL -e "SET GLOBAL innodb_log_file_size = $LOG"
sleep 2   # the buffer pool resizes in the background
echo "MariaDB: innodb_buffer_pool_size $($MYSQL -N -e 'SELECT @@innodb_buffer_pool_size'), innodb_log_file_size" \
  "$($MYSQL -N -e 'SELECT @@innodb_log_file_size'); load: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
$MYSQL -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
rm -rf "$OUT"
start=$(date +%s)
SPRING_PROFILES_ACTIVE=mariadb RESKONTRO_DB_URL="jdbc:mariadb://127.0.0.1:3306/$DB" \
  java -Xmx256m -jar "$JAR" bench all --transactions "$TRANSACTIONS" --invoices "$INVOICES" \
  --dunning-apply-seconds 30 --out "$OUT" "$@"
echo "bench-full: $(( $(date +%s) - start )) s wall for the bench command"
