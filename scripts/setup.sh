#!/usr/bin/env bash
# Installs everything Dealmap needs on a fresh Debian machine with Node.js >= 20 and npm:
# pnpm 12.4.2, Debian's Chromium (web end-to-end tests), tmux (real-terminal TUI test) and
# PostgreSQL 15 (its binaries, for stores tested against a throwaway cluster the tests start
# themselves — never the system service), then the workspace's packages. Safe to run again: it skips what is already there.
# Usage: bash scripts/setup.sh [--frozen]   (--frozen: install exactly pnpm-lock.yaml, as CI does)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "12.4.2" ]; then
  echo "setup: installing pnpm 12.4.2 with npm"
  npm install -g pnpm@12.4.2
fi

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "setup: installing ${need[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "setup: please install ${need[*]} (needed only by the end-to-end and database tests)" >&2
  fi
fi

# better-sqlite3 compiles from source (no prebuilt binary is fetched here); node-gyp must use
# the headers of the machine's own Node.js instead of downloading them
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_api.h ]; then
  export npm_config_nodedir=/usr
fi

if [ "${1:-}" = "--frozen" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi
