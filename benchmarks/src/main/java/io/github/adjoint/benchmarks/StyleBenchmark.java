package io.github.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.IntToDoubleFunction;
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

/**
 * Value and gradient of the {@code StyleModels} variants (the models written in the styles a new
 * user writes: tanh or sigmoid, {@code W1[k][j]} or row aliases, int-local or {@code .length}
 * bounds, one example per call or a batch loop): the generated backward class, a hand-written
 * backward pass ({@link StyleHandWritten}), and the user's method alone. See {@link StyleCases}.
 *
 * <p>A one-example variant's operation is one call on the next of the 32 examples (cycling, as a
 * training loop does); a batch variant's is one call on the whole batch. The generated and
 * hand-written calls store their gradients in fields of long-lived objects, which the JIT cannot
 * drop, so returning the value is enough to keep the work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StyleBenchmark {
  /** {@link StyleCases#NAMES}, which a test keeps equal to this list. */
  @Param({
    "mlpTanhIndexedLocalSingle",
    "mlpTanhAliasLocalSingle",
    "mlpTanhIndexedLengthSingle",
    "mlpSigmoidIndexedLocalSingle",
    "mlpTanhIndexedLocalBatch",
    "mlpSigmoidAliasLengthBatch",
    "logisticLocalSingle"
  })
  public String variant;

  IntToDoubleFunction generated;
  IntToDoubleFunction handWritten;
  IntToDoubleFunction valueOnly;
  int examples;
  int next;

  @Setup
  public void setup() {
    StyleCases.Variant v = StyleCases.variant(variant);
    generated = v.generated();
    handWritten = v.handWritten();
    valueOnly = v.valueOnly();
    examples = v.examples();
    next = 0;
  }

  /** The next example's index, cycling through {@code examples}. */
  private int next() {
    int i = next;
    next = i + 1 == examples ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public double generated() {
    return generated.applyAsDouble(next());
  }

  @Benchmark
  public double handWritten() {
    return handWritten.applyAsDouble(next());
  }

  @Benchmark
  public double valueOnly() {
    return valueOnly.applyAsDouble(next());
  }
}
