#!/usr/bin/env bash
# Samples, every second, the CPU seconds used so far by the MariaDB server and by a running reskontro JVM, so that a
# benchmark's log can be cut into phases and each phase's CPU split between the database and the JVM
# (docs/performance.md, Session 8). Prints "HH:MM:SS mariadb_cpu_s jvm_cpu_s" lines until stopped.
#
#   scripts/cpu-sample.sh > /tmp/cpu.txt &   ... run the benchmark ...   kill %1
#
# The CPU of a phase is the difference of two lines; the JVM column is 0 until a process whose command line
# contains reskontro.jar is running. MARIADB_PID and JVM_PATTERN override what is sampled.
set -u
hz=$(getconf CLK_TCK)
mariadb_pid=${MARIADB_PID:-$(pgrep -x mariadbd | head -1)}
jvm_pattern=${JVM_PATTERN:-reskontro.jar}
[ -n "$mariadb_pid" ] || { echo "no mariadbd process found (set MARIADB_PID)" >&2; exit 1; }
cpu() { awk -v hz="$hz" '{ print ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }
while true; do
  jvm_pid=$(pgrep -f "$jvm_pattern" | head -1)
  echo "$(date +%H:%M:%S) $(cpu "$mariadb_pid") $([ -n "$jvm_pid" ] && cpu "$jvm_pid" || echo 0)"
  sleep 1
done
