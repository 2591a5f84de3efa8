#!/usr/bin/env bash
# Runs the whole test suite: every module, real sandboxes, real servers on loopback.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl core/server -am
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"
ensure_build_packages
ensure_runtime_packages
JAVA_HOME="$(find_jdk25)"
export JAVA_HOME
cd "$ROOT"
exec mvn -B -ntp verify "$@"
