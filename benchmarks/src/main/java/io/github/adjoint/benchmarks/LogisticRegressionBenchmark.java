package io.github.adjoint.benchmarks;

import io.github.adjoint.samples.Models;
import io.github.adjoint.samples.ModelsLogisticLossBackward;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Value and gradient of the mean logistic loss ({@code Models.logisticLoss}) over a batch of 32
 * examples: the generated backward class, hand-written backprop, the function alone, and
 * Hipparchus forward mode. All four see the same data; {@code GradientGuardTest} checks that they
 * compute the same gradient.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LogisticRegressionBenchmark {
  public static final int BATCH = 32;
  public static final long SEED = 20240601L;

  @Param({"10", "100", "1000"})
  public int features;

  double[] w;
  double b;
  double[][] x;
  double[] y;

  ModelsLogisticLossBackward generated;
  LogisticHandWritten handWritten;
  LogisticHipparchus hipparchus;

  @Setup
  public void setup() {
    Data.Logistic data = Data.logistic(features, BATCH, SEED + features);
    w = data.w();
    b = data.b();
    x = data.x();
    y = data.y();
    generated = new ModelsLogisticLossBackward();
    handWritten = new LogisticHandWritten();
    hipparchus = new LogisticHipparchus(features);
  }

  @Benchmark
  public double generated(Blackhole bh) {
    double value = generated.compute(w, b, x, y);
    bh.consume(generated.w);
    bh.consume(generated.b);
    return value;
  }

  @Benchmark
  public double handWritten(Blackhole bh) {
    double value = handWritten.compute(w, b, x, y);
    bh.consume(handWritten.w);
    bh.consume(handWritten.b);
    return value;
  }

  @Benchmark
  public double valueOnly() {
    return Models.logisticLoss(w, b, x, y);
  }

  @Benchmark
  public double hipparchusForward(Blackhole bh) {
    double value = hipparchus.compute(w, b, x, y);
    bh.consume(hipparchus.w);
    bh.consume(hipparchus.b);
    return value;
  }
}
