# Shared by ./oncell and scripts/*.sh: find a JDK 25 and the system packages oncell needs.
# shellcheck shell=bash

# Prints the home of a JDK 25 or newer: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
find_jdk25() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "oncell: no JDK 25 found (looked at JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "oncell: install one, e.g. Temurin 25 from https://adoptium.net, and set JAVA_HOME." >&2
  return 1
}

# Makes sure the system packages are there: installs them with apt-get when root, otherwise
# names them and fails. Arguments: command:package pairs.
ensure_packages() {
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd="${pair%%:*}"
    pkg="${pair##*:}"
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "oncell: installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; then
      apt-get update -q >/dev/null 2>&1 || true
      apt-get install -y -q "${missing[@]}" >&2
    fi
    return 0
  fi
  echo "oncell: missing system packages: ${missing[*]}" >&2
  echo "oncell: install them with: sudo apt-get install -y ${missing[*]}" >&2
  return 1
}

# What building and running oncell needs.
ensure_build_packages() {
  ensure_packages mvn:maven git:git
}

# socat bridges the sandbox's 127.0.0.1:3128 to the cell's egress proxy socket; curl is what the
# egress tests drive through it.
ensure_runtime_packages() {
  ensure_packages bwrap:bubblewrap git:git socat:socat curl:curl
}
