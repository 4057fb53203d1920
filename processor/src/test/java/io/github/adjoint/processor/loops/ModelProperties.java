package io.github.adjoint.processor.loops;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The models of {@link ModelsTest} at random shapes (batch 1..6, features 1..8, classes 2..4,
 * hidden units 1..5) and random values: value bit for bit, gradient equal to forward mode, on a
 * fresh instance and on one instance shared by every try (so buffers see every shape in turn).
 * The functions are compiled once for the whole class.
 */
class ModelProperties {
  private static final int TRIES = 100;

  /** Compiled on first use, once per JVM. */
  private static final class Functions {
    static final Compiled COMPILED = InMemoryCompiler.compile(ModelsTest.SOURCE);
    static final ArrayFunction MSE = ArrayFunction.of(COMPILED, "models.M", "mse", "w", "b");
    static final ArrayFunction BCE = ArrayFunction.of(COMPILED, "models.M", "bce", "w", "b");
    static final ArrayFunction SOFTMAX = ArrayFunction.of(COMPILED, "models.M", "softmaxCe", "W", "b");
    static final ArrayFunction MLP = ArrayFunction.of(COMPILED, "models.M", "mlpRelu", "W1", "b1", "w2", "b2");
    static final ArrayFunction MLP_TANH = ArrayFunction.of(COMPILED, "models.M", "mlpTanh", "W1", "b1", "w2", "b2");
    static final ArrayFunction.Instance SHARED_MSE = MSE.newInstance();
    static final ArrayFunction.Instance SHARED_MLP = MLP.newInstance();
  }

  /** The full check, then the same call on the instance every try shares. */
  private static void check(ArrayFunction f, ArrayFunction.Instance shared, ArrayOracle.DsBody body, Object... args) {
    ArrayOracle.Expected expected = ArrayOracle.ds(f, body, f.arguments(args));
    f.check(expected, args);
    if (shared != null) {
      ArrayFunction.assertBitEqual("shared instance", f.original(args), shared.compute(args));
      f.assertGradient("shared instance", expected, shared.gradient());
    }
  }

  @Property(tries = TRIES)
  void linearRegression(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll @DoubleRange(min = 0.1, max = 10) double scale, @ForAll long seed) {
    Random r = new Random(seed);
    check(Functions.MSE, Functions.SHARED_MSE, ModelsTest.MSE,
        Data.vec(r, d, 1), scale * (r.nextDouble() - 0.5), Data.mat(r, n, d, scale), Data.vec(r, n, scale));
  }

  @Property(tries = TRIES)
  void logisticRegression(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll @DoubleRange(min = 0.1, max = 3) double scale, @ForAll long seed) {
    Random r = new Random(seed);
    check(Functions.BCE, null, ModelsTest.BCE,
        Data.vec(r, d, 1), r.nextDouble() - 0.5, Data.mat(r, n, d, scale), Data.bits(r, n));
  }

  @Property(tries = TRIES)
  void softmaxCrossEntropy(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll @IntRange(min = 2, max = 4) int k, @ForAll @DoubleRange(min = 0.1, max = 5) double scale,
      @ForAll long seed) {
    Random r = new Random(seed);
    check(Functions.SOFTMAX, null, ModelsTest.SOFTMAX_CE,
        Data.mat(r, k, d, 1), Data.vec(r, k, scale), Data.mat(r, n, d, scale), Data.oneHot(r, n, k));
  }

  @Property(tries = TRIES)
  void mlpRelu(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll @IntRange(min = 1, max = 5) int h, @ForAll long seed) {
    Random r = new Random(seed);
    check(Functions.MLP, Functions.SHARED_MLP, ModelsTest.mlp(false, true, true),
        Data.mat(r, h, d, 1), Data.vec(r, h, 0.5), Data.vec(r, h, 1), r.nextDouble() - 0.5,
        Data.mat(r, n, d, 2), Data.vec(r, n, 1));
  }

  @Property(tries = TRIES)
  void mlpTanh(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 1, max = 8) int d,
      @ForAll @IntRange(min = 1, max = 5) int h, @ForAll long seed) {
    Random r = new Random(seed);
    check(Functions.MLP_TANH, null, ModelsTest.mlp(true, false, true),
        Data.mat(r, h, d, 1), Data.vec(r, h, 0.5), Data.vec(r, h, 1), r.nextDouble() - 0.5,
        Data.mat(r, n, d, 2), Data.vec(r, n, 1));
  }
}
