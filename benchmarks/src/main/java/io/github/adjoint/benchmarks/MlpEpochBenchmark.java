package io.github.adjoint.benchmarks;

import io.github.adjoint.samples.ClassifiersMlpTrainer;
import io.github.adjoint.train.TrainingLoop;
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

/**
 * One epoch of the flagship on the digits' training part (1438 examples, 45 mini-batches of 32, a
 * 64-64-10 ReLU MLP, Adam): the generated trainer of {@code Classifiers.mlp} driven by the
 * runtime's {@code TrainingLoop} (shuffle, accumulate per example, fused step per batch, epoch
 * bookkeeping and divergence checks) against the same model and update written by hand in plain
 * Java ({@link MlpEpochHandWritten}), visiting the examples in the same order. Each invocation
 * trains one more epoch from where the last one left the parameters, the same for both. The
 * methods are named as in the other benchmarks, so that {@code benchmarks/run.sh MlpEpoch}
 * tabulates their ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MlpEpochBenchmark {
  MlpEpoch epoch;
  TrainingLoop<ClassifiersMlpTrainer> generated;
  MlpEpochHandWritten handWritten;

  @Setup
  public void setup() {
    epoch = new MlpEpoch();
    generated = epoch.generated(epoch.start());
    handWritten = epoch.handWritten(epoch.start());
  }

  @Benchmark
  public double generated() {
    return generated.run().last().trainingLoss();
  }

  @Benchmark
  public double handWritten() {
    return handWritten.epoch(epoch.x, epoch.labels, MlpEpoch.BATCH, MlpEpoch.SEED);
  }
}
