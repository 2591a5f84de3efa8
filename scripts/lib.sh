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
  # e2fsprogs and mount: the per-cell disk quota (a loop-mounted ext4 image).
  ensure_packages bwrap:bubblewrap git:git tini:tini mkfs.ext4:e2fsprogs resize2fs:e2fsprogs \
    debugfs:e2fsprogs losetup:mount socat:socat curl:curl
  ensure_runsc
}

# The gVisor build a runsc binary reports (e.g. 20240729), or nothing when there is none.
runsc_build() {
  command -v runsc >/dev/null 2>&1 || return 0
  # Debian prints "runsc version 0.0~20240729.0", upstream "runsc version release-20240729.0".
  runsc --version 2>/dev/null | sed -n 's/^runsc version//p' | grep -oE '[0-9]{8}' | head -n 1
}

# Builds of gVisor before 2023 (Debian 12's own runsc is 20221219) have a statx that breaks
# ls and stat on recent kernels. Succeeds when runsc is missing or is such a build.
runsc_too_old() {
  local build
  build=$(runsc_build)
  [ -z "$build" ] || [ "$build" -lt 20230101 ]
}

# gVisor (runsc) from bookworm-backports on Debian 12: adds that suite when no backports source
# is configured yet, then installs runsc from it. Quiet when a recent runsc is there.
ensure_runsc() {
  runsc_too_old || return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "oncell: gVisor (runsc) is missing or older than 2023 (found: $(runsc_build))" >&2
    echo "oncell: on Debian 12, add bookworm-backports and: sudo apt-get install -y -t bookworm-backports runsc" >&2
    return 1
  fi
  local codename
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  export DEBIAN_FRONTEND=noninteractive
  if [ "$codename" = bookworm ]; then
    if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      echo "oncell: adding the bookworm-backports apt source for gVisor" >&2
      echo "deb http://deb.debian.org/debian bookworm-backports main" \
        > /etc/apt/sources.list.d/oncell-backports.list
    fi
    echo "oncell: installing runsc (gVisor) from bookworm-backports" >&2
    apt-get update -q >/dev/null 2>&1 || true
    apt-get install -y -q -t bookworm-backports runsc >&2
  else
    echo "oncell: installing runsc (gVisor) with apt-get" >&2
    apt-get update -q >/dev/null 2>&1 || true
    apt-get install -y -q runsc >&2
  fi
  if runsc_too_old; then
    echo "oncell: runsc is still missing or too old (found: $(runsc_build))" >&2
    return 1
  fi
}
