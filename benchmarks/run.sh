#!/usr/bin/env bash
# Runs the JMH benchmarks with settings sane for a small shared machine (2 cores) and prints the
# ratios measured side by side as a Markdown table.
#
#   benchmarks/run.sh                       # everything, 3 rounds (about 18 minutes)
#   benchmarks/run.sh LogisticRegression    # extra arguments go to JMH (here: a benchmark regex)
#   SKIP_BUILD=1 benchmarks/run.sh          # reuse benchmarks/target/benchmarks.jar
#   ROUNDS=1 JMH_OPTS="-f 1 -wi 10 -i 10" benchmarks/run.sh   # other settings
#   INTERLEAVED=0 benchmarks/run.sh         # skip the interleaved ratios (see Interleaved.java)
#
# A round is one JMH run of every benchmark in one fork (4 x 1 s warm-up, 4 x 1 s measurement).
# On a shared VM the JIT's result and the machine's speed differ from fork to fork and drift over
# minutes (10-50% measured), so the ratios are taken within a round and the table gives their
# median over the rounds (see ResultsTable). -prof gc adds gc.alloc.rate.norm (B/op).
#
# Then the interleaved harness times generated, hand-written and value-only calls in alternation in
# one JVM, where machine drift cancels out of the ratios (about 1 minute).
#
# Writes benchmarks/results/jmh-round<N>.json (JMH's results), jmh.txt (the log), table.md and
# interleaved.md. The optimizer-step benchmarks are not run here: see run-steps.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
results="$here/results"
rounds="${ROUNDS:-3}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building (mvn -B -q install -DskipTests)"
  (cd "$root" && mvn -B -q install -DskipTests)
fi
[[ -f "$jar" ]] || { echo "$jar is missing: build with 'mvn -B install -DskipTests'" >&2; exit 1; }
mkdir -p "$results"
rm -f "$results"/jmh-round*.json "$results/jmh.txt"

opts=(${JMH_OPTS:--f 1 -wi 4 -w 1s -i 4 -r 1s})
files=()
for ((r = 1; r <= rounds; r++)); do
  echo "== round $r/$rounds: java -jar benchmarks.jar ${opts[*]} -prof gc $*" | tee -a "$results/jmh.txt"
  # The optimizer steps (90 forks, about 20 minutes) have their own script: run-steps.sh.
  java -jar "$jar" "${opts[@]}" -prof gc -foe true -e OptimizerStepBenchmark \
    -rf json -rff "$results/jmh-round$r.json" "$@" >> "$results/jmh.txt" 2>&1
  files+=("$results/jmh-round$r.json")
done

{
  echo "Measured with $(java -version 2>&1 | head -1) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), JMH ${opts[*]} -prof gc, $rounds round(s)."
  echo
  java -cp "$jar" io.github.adjoint.benchmarks.ResultsTable "${files[@]}"
} | tee "$results/table.md"

if [[ "${INTERLEAVED:-1}" != 0 ]]; then
  echo "== interleaved: java -cp benchmarks.jar io.github.adjoint.benchmarks.Interleaved"
  {
    echo "Measured with $(java -version 2>&1 | head -1) on $(nproc) cores: java -cp benchmarks/target/benchmarks.jar io.github.adjoint.benchmarks.Interleaved"
    echo
    java -cp "$jar" io.github.adjoint.benchmarks.Interleaved
  } | tee "$results/interleaved.md"
fi
