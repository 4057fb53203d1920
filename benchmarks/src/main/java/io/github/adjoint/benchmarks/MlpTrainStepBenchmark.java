package io.github.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full training step of the 64-64-10 MLP on digits with Adam ({@link MlpTraining}): the
 * generated trainer ({@code accumulate} × 32, then {@code step()}), the same written by hand, and
 * the forward pass alone over the batch. Every iteration starts again from the same parameters and
 * a fresh optimizer, so both trainers run the same stretch of training (about a hundred epochs
 * per one-second iteration) and neither drifts into another numerical regime.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MlpTrainStepBenchmark {
  /** The data and starting point, loaded once per fork. */
  @State(Scope.Benchmark)
  public static class Training {
    final MlpTraining training = new MlpTraining();
  }

  /** The generated trainer, from the starting point again at every iteration. */
  @State(Scope.Thread)
  public static class Generated {
    MlpTraining.Loop loop;

    @Setup(Level.Iteration)
    public void restart(Training t) {
      loop = t.training.generated();
    }
  }

  /** The hand-written model and Adam loop, from the starting point again at every iteration. */
  @State(Scope.Thread)
  public static class HandWritten {
    MlpTraining.Loop loop;

    @Setup(Level.Iteration)
    public void restart(Training t) {
      loop = t.training.handWritten();
    }
  }

  /** The forward pass alone. */
  @State(Scope.Thread)
  public static class ValueOnly {
    MlpTraining.Loop loop;

    @Setup(Level.Iteration)
    public void restart(Training t) {
      loop = t.training.valueOnly();
    }
  }

  @Benchmark
  public double generated(Generated g) {
    return g.loop.next();
  }

  @Benchmark
  public double handWritten(HandWritten h) {
    return h.loop.next();
  }

  @Benchmark
  public double valueOnly(ValueOnly v) {
    return v.loop.next();
  }
}
