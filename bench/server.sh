#!/usr/bin/env bash
# Load test of the server: start-up to first answer, peak throughput of /v1/ping (the reference) and
# of the shopper endpoints with wrk (closed loop), then latency at a constant rate — half the
# recommendations peak — with bench/OpenLoop.java (open loop, latency from each request's due time,
# HdrHistogram). Same server, same run, so the ratios hold on a busy machine. Every request asks for
# a different shopper (u1…u1000000) or item (p1…p100000), from a new place each run, so per-user caches miss.
#   bench/server.sh MODELS_DIR [DURATION_SECONDS] [CONNECTIONS] [CONFIG_FILE]
# Needs wrk (apt-get install wrk) and Maven (fetches HdrHistogram once). QIANMIAN_JAVA_OPTS defaults to
# a fixed 2 GB heap (-Xms2g -Xmx2g), added to what ./qianmian gives `serve` (G1 aiming at 5 ms
# pauses, the JDK's vector module). Fixed, because G1 otherwise keeps a heap just above the live
# data (900 MB for the 1 M-user model's 560 MB) and marks concurrently all the time (9 % of the CPU).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
models=${1:?models directory}; secs=${2:-20}; conns=${3:-32}; config=${4:-}
port=${PORT:-18080}
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
. "$root/scripts/find-jdk.sh"; qm_find_jdk || exit 1
hdr=$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar
[ -f "$hdr" ] || mvn -q -B dependency:get -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2 >&2
export QIANMIAN_JAVA_OPTS="${QIANMIAN_JAVA_OPTS:--Xms2g -Xmx2g}"
"$root/qianmian" --version >/dev/null 2>&1 || true # builds the jar first when stale, outside the timing
log="$root/target/bench-server.log"; mkdir -p "$root/target"
echo "machine: $(nproc) cores, $(uptime)"
echo "java opts: $QIANMIAN_JAVA_OPTS"
start=$(date +%s.%N)
"$root/qianmian" serve --models "$models" --port "$port" ${config:+--config "$config"} > "$log" 2>&1 &
pid=$!
trap 'rc=$?; kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; exit $rc' EXIT # the run's status, not the stopped server's
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/users/u1/recommendations?n=20")" = 200 ]; do
  kill -0 $pid 2>/dev/null || { echo "server died; see $log" >&2; exit 1; }
  sleep 0.05
done
echo "start-up to first recommendations answer: $(echo "$(date +%s.%N) - $start" | bc) s; server CPU $(ps -o time= -p $pid)"
grep -E "model .*(verified|ready|loaded)" "$log" | sed 's/^.*INFO: /  /' || true
# The k-NN graph is built in the background after the first answer; measure once it is done.
until grep -q "k-NN graph ready\|k-NN graph failed" "$log"; do sleep 1; done
# Then every item's similar-items list is made in the background (similar.precompute, on by
# default): measure once that is done too (each wait is at most 5 minutes when switched off).
for _ in $(seq 300); do grep -q "similar items of" "$log" && break; sleep 1; done
# And every user's candidate lists (recommendations.precompute, on by default).
for _ in $(seq 300); do grep -q "candidate lists" "$log" && break; sleep 1; done
grep -E "model .*(ready|made)" "$log" | sed 's/^.*INFO: /  /'
"$JAVA_HOME/bin/jcmd" $pid GC.run >/dev/null
echo "heap after a full GC: $("$JAVA_HOME/bin/jcmd" $pid GC.heap_info | grep -oE 'used [0-9]+K' | head -1); resident $(ps -o rss= -p $pid | tr -d ' ')K"

lua=$(mktemp --suffix .lua)
cat > "$lua" <<'LUA'
-- Each request asks for a different shopper: each wrk thread walks its own stretch of the ids,
-- starting at a new place every run, so no request finds a cache filled by another or by an
-- earlier run (the worst case for the per-user caches).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local n = 0
function init(args)
  -- Thread stretches half the id space apart; the run's start drawn at random (the per-user
  -- cache holds at most 50,000 of the million, so an earlier run's users are rarely met).
  math.randomseed(os.time())
  n = math.random(0, 999999) + id * 500000
end
request = function()
  n = n + 1
  local path = string.gsub(wrk.path, "{user}", "u" .. ((n * 7919) % 1000000 + 1))
  path = string.gsub(path, "{item}", "p" .. ((n * 104729) % 100000 + 1))
  return wrk.format(nil, path)
end
LUA
cpu() { awk '{print $14 + $15}' /proc/$pid/stat; }
# On a virtual machine the hypervisor may run other guests on our cores ("steal"): at 10-25 % the
# millisecond percentiles move by several times. Every measurement prints the machine's steal.
ticks() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $9}' /proc/stat; }
steal() { # TICKS_BEFORE: the share of the machine's time stolen since
  echo "$1 $(ticks)" | awk '{t = $3 - $1; printf "steal %.1f %%", (t > 0 ? 100 * ($4 - $2) / t : 0)}'
}
# The load generator shares the cores: what it spends per request (more for a larger answer, which
# it reads and parses) is printed beside the server's, since the throughput ratios depend on both.
kids_ms() { # CPU ms of this shell's finished children, into the variable named $1 (no subshell)
  local t; t=$(mktemp); times > "$t"
  printf -v "$1" '%s' "$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }' "$t")"
  rm -f "$t"
}
peak() { # closed loop: prints requests/s; also server and load generator CPU ms per 1000 requests
  local c0 t0 k0 k1 out n
  c0=$(cpu); t0=$(ticks); kids_ms k0
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$lua" "http://127.0.0.1:$port$1")
  kids_ms k1
  n=$(echo "$out" | awk '/requests in/{print $1}')
  printf '%-48s %8s req/s  p50 %-8s p99 %-8s CPU %s ms/1000 req (wrk %s)  %s %s\n' "$1" "$(echo "$out" | awk '/Requests\/sec/{print $2}')" \
    "$(echo "$out" | awk '/ 50%/{print $2}')" "$(echo "$out" | awk '/ 99%/{print $2}')" \
    "$(echo "scale=1; ($(cpu) - $c0) * 10 * 1000 / $n" | bc)" "$(echo "scale=1; ($k1 - $k0) * 1000 / $n" | bc)" "$(steal "$t0")" \
    "$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr -s ' ' | tr '\n' ' ')" >&2
  echo "$out" | awk '/Requests\/sec/{print $2}'
}
rec="/v1/users/{user}/recommendations?n=20"
home="/v1/users/{user}/homepage?n=20&channel=app"
sim="/v1/items/{item}/similar?n=10"
prof="/v1/users/{user}/profile"
# Every endpoint measured is warmed first: an endpoint's first window otherwise holds the JIT's
# compilation of its own code (the homepage's campaign decision, the profile's reads), and the C2
# threads' CPU is billed to it.
echo "== warm-up (JIT), not counted"
for p in /v1/ping "$rec" "$sim" "$prof" "$home"; do
  peak "$p" >/dev/null 2>&1
done
echo "== peak throughput, closed loop (wrk -t2 -c$conns -d${secs}s), $(uptime | sed 's/.*load/load/')"
ping=$(peak /v1/ping)
recs=$(peak "$rec")
peak "$sim" >/dev/null
peak "$prof" >/dev/null
homes=$(peak "$home")
echo "recommendations / ping = $(echo "scale=3; $recs / $ping" | bc)"
rate=$(echo "$recs / 2" | bc)
echo "== constant rate $rate req/s (half the recommendations peak), open loop, ${secs}s after 5s warm-up, $(uptime | sed 's/.*load/load/')"
# The generator runs without a collector (Epsilon, heap sized for the run: a few kB per request),
# so no pause of its own lands in the latencies it measures.
open_loop() { # PATH RATE
  local t0 out
  printf '%-48s ' "$1"
  t0=$(ticks)
  out=$("$JAVA_HOME/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xmx$(( $2 * (secs + 5) * 4 / 1000 + 512 ))m \
    -cp "$hdr" "$root/bench/OpenLoop.java" "http://127.0.0.1:$port" "$1" "$2" "$secs" "$conns" 5)
  echo "$out; $(steal "$t0")"
}
for p in "$rec" "$sim" "$prof" "$home"; do
  open_loop "$p" "$rate"
done
# The homepage is the recommendations plus a campaign decision, so its own peak is lower and half
# the recommendations' peak can be most of it: also measured at half its own peak.
home_rate=$(echo "$homes / 2" | bc)
echo "== constant rate $home_rate req/s (half the homepage's own peak), open loop"
open_loop "$home" "$home_rate"
echo "server log: $log"
