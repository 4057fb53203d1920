#!/usr/bin/env bash
# Runs the JMH benchmarks with settings sane for a small shared machine (2 cores) and prints the
# ratios measured side by side in this run as a Markdown table.
#
#   benchmarks/run.sh                       # everything (about 3 minutes)
#   benchmarks/run.sh LogisticRegression    # extra arguments go to JMH (here: a benchmark regex)
#   SKIP_BUILD=1 benchmarks/run.sh          # reuse benchmarks/target/benchmarks.jar
#   JMH_OPTS="-f 1 -wi 10 -i 10" benchmarks/run.sh   # other iteration settings
#
# Writes benchmarks/results/jmh.json (JMH's full result, incl. -prof gc's metrics), jmh.txt (the
# console log) and table.md (the table printed at the end).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
results="$here/results"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building (mvn -B -q install -DskipTests)"
  (cd "$root" && mvn -B -q install -DskipTests)
fi
[[ -f "$jar" ]] || { echo "$jar is missing: build with 'mvn -B install -DskipTests'" >&2; exit 1; }
mkdir -p "$results"

# One fork, 5 x 1 s warm-up, 5 x 1 s measurement; -prof gc reports gc.alloc.rate.norm (B/op).
opts=(${JMH_OPTS:--f 1 -wi 5 -w 1s -i 5 -r 1s})
echo "== java -jar benchmarks.jar ${opts[*]} -prof gc $*"
java -jar "$jar" "${opts[@]}" -prof gc -foe true \
  -rf json -rff "$results/jmh.json" "$@" 2>&1 | tee "$results/jmh.txt"

echo
echo "== ratios measured in this run ($(java -version 2>&1 | head -1), $(nproc) cores)"
java -cp "$jar" io.github.adjoint.benchmarks.ResultsTable "$results/jmh.json" | tee "$results/table.md"
