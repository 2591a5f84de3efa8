#!/usr/bin/env bash
# Installs (as root) or names (otherwise) every system package oncell needs to build, test and run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"
ensure_build_packages
ensure_runtime_packages
find_jdk25 >/dev/null
echo "oncell: system packages are in place"
