# Sourced by ./qianmian and .ci/run: sets JAVA_HOME to a JDK >= 21, or explains what is needed.
# JAVA_HOME wins when it is new enough; otherwise the usual JDK folders are searched, newest first.

qm_java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1
}

qm_find_jdk() {
  local need=21 candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(qm_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$need" ]; then
      export JAVA_HOME; return 0
    fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                       /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(qm_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$need" ]; then
      export JAVA_HOME="$candidate"; return 0
    fi
  done
  {
    echo "qianmian needs a JDK ${need} or newer (java and javac), and found none."
    [ -n "${JAVA_HOME:-}" ] && echo "  JAVA_HOME=$JAVA_HOME is older than ${need} or not a JDK."
    echo "  Searched /usr/lib/jvm, /usr/java, /opt/java, /opt/jdk*, ~/.sdkman and /Library/Java."
    echo "  Install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME to it."
  } >&2
  return 1
}
