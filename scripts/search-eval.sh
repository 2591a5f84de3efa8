#!/usr/bin/env bash
# Measures oncell's code search: keyword, vector and hybrid search with each embedding model, on
# doc-comment queries and hand-written bug reports over real open-source code. Downloads the corpus
# (pinned versions, from Maven Central and npm) into core/search-eval/target/corpus, builds the
# evaluation module, runs it and writes docs/search-eval.md. About 10-15 minutes on 2 cores; a
# second run reuses the corpus and the embedding cache (core/search-eval/target/eval/cache).
#
#   scripts/search-eval.sh                        # the full evaluation
#   scripts/search-eval.sh --bench                # embedding throughput only
#   scripts/search-eval.sh --index scan --out -   # more options: see SearchEval's usage
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib.sh
source "$ROOT/scripts/lib.sh"
ensure_build_packages
ensure_packages curl:curl unzip:unzip npm:npm
JAVA_HOME="$(find_jdk25)"
export JAVA_HOME
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
cd "$ROOT"

MODULE=core/search-eval
CORPUS="$MODULE/target/corpus"
WORK="$MODULE/target/eval"
MAVEN_REPO="${MAVEN_REPO:-https://repo.maven.apache.org/maven2}"

# Java sources: group/artifact/version of a -sources.jar.
JARS=(
  org.apache.commons/commons-lang3/3.20.0
  org.apache.commons/commons-text/1.15.0
  org.apache.commons/commons-collections4/4.6.0
  commons-io/commons-io/2.22.0
  com.google.guava/guava/33.7.1-jre
  com.fasterxml.jackson.core/jackson-core/2.21.0
)
# JavaScript and TypeScript: npm packages.
PACKAGES=(lodash@4.17.21 express@4.21.2 rxjs@7.8.2 axios@1.8.4 commander@12.1.0)

download_corpus() {
  local downloads="$CORPUS/downloads" src="$CORPUS/src.partial" coordinate group artifact version file package name
  mkdir -p "$downloads"
  rm -rf "$src"
  mkdir -p "$src"
  for coordinate in "${JARS[@]}"; do
    IFS=/ read -r group artifact version <<<"$coordinate"
    file="$downloads/$artifact-$version-sources.jar"
    if [ ! -s "$file" ]; then
      echo "search-eval: downloading $artifact $version sources" >&2
      curl -fsSL -o "$file.tmp" "$MAVEN_REPO/${group//.//}/$artifact/$version/$artifact-$version-sources.jar"
      mv "$file.tmp" "$file"
    fi
    mkdir -p "$src/$artifact"
    unzip -q -o "$file" '*.java' -x 'module-info.java' '*/module-info.java' '*package-info.java' -d "$src/$artifact"
  done
  for package in "${PACKAGES[@]}"; do
    name="${package%@*}"
    file="$downloads/$name-${package#*@}.tgz"
    if [ ! -s "$file" ]; then
      echo "search-eval: downloading $package from npm" >&2
      (cd "$downloads" && npm pack "$package" --silent >/dev/null)
    fi
    mkdir -p "$src/$name"
    tar xzf "$file" -C "$src/$name" --strip-components=1
  done
  # Keep one copy of each function: lodash's per-function modules (not its bundles or fp wrappers),
  # rxjs's TypeScript sources (not the compiled dist/), the lib/ of the others.
  rm -rf "$src/lodash/fp" "$src"/lodash/{fp,lodash,lodash.min,core,core.min}.js
  find "$src/rxjs" -mindepth 1 -maxdepth 1 ! -name src -exec rm -rf {} +
  find "$src/express" "$src/axios" "$src/commander" -type f ! -path '*/lib/*' ! -name index.js -delete
  find "$src" -type f ! -name '*.java' ! -name '*.js' ! -name '*.ts' -delete
  find "$src" -name '*.d.ts' -delete
  rm -rf "$CORPUS/src"
  mv "$src" "$CORPUS/src"
}

if [ ! -d "$CORPUS/src" ]; then
  download_corpus
fi
echo "search-eval: corpus $(find "$CORPUS/src" -type f | wc -l) files in $CORPUS/src" >&2

echo "search-eval: building $MODULE" >&2
mkdir -p "$WORK/tmp"
mvn -B -ntp -q -pl "$MODULE" -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$ROOT/$WORK/classpath.txt" -Dmdep.includeScope=runtime

# The evaluation's own flags must come after the defaults to override them.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -Djava.io.tmpdir="$ROOT/$WORK/tmp" \
  -cp "$MODULE/target/classes:$(cat "$WORK/classpath.txt")" \
  dev.oncell.search.eval.SearchEval --corpus "$CORPUS/src" --work "$WORK" --out docs/search-eval.md "$@"
