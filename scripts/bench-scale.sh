#!/usr/bin/env bash
# Scaling benchmark (docs/scaling.md): the same generated ledger matched and dunned
#   1. by one process, grid size 1 (the single-threaded run),
#   2. by one process, partitions on local threads (grid size GRID),
#   3. by a manager and two worker processes over RabbitMQ (grid size GRID),
# each on a fresh copy of the data (bench matching generates it again with the same seed). Prints wall time, the CPU
# seconds of every process and the load. Needs MariaDB and RabbitMQ; uses the database $DB and the queue $QUEUE.
#   N=100000 GRID=4 scripts/bench-scale.sh            matching only
#   N=10000 DUNNING=1 scripts/bench-scale.sh           matching, then dunning (renders a letter per customer)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
GRID=${GRID:-4}
DB=${DB:-reskontro_bench_scale}
QUEUE=${QUEUE:-${DB}.partitions}
JAR=${JAR:-target/reskontro.jar}
OUT=${OUT:-target/bench-scale-$N}
mkdir -p "$OUT"
export SPRING_PROFILES_ACTIVE=mariadb RESKONTRO_DB_URL=jdbc:mariadb://127.0.0.1:3306/$DB RESKONTRO_DB_USER=root \
       RESKONTRO_DB_PASSWORD= RESKONTRO_PARTITIONING_QUEUE=$QUEUE
JAVA=(java -Xmx2g -jar "$JAR")
BENCH=(bench matching --payments "$N")
if [ "${DUNNING:-0}" = 1 ]; then BENCH+=(--dunning-date 2024-06-30); fi

cpu_of() { # utime + stime of a process, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"
}

fresh_db() {
  mariadb -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4"
}

run() { # name, env..., then the command after --
  local name=$1; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
  echo "== $name ($(uptime | sed 's/.*load/load/'))"
  env "${envs[@]}" /usr/bin/time -f "$name: wall %e s, CPU %U s user + %S s system (manager process)" \
      "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" || { tail -20 "$OUT/$name.err"; return 1; }
  grep -E "^generated|^matchJob|^automatic|^precision|^dunningJob" "$OUT/$name.out"
  tail -1 "$OUT/$name.err"
}

fresh_db
run single-grid1 RESKONTRO_PARTITIONING_GRID_SIZE=1 -- "${JAVA[@]}" "${BENCH[@]}"
fresh_db
run single-grid$GRID RESKONTRO_PARTITIONING_GRID_SIZE=$GRID -- "${JAVA[@]}" "${BENCH[@]}"

fresh_db
"${JAVA[@]}" jobs > /dev/null 2>&1 # the schema, before the workers start
workers=()
for w in 1 2; do
  java -Xmx2g -jar "$JAR" serve --role worker > "$OUT/worker$w.out" 2> "$OUT/worker$w.err" &
  workers+=($!)
done
for w in 1 2; do
  until grep -q "reskontro worker:" "$OUT/worker$w.out" 2>/dev/null; do sleep 0.5; done
done
sleep 1
before=()
for p in "${workers[@]}"; do before+=("$(cpu_of "$p")"); done
run manager-2workers-grid$GRID RESKONTRO_PARTITIONING_ROLE=manager RESKONTRO_PARTITIONING_GRID_SIZE=$GRID -- \
    "${JAVA[@]}" "${BENCH[@]}"
for i in 0 1; do
  echo "worker$((i + 1)): CPU $(awk -v a="$(cpu_of "${workers[$i]}")" -v b="${before[$i]}" 'BEGIN { printf "%.1f", a - b }') s during the run, partitions $(grep -c 'running partition' "$OUT/worker$((i + 1)).err")"
done
kill "${workers[@]}"
wait "${workers[@]}" 2>/dev/null || true
echo "== done ($(uptime | sed 's/.*load/load/'))"
