#!/usr/bin/env bash
# Load test of the server with wrk: /v1/ping (the reference) and the shopper endpoints, same server,
# same run. Needs a models directory (bench/pipeline.sh makes one) and wrk (apt-get install wrk).
#   bench/server.sh MODELS_DIR [DURATION_SECONDS] [CONNECTIONS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
models=${1:?models directory}; secs=${2:-20}; conns=${3:-32}
port=${PORT:-18080}
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
QIANMIAN_JAVA_OPTS="${QIANMIAN_JAVA_OPTS:--Xmx2g}" "$root/qianmian" serve --models "$models" --port "$port" > "$root/target/bench-server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/v1/ping" >/dev/null && break; sleep 0.5; done
lua=$(mktemp --suffix .lua)
cat > "$lua" <<'LUA'
-- Each request asks for a different shopper, so caches see a realistic spread of users.
local n = 0
request = function()
  n = n + 1
  local path = string.gsub(wrk.path, "{user}", "u" .. ((n * 7919) % 1000000 + 1))
  path = string.gsub(path, "{item}", "p" .. ((n * 104729) % 100000 + 1))
  return wrk.format(nil, path)
end
LUA
run() { echo "== $1"; wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$lua" "http://127.0.0.1:$port$1" | grep -E "Requests/sec|Latency|99%|50%|Non-2xx|Socket errors"; }
run "/v1/ping"
run "/v1/users/{user}/recommendations?n=20"
run "/v1/items/{item}/similar?n=10"
run "/v1/users/{user}/profile"
