# Shell functions shared by ./tensorgrad, bench/run and .ci/run: locate a JDK >= 25.
# Maven itself may run on an older JDK; pom.xml selects JDK >= 25 through the toolchains plugin,
# and the launchers use the folder printed by find_jdk.

REQUIRED_JDK=25

# The major Java version of a JDK folder, read from its `release` file (JAVA_VERSION="25.0.1"; "1.8.0" is 8).
jdk_major() {
  local version
  version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$1/release" 2>/dev/null) || return 1
  [[ -n "$version" ]] || return 1
  version=${version#1.}
  echo "${version%%[.+-]*}"
}

# Prints the first JDK >= $REQUIRED_JDK: JAVA_HOME first, then the usual install folders.
find_jdk() {
  local dir major
  for dir in "${JAVA_HOME:-}" /usr/lib/jvm/* "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/*; do
    [[ -n "$dir" && -x "$dir/bin/java" ]] || continue
    major=$(jdk_major "$dir") || continue
    if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= REQUIRED_JDK )); then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

# The message every launcher prints when find_jdk fails.
no_jdk_message() {
  echo "no JDK $REQUIRED_JDK or newer found (looked at JAVA_HOME, /usr/lib/jvm, ~/.jdks, ~/.sdkman)."
  echo "Install a JDK $REQUIRED_JDK, e.g. Temurin $REQUIRED_JDK (https://adoptium.net; Debian: apt-get install temurin-$REQUIRED_JDK-jdk"
  echo "from the Adoptium repository), or set JAVA_HOME to one."
}
