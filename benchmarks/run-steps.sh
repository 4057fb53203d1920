#!/usr/bin/env bash
# The generated fused optimizer steps against the same update in separate whole-array passes and
# against a traffic-bound kernel (OptimizerStepBenchmark: n = 10^4, 10^6, 10^7; SGD with momentum,
# AdaGrad, RMSprop, Adam, AdamW; each also in a fork with -XX:-UseSuperWord), and one full
# training step of the 64-64-10 MLP on digits with Adam, generated trainer against hand-written
# (MlpTrainStepBenchmark): one JMH run, one fork per configuration, then the same comparisons in
# the interleaved harnesses (StepInterleaved; Interleaved's "training step" case).
#
#   benchmarks/run-steps.sh                         # everything (about 25 minutes on 2 cores)
#   SKIP_BUILD=1 benchmarks/run-steps.sh            # reuse benchmarks/target/benchmarks.jar
#   benchmarks/run-steps.sh -p n=10000 -p optimizer=ADAM   # extra arguments go to JMH
#   JMH_OPTS="-f 1 -wi 1 -i 1 -w 200ms -r 200ms" INTERLEAVED=0 benchmarks/run-steps.sh   # smoke test
#
# Builds with `mvn -B -q -pl benchmarks -am package -DskipTests` (no install). Writes
# benchmarks/results/steps-jmh.json (JMH's results), steps-jmh.txt (the log), steps.md (the tables)
# and steps-interleaved.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
results="$here/results"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building (mvn -B -q -pl benchmarks -am package -DskipTests)"
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests)
fi
[[ -f "$jar" ]] || { echo "$jar is missing: build with 'mvn -B -pl benchmarks -am package -DskipTests'" >&2; exit 1; }
mkdir -p "$results"

opts=(${JMH_OPTS:--f 1 -wi 4 -w 1s -i 5 -r 1s})
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
machine="$(java -version 2>&1 | head -1) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
echo "== java -jar benchmarks.jar 'OptimizerStepBenchmark|MlpTrainStepBenchmark' ${opts[*]} -prof gc $*" | tee "$results/steps-jmh.txt"
java -jar "$jar" 'OptimizerStepBenchmark|MlpTrainStepBenchmark' "${opts[@]}" -prof gc -foe true \
  -rf json -rff "$results/steps-jmh.json" "$@" >> "$results/steps-jmh.txt" 2>&1

{
  echo "Measured with $machine, JMH ${opts[*]} -prof gc; load average (1, 5, 15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  java -cp "$jar" io.github.adjoint.benchmarks.StepResultsTable "$results/steps-jmh.json"
  echo
  java -cp "$jar" io.github.adjoint.benchmarks.ResultsTable "$results/steps-jmh.json"
} | tee "$results/steps.md"

if [[ "${INTERLEAVED:-1}" != 0 ]]; then
  echo "== interleaved: StepInterleaved, then Interleaved 300 'training step'"
  {
    echo "Measured with $machine: java -cp benchmarks/target/benchmarks.jar io.github.adjoint.benchmarks.StepInterleaved"
    echo
    java -cp "$jar" io.github.adjoint.benchmarks.StepInterleaved
    echo
    echo "java -cp benchmarks/target/benchmarks.jar io.github.adjoint.benchmarks.Interleaved 300 'training step'"
    echo
    java -cp "$jar" io.github.adjoint.benchmarks.Interleaved 300 'training step'
  } | tee "$results/steps-interleaved.md"
fi
