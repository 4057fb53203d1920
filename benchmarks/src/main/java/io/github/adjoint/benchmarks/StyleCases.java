package io.github.adjoint.benchmarks;

import io.github.adjoint.samples.StyleModels;
import io.github.adjoint.samples.StyleModelsLogisticLocalSingleBackward;
import io.github.adjoint.samples.StyleModelsMlpSigmoidAliasLengthBatchBackward;
import io.github.adjoint.samples.StyleModelsMlpSigmoidIndexedLocalSingleBackward;
import io.github.adjoint.samples.StyleModelsMlpTanhAliasLocalSingleBackward;
import io.github.adjoint.samples.StyleModelsMlpTanhIndexedLengthSingleBackward;
import io.github.adjoint.samples.StyleModelsMlpTanhIndexedLocalBatchBackward;
import io.github.adjoint.samples.StyleModelsMlpTanhIndexedLocalSingleBackward;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;

/**
 * The {@code StyleModels} variants with their data and their three contenders (generated gradient,
 * hand-written gradient, the user's method alone), shared by {@link StyleBenchmark}, {@link
 * Interleaved}, {@link ResultsTable} and the guard test, so all four see the same thing.
 *
 * <p>The MLPs are 64-64-10 (4,810 parameters) on one synthetic digits-like data set of 32 examples
 * (Gaussian inputs, labels from a random teacher, {@link Data#mlp}); the logistic regression has
 * 64 features ({@link Data#logistic}). A one-example variant's contender takes the example's index:
 * the benchmarks cycle through the 32 examples, one call each, as a training loop does. A batch
 * variant ignores the index and runs the whole batch in one call.
 */
final class StyleCases {
  private StyleCases() {}

  static final int INPUTS = 64;
  static final int HIDDEN = 64;
  static final int CLASSES = 10;
  static final int BATCH = 32;
  static final int FEATURES = 64;
  static final long SEED = 20240603L;

  /** The variants, in the order of the tables (also {@link StyleBenchmark}'s {@code @Param}). */
  static final List<String> NAMES =
      List.of(
          "mlpTanhIndexedLocalSingle",
          "mlpTanhAliasLocalSingle",
          "mlpTanhIndexedLengthSingle",
          "mlpSigmoidIndexedLocalSingle",
          "mlpTanhIndexedLocalBatch",
          "mlpSigmoidAliasLengthBatch",
          "logisticLocalSingle");

  private static final String MLP = "MLP " + INPUTS + "-" + HIDDEN + "-" + CLASSES;
  private static final String MLP_PARAMS =
      (HIDDEN * INPUTS + HIDDEN + CLASSES * HIDDEN + CLASSES) + " params";

  /**
   * One variant: {@code examples} is how many distinct inputs its contenders take (the batch size
   * for one-example variants, 1 for batch variants); the gradients are flattened in parameter order
   * (for tests, they allocate).
   */
  record Variant(
      String name,
      String description,
      String size,
      int examples,
      IntToDoubleFunction generated,
      IntToDoubleFunction handWritten,
      IntToDoubleFunction valueOnly,
      Supplier<double[]> generatedGradient,
      Supplier<double[]> handWrittenGradient) {}

  /** The variant called {@code name} (one of {@link #NAMES}), with fresh instances and data. */
  static Variant variant(String name) {
    return switch (name) {
      case "mlpTanhIndexedLocalSingle" -> mlpTanhIndexedLocalSingle();
      case "mlpTanhAliasLocalSingle" -> mlpTanhAliasLocalSingle();
      case "mlpTanhIndexedLengthSingle" -> mlpTanhIndexedLengthSingle();
      case "mlpSigmoidIndexedLocalSingle" -> mlpSigmoidIndexedLocalSingle();
      case "mlpTanhIndexedLocalBatch" -> mlpTanhIndexedLocalBatch();
      case "mlpSigmoidAliasLengthBatch" -> mlpSigmoidAliasLengthBatch();
      case "logisticLocalSingle" -> logisticLocalSingle();
      default -> throw new IllegalArgumentException("no style variant " + name + "; one of " + NAMES);
    };
  }

  /** A table label for the variant, e.g. "MLP 64-64-10, tanh, W1[k][j], int-local bounds, 1 example per call". */
  static String description(String name) {
    return switch (name) {
      case "mlpTanhIndexedLocalSingle" -> MLP + ", tanh, W1[k][j], int-local bounds, 1 example per call";
      case "mlpTanhAliasLocalSingle" -> MLP + ", tanh, row aliases, int-local bounds, 1 example per call";
      case "mlpTanhIndexedLengthSingle" -> MLP + ", tanh, W1[k][j], .length bounds, 1 example per call";
      case "mlpSigmoidIndexedLocalSingle" -> MLP + ", sigmoid, W1[k][j], int-local bounds, 1 example per call";
      case "mlpTanhIndexedLocalBatch" -> MLP + ", tanh, W1[k][j], int-local bounds, batch " + BATCH;
      case "mlpSigmoidAliasLengthBatch" -> MLP + ", sigmoid, row aliases, .length bounds, batch " + BATCH;
      case "logisticLocalSingle" -> "logistic regression, int-local bound, 1 example per call";
      default -> name;
    };
  }

  /** The parameter count, as the tables' size column shows it. */
  static String size(String name) {
    return name.startsWith("mlp") ? MLP_PARAMS : (FEATURES + 1) + " params";
  }

  static Data.Mlp mlpData() {
    return Data.mlp(INPUTS, HIDDEN, CLASSES, BATCH, SEED);
  }

  static Data.Logistic logisticData() {
    return Data.logistic(FEATURES, BATCH, SEED + FEATURES);
  }

  private static Variant mlpTanhIndexedLocalSingle() {
    Data.Mlp d = mlpData();
    var gen = new StyleModelsMlpTanhIndexedLocalSingleBackward();
    var hand = new StyleHandWritten.TanhSingle();
    return new Variant(
        "mlpTanhIndexedLocalSingle",
        description("mlpTanhIndexedLocalSingle"),
        size("mlpTanhIndexedLocalSingle"),
        BATCH,
        i -> gen.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        i -> hand.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        i -> StyleModels.mlpTanhIndexedLocalSingle(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        () -> flat(gen.W1, gen.b1, gen.W2, gen.b2),
        () -> flat(hand.W1, hand.b1, hand.W2, hand.b2));
  }

  private static Variant mlpTanhAliasLocalSingle() {
    Data.Mlp d = mlpData();
    var gen = new StyleModelsMlpTanhAliasLocalSingleBackward();
    var hand = new StyleHandWritten.TanhSingle();
    return new Variant(
        "mlpTanhAliasLocalSingle",
        description("mlpTanhAliasLocalSingle"),
        size("mlpTanhAliasLocalSingle"),
        BATCH,
        i -> gen.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        i -> hand.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        i -> StyleModels.mlpTanhAliasLocalSingle(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        () -> flat(gen.W1, gen.b1, gen.W2, gen.b2),
        () -> flat(hand.W1, hand.b1, hand.W2, hand.b2));
  }

  private static Variant mlpTanhIndexedLengthSingle() {
    Data.Mlp d = mlpData();
    var gen = new StyleModelsMlpTanhIndexedLengthSingleBackward();
    var hand = new StyleHandWritten.TanhSingle();
    return new Variant(
        "mlpTanhIndexedLengthSingle",
        description("mlpTanhIndexedLengthSingle"),
        size("mlpTanhIndexedLengthSingle"),
        BATCH,
        i -> gen.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        i -> hand.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        i -> StyleModels.mlpTanhIndexedLengthSingle(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        () -> flat(gen.W1, gen.b1, gen.W2, gen.b2),
        () -> flat(hand.W1, hand.b1, hand.W2, hand.b2));
  }

  private static Variant mlpSigmoidIndexedLocalSingle() {
    Data.Mlp d = mlpData();
    var gen = new StyleModelsMlpSigmoidIndexedLocalSingleBackward();
    var hand = new StyleHandWritten.SigmoidSingle();
    return new Variant(
        "mlpSigmoidIndexedLocalSingle",
        description("mlpSigmoidIndexedLocalSingle"),
        size("mlpSigmoidIndexedLocalSingle"),
        BATCH,
        i -> gen.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        i -> hand.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        i -> StyleModels.mlpSigmoidIndexedLocalSingle(d.w1(), d.b1(), d.w2(), d.b2(), d.x()[i], (int) d.labels()[i]),
        () -> flat(gen.W1, gen.b1, gen.W2, gen.b2),
        () -> flat(hand.W1, hand.b1, hand.W2, hand.b2));
  }

  private static Variant mlpTanhIndexedLocalBatch() {
    Data.Mlp d = mlpData();
    var gen = new StyleModelsMlpTanhIndexedLocalBatchBackward();
    var hand = new StyleHandWritten.TanhBatch();
    return new Variant(
        "mlpTanhIndexedLocalBatch",
        description("mlpTanhIndexedLocalBatch"),
        size("mlpTanhIndexedLocalBatch"),
        1,
        i -> gen.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x(), d.labels()),
        i -> hand.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x(), d.labels()),
        i -> StyleModels.mlpTanhIndexedLocalBatch(d.w1(), d.b1(), d.w2(), d.b2(), d.x(), d.labels()),
        () -> flat(gen.W1, gen.b1, gen.W2, gen.b2),
        () -> flat(hand.W1, hand.b1, hand.W2, hand.b2));
  }

  private static Variant mlpSigmoidAliasLengthBatch() {
    Data.Mlp d = mlpData();
    var gen = new StyleModelsMlpSigmoidAliasLengthBatchBackward();
    var hand = new StyleHandWritten.SigmoidBatch();
    return new Variant(
        "mlpSigmoidAliasLengthBatch",
        description("mlpSigmoidAliasLengthBatch"),
        size("mlpSigmoidAliasLengthBatch"),
        1,
        i -> gen.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x(), d.labels()),
        i -> hand.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x(), d.labels()),
        i -> StyleModels.mlpSigmoidAliasLengthBatch(d.w1(), d.b1(), d.w2(), d.b2(), d.x(), d.labels()),
        () -> flat(gen.W1, gen.b1, gen.W2, gen.b2),
        () -> flat(hand.W1, hand.b1, hand.W2, hand.b2));
  }

  private static Variant logisticLocalSingle() {
    Data.Logistic d = logisticData();
    var gen = new StyleModelsLogisticLocalSingleBackward();
    var hand = new StyleHandWritten.LogisticSingle();
    return new Variant(
        "logisticLocalSingle",
        description("logisticLocalSingle"),
        size("logisticLocalSingle"),
        BATCH,
        i -> gen.compute(d.w(), d.b(), d.x()[i], d.y()[i]),
        i -> hand.compute(d.w(), d.b(), d.x()[i], d.y()[i]),
        i -> StyleModels.logisticLocalSingle(d.w(), d.b(), d.x()[i], d.y()[i]),
        () -> flat(gen.w, gen.b),
        () -> flat(hand.w, hand.b));
  }

  /** Concatenates gradient fields (scalars, vectors, matrices by row) into one vector. */
  static double[] flat(Object... parts) {
    List<Double> out = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof Double d) {
        out.add(d);
      } else if (part instanceof double[] v) {
        for (double e : v) {
          out.add(e);
        }
      } else if (part instanceof double[][] m) {
        for (double[] row : m) {
          for (double e : row) {
            out.add(e);
          }
        }
      } else {
        throw new IllegalArgumentException("not a gradient: " + part);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
