#!/usr/bin/env bash
# Measures the secrets engine (agent-tools' gitleaks-format scanner, which the security, coding and
# review agents share): precision and recall of the shipped rules on their fixtures, then files/s over
# a repository's working tree and blobs/s over its whole history. The repository is cloned first
# (default: this one). Prints Markdown tables; asserts nothing.
#
#   scripts/secrets-bench.sh                 # this repository
#   scripts/secrets-bench.sh /path/to/repo   # another one
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"
JAVA_HOME="$(find_jdk25)"
export JAVA_HOME
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
REPO="$(cd "${1:-$ROOT}" && pwd)"
cd "$ROOT"
MODULE=agent-kits/agent-tools
mvn -B -q -o -pl "$MODULE" -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.classpath")" \
  dev.oncell.agent.tools.secrets.SecretsBench "$REPO"
