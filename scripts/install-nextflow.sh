#!/usr/bin/env bash
# Installs Nextflow VERSION from a Maven repository (no other network access needed):
# Maven resolves the self-contained jar (io.nextflow:nextflow:VERSION, classifier `one`)
# into DIR/lib, and DIR/bin/nextflow is a launcher that runs it with the JVM flags of
# Nextflow's own launcher script, plus three that halve its start-up (Nextflow runs as a
# short-lived coordinator, 5-15 s of which would be JVM warm-up): a class-data archive
# (CDS) of the classes a run loads, made here by one small training run; the serial
# collector; C1 compilation only. NXF_OPTS comes after them, so a user can override any.
# Idempotent: a second run with the jar in place resolves nothing, and makes the archive
# again only when the java it was made with changed. Needs java (17 or later) and mvn.
#   scripts/install-nextflow.sh VERSION DIR
set -euo pipefail
version=${1:?usage: install-nextflow.sh VERSION DIR} dir=${2:?usage: install-nextflow.sh VERSION DIR}
jar=$dir/lib/nextflow-$version-one.jar
launcher=$dir/bin/nextflow

if [ ! -s "$jar" ]; then
  for c in java mvn; do
    command -v "$c" >/dev/null || { echo "install-nextflow: '$c' not found (apt-get install openjdk-17-jre-headless maven)" >&2; exit 1; }
  done
  mkdir -p "$dir/lib"
  echo "install-nextflow: resolving io.nextflow:nextflow:$version (classifier one) with Maven" >&2
  # A pinned plugin version, so the resolution does not depend on Maven's defaults.
  mvn -B -q -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
    -Dartifact="io.nextflow:nextflow:$version:jar:one" -DoutputDirectory="$dir/lib" ||
    { echo "install-nextflow: Maven could not resolve io.nextflow:nextflow:$version:jar:one" >&2; exit 1; }
fi

mkdir -p "$dir/bin"
jsa=$(cd "$dir/lib" && pwd)/nextflow-$version.jsa
tmp=$(mktemp "$dir/bin/.nextflow.XXXXXX")
cat > "$tmp" <<LAUNCHER
#!/usr/bin/env bash
# Nextflow $version launcher written by scripts/install-nextflow.sh (matrix2hap).
# NXF_HOME (caches, history) defaults to a folder beside this install; NXF_OFFLINE=true
# keeps Nextflow from reaching for its plugin registry (the pipeline needs no plugin).
export NXF_HOME=\${NXF_HOME:-$(cd "$dir" && pwd)/home}
export NXF_OFFLINE=\${NXF_OFFLINE:-true}
export NXF_VER=$version
unset JAVA_TOOL_OPTIONS
java=\${JAVA_HOME:+\$JAVA_HOME/bin/}java
# Start-up: Nextflow's classes from the archive beside the jar (a JVM that did not make it
# ignores it, quietly), the serial collector, C1 only.
fast=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1)
[ -s "$jsa" ] && fast+=(-XX:SharedArchiveFile="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
# The module openings Nextflow's own launcher passes to Java 9 and later.
opens=()
for p in java.lang java.io java.nio java.net java.util java.util.concurrent.locks \\
         java.util.concurrent.atomic java.nio.file.spi sun.nio.ch sun.nio.fs \\
         sun.net.www.protocol.http sun.net.www.protocol.https sun.net.www.protocol.ftp \\
         sun.net.www.protocol.file jdk.internal.misc jdk.internal.vm java.util.regex; do
  opens+=("--add-opens=java.base/\$p=ALL-UNNAMED")
done
exec "\$java" -Dfile.encoding=UTF-8 -Djava.awt.headless=true "\${fast[@]}" \${NXF_OPTS:-} "\${opens[@]}" \\
  -cp "$(cd "$dir/lib" && pwd)/nextflow-$version-one.jar" nextflow.cli.Launcher "\$@"
LAUNCHER
chmod 0755 "$tmp"
mv "$tmp" "$launcher"
"$launcher" -version > /dev/null || { echo "install-nextflow: '$launcher -version' failed" >&2; exit 1; }

# The class-data archive: made by a run of a one-task pipeline with trace, report and
# timeline on (the classes of a real run), for the java that will use it.
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
stamp=$("$java" -version 2>&1 | tr '\n' ' ')
if [ ! -s "$jsa" ] || [ "$(cat "$jsa.java" 2>/dev/null)" != "$stamp" ]; then
  echo "install-nextflow: making the class-data archive $jsa" >&2
  train=$(mktemp -d) bin=$(cd "$dir/bin" && pwd)/nextflow
  trap 'rm -rf "$train"' EXIT
  cat > "$train/main.nf" <<'PIPELINE'
process TRAIN {
    input:
    val x
    output:
    path 'x.txt'
    script:
    "echo ${x} > x.txt"
}
workflow {
    TRAIN(channel.of(1, 2)).collectFile(name: 'all.txt', storeDir: 'out')
}
PIPELINE
  rm -f "$jsa" "$jsa.java"
  (cd "$train" && NXF_OPTS="-XX:ArchiveClassesAtExit=$jsa.tmp" NXF_ANSI_LOG=false "$bin" run main.nf \
     -with-trace -with-report -with-timeline > train.log 2>&1) ||
    { tail -20 "$train/train.log" >&2; echo "install-nextflow: the training run failed" >&2; exit 1; }
  [ -s "$jsa.tmp" ] || { echo "install-nextflow: no archive from the training run" >&2; exit 1; }
  mv "$jsa.tmp" "$jsa"
  printf '%s' "$stamp" > "$jsa.java"
fi
echo "install-nextflow: Nextflow $version in $launcher" >&2
