package io.github.adjoint.benchmarks;

import io.github.adjoint.samples.Models;
import io.github.adjoint.samples.ModelsMlpLossBackward;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Value and gradient of the softmax cross-entropy of a 2-layer perceptron ({@code Models.mlpLoss},
 * 64 inputs, 32 ReLU hidden units, 10 classes) over a batch of 32: the generated backward class,
 * hand-written backprop, and the function alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MlpBenchmark {
  public static final int INPUTS = 64;
  public static final int HIDDEN = 32;
  public static final int CLASSES = 10;
  public static final int BATCH = 32;
  public static final long SEED = 20240602L;

  double[][] w1;
  double[] b1;
  double[][] w2;
  double[] b2;
  double[][] x;
  double[] labels;

  ModelsMlpLossBackward generated;
  MlpHandWritten handWritten;

  @Setup
  public void setup() {
    Data.Mlp data = Data.mlp(INPUTS, HIDDEN, CLASSES, BATCH, SEED);
    w1 = data.w1();
    b1 = data.b1();
    w2 = data.w2();
    b2 = data.b2();
    x = data.x();
    labels = data.labels();
    generated = new ModelsMlpLossBackward();
    handWritten = new MlpHandWritten();
  }

  @Benchmark
  public double generated(Blackhole bh) {
    double value = generated.compute(w1, b1, w2, b2, x, labels);
    bh.consume(generated.w1);
    bh.consume(generated.b1);
    bh.consume(generated.w2);
    bh.consume(generated.b2);
    return value;
  }

  @Benchmark
  public double handWritten(Blackhole bh) {
    double value = handWritten.compute(w1, b1, w2, b2, x, labels);
    bh.consume(handWritten.w1);
    bh.consume(handWritten.b1);
    bh.consume(handWritten.w2);
    bh.consume(handWritten.b2);
    return value;
  }

  @Benchmark
  public double valueOnly() {
    return Models.mlpLoss(w1, b1, w2, b2, x, labels);
  }
}
