package io.github.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One optimizer step over an {@code n}-element parameter vector: the generated trainer's fused
 * {@code step()}, the same update as whole-array passes, and the traffic-bound kernel ({@code
 * kernel} = {@code FUSED}, {@code UNFUSED}, {@code TRAFFIC}; see {@link StepContenders}), for each
 * {@link StepOptimizer}. {@code stepNoSuperWord} runs the same in a fork with {@code
 * -XX:-UseSuperWord}: without C2's auto-vectorization.
 *
 * <p>Before every step, {@code @Setup(Level.Invocation)} writes the gradient, untimed and the same
 * way for all three (the step zeroes it). That is sound for steps of 10 µs and more, where JMH's
 * per-invocation timestamps (tens of nanoseconds) vanish: n = 10^6 and 10^7. At n = 10^4 a step
 * takes 2.5-15 µs, so those rows carry up to a few percent of timer cost, the same for all three
 * contenders ({@link StepInterleaved}, which times each step with {@code System.nanoTime}, too).
 * {@link StepResultsTable} turns the JSON results into the README's table (time, GB/s, ratios).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar OptimizerStepBenchmark -f 1 -wi 3 -i 5 -rf json -rff steps.json</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimizerStepBenchmark {
  @Param({"10000", "1000000", "10000000"})
  public int n;

  @Param({"SGD_MOMENTUM", "ADAGRAD", "RMSPROP", "ADAM", "ADAMW"})
  public String optimizer;

  @Param({"FUSED", "UNFUSED", "TRAFFIC"})
  public String kernel;

  private StepContenders.Contender contender;

  @Setup(Level.Trial)
  public void setUp() {
    contender = StepContenders.of(
        StepContenders.Kind.valueOf(kernel), StepOptimizer.valueOf(optimizer), n);
  }

  @Setup(Level.Invocation)
  public void writeGradient() {
    contender.writeGradient();
  }

  @Benchmark
  public void step() {
    contender.step();
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-XX:-UseSuperWord")
  public void stepNoSuperWord() {
    contender.step();
  }
}
