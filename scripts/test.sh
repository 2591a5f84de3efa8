#!/usr/bin/env bash
# Runs the whole test suite: every module, real sandboxes, real servers on loopback, then the VS Code
# extension (lint, unit tests, the .vsix, and its tests in a real editor: code-server and Chromium).
# Extra arguments go to Maven and run only the Maven part, e.g. scripts/test.sh -pl core/server -am
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"
ensure_build_packages
ensure_runtime_packages
JAVA_HOME="$(find_jdk25)"
# Java names files with the locale's charset: without UTF-8 a cell's non-ASCII file names would be
# mangled (CI and service managers often start with the POSIX locale).
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export JAVA_HOME
cd "$ROOT"
mvn -B -ntp verify "$@"
if [ $# -eq 0 ]; then
  # Every module was just built: what ./oncell would build before serving is there already.
  touch "$ROOT/core/cli/target/.oncell-build-stamp"
  exec "$ROOT/scripts/vscode-extension.sh" e2e
fi
