#!/usr/bin/env bash
# Builds docker/Dockerfile and runs docker/compose.yaml (the trainer job and the server, then the
# replicas profile) on a machine with no Docker engine and no access to an image registry: buildah
# builds, Docker Compose drives podman through its Docker API (daemonless, as root). The base images
# (maven:3.9-eclipse-temurin-21, eclipse-temurin:21-jre, redis:7-alpine) cannot be pulled there,
# so stand-ins are made from Debian packages (debootstrap of Debian 13, its OpenJDK 21, Maven 3.9,
# Redis) and tagged with those names: the Dockerfile's and compose file's own instructions then run
# unchanged. A machine that can pull images needs none of this: docker compose up.
#
#   docker/verify-local.sh            base images (once), build, train + serve + check, clean up
#   docker/verify-local.sh --keep     leave the images, containers' volumes and stand-ins behind
#   docker/verify-local.sh clean      remove everything this script made
#
# Needs: apt-get install buildah podman runc debootstrap (Debian 12 names). See docker/README.md
# for what it checks and what it printed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${QM_VERIFY_DIR:-/tmp/qianmian-verify}
image=localhost/qianmian:verify
base=localhost/qianmian-verify/debian:trixie
jre=docker.io/library/eclipse-temurin:21-jre
maven=docker.io/library/maven:3.9-eclipse-temurin-21
redis=docker.io/library/redis:7-alpine
port=${QM_VERIFY_PORT:-18080}
mirror=${QM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
export BUILDAH_ISOLATION=chroot

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "verify-local: $*" >&2; exit 1; }

# podman's defaults do not fit a sandbox without CAP_SYS_RESOURCE and with hybrid cgroups: crun
# refuses hybrid cgroups, and both runtimes fail to set podman's default rlimits (nofile 1048576).
# The caller's own nofile passes; nproc passed at 32768 but not at 65536 (the shell's is 96365).
containers_conf() {
  mkdir -p "$work"
  local nproc; nproc=$(ulimit -Hu); [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ] && nproc=32768
  cat > "$work/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
EOF
  export CONTAINERS_CONF="$work/containers.conf"
}

# The two base images, from Debian 13 (the first Debian with OpenJDK 21). CA certificates the host
# added (an HTTPS-intercepting egress proxy) go in too, or Maven inside the build cannot reach
# Maven Central; the real base images need no such thing.
base_images() {
  if podman image exists "$jre" && podman image exists "$maven" && podman image exists "$base"; then return; fi
  say "stand-in base images from Debian packages"
  if ! podman image exists "$base"; then
    rm -rf "$work/rootfs"
    debootstrap --variant=minbase --include=ca-certificates trixie "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
      || die "debootstrap failed: see $work/debootstrap.log"
    rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
    tar -C "$work/rootfs" -cf - . | podman import -q - "$base" >/dev/null
    rm -rf "$work/rootfs"
  fi
  local c
  c=$(buildah from -q "$base")
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    buildah copy -q "$c" /usr/local/share/ca-certificates/ /usr/local/share/ca-certificates/ >/dev/null
  fi
  buildah run "$c" sh -c 'update-ca-certificates >/dev/null 2>&1 && apt-get update -q >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-21-jre-headless >/dev/null &&
    rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb && java -version'
  buildah config --env LANG=C.UTF-8 --env JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64 --cmd jshell "$c"
  buildah commit -q --rm "$c" "$jre" >/dev/null
  c=$(buildah from -q "$jre")
  buildah run "$c" sh -c 'apt-get update -q >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-21-jdk-headless maven >/dev/null &&
    rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb && mvn -v'
  buildah config --cmd mvn "$c"
  buildah commit -q --rm "$c" "$maven" >/dev/null
}

# redis:7-alpine for the replicas profile: Debian's redis-server. The official image turns Redis's
# protected mode off (it serves other containers without a password); so does this stand-in.
redis_image() {
  podman image exists "$redis" && return
  say "stand-in $redis from Debian's redis-server"
  local c
  c=$(buildah from -q "$base")
  # shellcheck disable=SC2016 # the $ are the entrypoint's, written as they are
  buildah run "$c" sh -c 'apt-get update -q >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server >/dev/null &&
    rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb && mkdir -p /data && redis-server --version &&
    printf "#!/bin/sh\n[ \"\$1\" = redis-server ] && set -- \"\$@\" --protected-mode no\nexec \"\$@\"\n" > /usr/local/bin/entrypoint &&
    chmod +x /usr/local/bin/entrypoint'
  buildah config --workingdir /data --entrypoint '["/usr/local/bin/entrypoint"]' --cmd redis-server "$c"
  buildah commit -q --rm "$c" "$redis" >/dev/null
}

build() {
  say "buildah bud -f docker/Dockerfile (the default target: the server image)"
  (cd "$root" && buildah bud --layers -q -f docker/Dockerfile -t "$image" .)
  # Compose names a service's image PROJECT-SERVICE and builds it only when it is missing: the
  # image just built stands for both services (compose's own build was run once by hand: README).
  podman tag "$image" "docker.io/library/$project-trainer:latest" "docker.io/library/$project-server:latest" \
    "docker.io/library/$project-server-2:latest"
  podman image ls "$image"
}

# Docker Compose 2 (Debian 13's package; no Docker engine needed) talking to podman's Docker API.
compose_tool() {
  [ -x "$work/bin/docker-compose" ] && return
  say "docker compose 2 from Debian 13's docker-compose package"
  local c m
  c=$(buildah from -q "$base")
  buildah run "$c" sh -c 'apt-get update -q >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose >/dev/null'
  m=$(buildah mount "$c")
  mkdir -p "$work/bin"
  cp -L "$m/usr/libexec/docker/cli-plugins/docker-compose" "$work/bin/docker-compose"
  buildah umount "$c" >/dev/null
  buildah rm "$c" >/dev/null
}

service_pid=""
stop_service() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  rm -f "$work/podman.sock"
}

compose() { (cd "$root" && "$work/bin/docker-compose" -p "$project" -f docker/compose.yaml ${override:+-f "$override"} "$@"); }

run_compose() {
  say "podman system service (the Docker API) on $work/podman.sock"
  [ -S "$work/podman.sock" ] && die "$work/podman.sock exists: is a podman system service still running?"
  podman system service --time=0 "unix://$work/podman.sock" > "$work/service.log" 2>&1 &
  service_pid=$!
  trap stop_service EXIT
  export DOCKER_HOST="unix://$work/podman.sock"
  for _ in $(seq 50); do [ -S "$work/podman.sock" ] && break; sleep 0.2; done
  override=""
  if ss -ltnH 'sport = :8080' | grep -q .; then
    # Port 8080 is taken on this host: publish the server elsewhere, nothing else changes.
    override="$work/ports.yaml"
    printf 'services:\n  server:\n    ports: !override ["%s:8080"]\n' "$port" > "$override"
  else
    port=8080
  fi
  say "docker compose up -d (trainer, then server on port $port)"
  compose up -d 2>&1 | grep -v '^ *$'
  compose ps -a
  compose logs trainer 2>&1 | grep -E 'Trained in|Error|error' || true
  local up=""
  for _ in $(seq 120); do
    curl -fsS -m 2 "http://127.0.0.1:$port/observe/health/ready" >/dev/null 2>&1 && { up=1; break; }
    sleep 1
  done
  [ -n "$up" ] || { compose logs server | tail -30; die "the server did not become ready on port $port"; }
  say "checks from the host"
  echo "GET /v1/ping: $(curl -fsS -m 5 "http://127.0.0.1:$port/v1/ping")"
  echo "GET /v1/users/u1/recommendations?n=3: $(curl -fsS -m 5 "http://127.0.0.1:$port/v1/users/u1/recommendations?n=3" | head -c 300)…"
  curl -fsS -m 5 -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$port/v1/events" \
    -d '{"type":"view","userId":"u1","itemId":"p1","timestamp":"2026-01-01T00:00:00Z"}' | sed 's/^/POST \/v1\/events: /'; echo
  local server
  server=$(compose ps -q server)
  # podman runs health checks from systemd timers, absent here: run the compose file's check once.
  echo "healthcheck (podman healthcheck run): $(podman healthcheck run "$server" >/dev/null 2>&1 && echo healthy || echo unhealthy)"
  echo "server process: $(podman exec "$server" sh -c 'id -un; tr "\0" " " < /proc/1/cmdline')"
  echo "events volume: $(podman exec "$server" sh -c 'ls -ld /var/lib/qianmian/events; ls /var/lib/qianmian/events | head -3 | tr "\n" " "')"
  echo "JVM in a 1-CPU 1 GB container: $(podman run --rm --cpus 1 --memory 1g --entrypoint sh "$image" -c \
    'java -XX:+UseG1GC -XX:MaxGCPauseMillis=5 -XX:MaxTenuringThreshold=2 -XX:MaxRAMPercentage=75 -XX:+PrintFlagsFinal -version' 2>/dev/null \
    | awk '$2 ~ /^(UseG1GC|UseSerialGC|MaxHeapSize|MaxGCPauseMillis|MaxTenuringThreshold)$/ {printf "%s=%s ", $2, $4}')"
  say "graceful stop, then a new server container over the same volumes"
  # -t: podman 4.3's Docker API reads a stop without a timeout as "kill now" (exit 137).
  local t0=$SECONDS
  compose stop -t 10 server 2>&1 | grep -v '^ *$'
  echo "stopped in $((SECONDS - t0)) s, exit code $(podman inspect -f '{{.State.ExitCode}}' "$server") (143: the JVM ended on SIGTERM)"
  compose rm -f server >/dev/null 2>&1
  compose up -d --no-deps server 2>&1 | grep -v '^ *$'
  server=$(compose ps -q server)
  echo "the new container's event log: $(podman exec "$server" sh -c 'cat /var/lib/qianmian/events/events-*.jsonl' | grep -o '"kind":"[a-z]*"' | sort | uniq -c | tr -s ' \n' ' ')"
  if ss -ltnH 'sport = :8081' | grep -q .; then
    echo "port 8081 is taken on this host: the replicas profile is not checked"
  else
    run_replicas
  fi
  local volumes=-v; [ -z "$keep" ] || volumes=""
  compose --profile replicas down ${volumes:+"$volumes"} 2>&1 | grep -v '^ *$' | tail -3
  stop_service; service_pid=""
}

# The replicas profile: Redis, and a second server beside the first, sharing campaign counters.
run_replicas() {
  say "QIANMIAN_COUNTERS_STORE=redis docker compose --profile replicas up -d"
  # Compose waits for Redis to be healthy; podman runs health checks from systemd timers, absent
  # here, so run them while it waits.
  ( for _ in $(seq 60); do
      podman healthcheck run "$project-redis-1" >/dev/null 2>&1 && break
      sleep 2
    done ) &
  local checker=$!
  QIANMIAN_COUNTERS_STORE=redis compose --profile replicas up -d 2>&1 | grep -E 'Started|Healthy|rror' || true
  wait "$checker" || true
  compose --profile replicas ps -a --format '{{.Service}}: {{.Status}}'
  local p up
  for p in "$port" 8081; do
    up=""
    for _ in $(seq 120); do
      curl -fsS -m 2 "http://127.0.0.1:$p/observe/health/ready" >/dev/null 2>&1 && { up=1; break; }
      sleep 1
    done
    [ -n "$up" ] || { compose --profile replicas logs server server-2 | tail -30; die "a replica did not become ready on port $p"; }
    echo "port $p: $(curl -fsS -m 5 "http://127.0.0.1:$p/v1/users/u1/recommendations?n=1" | head -c 120)…"
  done
  echo "redis: $(podman exec "$project-redis-1" redis-cli client list | grep -c 'name=qianmian-campaign-counters') servers connected as qianmian-campaign-counters; $(podman exec "$project-redis-1" redis-cli config get appendfsync | tr '\n' ' ')"
}

clean() {
  say "removing what this script made"
  for p in "$project-server-1" "$project-server-2-1" "$project-trainer-1" "$project-redis-1"; do
    podman rm -f "$p" >/dev/null 2>&1 || true
  done
  for v in models data events events-2 redis; do podman volume rm -f "${project}_$v" >/dev/null 2>&1 || true; done
  podman network rm -f "${project}_default" >/dev/null 2>&1 || true
  buildah rm -a >/dev/null 2>&1 || true
  podman rmi -f "$image" "docker.io/library/$project-trainer:latest" "docker.io/library/$project-server:latest" \
    "docker.io/library/$project-server-2:latest" "$jre" "$maven" "$redis" "$base" >/dev/null 2>&1 || true
  podman image prune -f >/dev/null 2>&1 || true
  rm -rf "$work"
}

project=qmverify
keep=""
containers_conf
case "${1:-}" in
  clean) clean; exit 0 ;;
  --keep) keep=1 ;;
  "") ;;
  *) die "usage: docker/verify-local.sh [--keep | clean]" ;;
esac
for tool in buildah podman runc debootstrap curl; do
  command -v "$tool" >/dev/null || die "$tool is missing: apt-get install buildah podman runc debootstrap curl"
done
base_images
redis_image
build
compose_tool
run_compose
[ "$keep" ] || clean
