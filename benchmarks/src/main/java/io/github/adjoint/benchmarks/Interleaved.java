package io.github.adjoint.benchmarks;

import io.github.adjoint.samples.Models;
import io.github.adjoint.samples.ModelsLogisticLossBackward;
import io.github.adjoint.samples.ModelsMlpLossBackward;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * The generated gradient against the hand-written one (and the value alone), timed in alternation
 * inside one JVM: every round times a short burst of calls of each contender, in rotating order,
 * and the ratio is taken within the round. Drift of the machine's speed over minutes, which JMH's
 * one-fork-per-benchmark runs see as 10-50% differences between forks on a shared VM, cancels out;
 * the rounds' ratios typically lie within a few percent of their median.
 *
 * <p>This complements the JMH benchmarks (same models, same data and seeds); it does not replace
 * them: JMH's fork isolation and blackholes are the reference for absolute times.
 *
 * <p>Besides the models of {@code Models}, it measures the {@code StyleModels} variants ({@link
 * StyleCases}): the same networks written in the styles a new user writes, and one full training
 * step of the 64-64-10 MLP with Adam ({@link MlpTraining}; its "value only" is the forward pass
 * over the batch), and one epoch of issue 9's flagship in the runtime's training loop ({@link
 * MlpEpoch}; no value-only contender). The optimizer steps alone have their own harness, {@link
 * StepInterleaved}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.adjoint.benchmarks.Interleaved [rounds [filter...]]</pre>
 */
public final class Interleaved {
  private Interleaved() {}

  /** Burst length per contender and round: about 0.5 ms of work, so a round is a few ms. */
  private static final double BURST_NANOS = 500_000;

  /** A model's contenders, hand-written last; each call returns the value, gradients in fields. */
  record Case(String name, String size, List<String> names, List<DoubleSupplier> calls) {}

  static Case logistic(int features) {
    Data.Logistic d =
        Data.logistic(features, LogisticRegressionBenchmark.BATCH, LogisticRegressionBenchmark.SEED + features);
    ModelsLogisticLossBackward generated = new ModelsLogisticLossBackward();
    LogisticHandWritten handWritten = new LogisticHandWritten();
    return new Case(
        "logistic regression, batch " + LogisticRegressionBenchmark.BATCH,
        Integer.toString(features),
        List.of("generated", "value only", "hand-written"),
        List.of(
            () -> generated.compute(d.w(), d.b(), d.x(), d.y()) + generated.w[0] + generated.b,
            () -> Models.logisticLoss(d.w(), d.b(), d.x(), d.y()),
            () -> handWritten.compute(d.w(), d.b(), d.x(), d.y()) + handWritten.w[0] + handWritten.b));
  }

  static Case mlp() {
    Data.Mlp d =
        Data.mlp(MlpBenchmark.INPUTS, MlpBenchmark.HIDDEN, MlpBenchmark.CLASSES, MlpBenchmark.BATCH, MlpBenchmark.SEED);
    ModelsMlpLossBackward generated = new ModelsMlpLossBackward();
    MlpHandWritten handWritten = new MlpHandWritten();
    return new Case(
        "MLP " + MlpBenchmark.INPUTS + "-" + MlpBenchmark.HIDDEN + "-" + MlpBenchmark.CLASSES + ", batch "
            + MlpBenchmark.BATCH,
        "2410 params",
        List.of("generated", "value only", "hand-written"),
        List.of(
            () -> generated.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x(), d.labels()) + generated.w1[0][0],
            () -> Models.mlpLoss(d.w1(), d.b1(), d.w2(), d.b2(), d.x(), d.labels()),
            () -> handWritten.compute(d.w1(), d.b1(), d.w2(), d.b2(), d.x(), d.labels()) + handWritten.w1[0][0]));
  }

  /** One training step of the 64-64-10 MLP on digits with Adam ({@link MlpTraining}). */
  static Case mlpTraining() {
    MlpTraining training = new MlpTraining();
    MlpTraining.Loop generated = training.generated();
    MlpTraining.Loop valueOnly = training.valueOnly();
    MlpTraining.Loop handWritten = training.handWritten();
    return new Case(
        MlpTraining.LABEL,
        MlpTraining.SIZE,
        List.of("generated", "value only", "hand-written"),
        List.of(generated::next, valueOnly::next, handWritten::next));
  }

  /**
   * One epoch of issue 9's flagship ({@link MlpEpochBenchmark}): the generated trainer in the
   * runtime's {@code TrainingLoop} against the same model and Adam by hand. No value-only
   * contender: an epoch trains.
   */
  static Case mlpEpoch() {
    MlpEpoch epoch = new MlpEpoch();
    var generated = epoch.generated(epoch.start());
    MlpEpochHandWritten handWritten = epoch.handWritten(epoch.start());
    return new Case(
        ResultsTable.label("MlpEpochBenchmark", ""),
        "4810 params",
        List.of("generated", "hand-written"),
        List.of(
            () -> generated.run().last().trainingLoss(),
            () -> handWritten.epoch(epoch.x, epoch.labels, MlpEpoch.BATCH, MlpEpoch.SEED)));
  }

  /**
   * A {@code StyleModels} variant ({@link StyleCases}); a one-example variant's contenders each
   * cycle through the 32 examples, one per call, on counters of their own.
   */
  static Case style(String variant) {
    StyleCases.Variant v = StyleCases.variant(variant);
    int examples = v.examples();
    return new Case(
        v.description(),
        v.size(),
        List.of("generated", "value only", "hand-written"),
        List.of(cycling(v.generated(), examples), cycling(v.valueOnly(), examples),
            cycling(v.handWritten(), examples)));
  }

  private static DoubleSupplier cycling(java.util.function.IntToDoubleFunction f, int examples) {
    int[] next = {0};
    return () -> {
      int i = next[0];
      next[0] = i + 1 == examples ? 0 : i + 1;
      return f.applyAsDouble(i);
    };
  }

  /** Per contender: the time per call in each round (ns). */
  static double[][] measure(Case c, int rounds) {
    List<DoubleSupplier> calls = c.calls();
    int n = calls.size();
    double sink = 0;
    // Warm-up until the JIT has settled: 2 s in alternation, then size the bursts.
    long until = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < until) {
      for (DoubleSupplier call : calls) {
        for (int i = 0; i < 50; i++) {
          sink += call.getAsDouble();
        }
      }
    }
    int[] burst = new int[n];
    for (int k = 0; k < n; k++) {
      long start = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        sink += calls.get(k).getAsDouble();
      }
      double perCall = (System.nanoTime() - start) / 100.0;
      burst[k] = (int) Math.max(3, Math.min(100_000, BURST_NANOS / perCall));
    }
    double[][] nanos = new double[n][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < n; j++) {
        int k = (j + r) % n;
        DoubleSupplier call = calls.get(k);
        long start = System.nanoTime();
        for (int i = 0; i < burst[k]; i++) {
          sink += call.getAsDouble();
        }
        nanos[k][r] = (System.nanoTime() - start) / (double) burst[k];
      }
    }
    if (sink == 42.0) {
      System.out.print("");
    }
    return nanos;
  }

  static boolean selected(List<String> filters, String... names) {
    if (filters.isEmpty()) {
      return true;
    }
    for (String f : filters) {
      for (String name : names) {
        if (name.contains(f)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The q-quantile (0..1) of the values, by the nearest rank: the quartiles around the median. */
  static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  }

  static double[] ratios(double[] a, double[] b) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] / b[i];
    }
    return r;
  }

  static String ratio(double[] r) {
    return ResultsTable.times(median(r)) + " [" + ResultsTable.times(quantile(r, 0.25)) + "–"
        + ResultsTable.times(quantile(r, 0.75)) + "]";
  }

  static double median(double[] values) {
    return ResultsTable.median(Arrays.stream(values).boxed().toList());
  }

  /**
   * {@code [rounds [filter...]]}: 300 rounds by default; with filters, only the cases whose name or
   * size contains one of them (e.g. {@code "1 example"}, {@code tanh}, {@code "MLP 64-32"}).
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    List<String> filters = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
    List<Case> all = new ArrayList<>();
    for (int features : new int[] {10, 100, 1000}) {
      all.add(logistic(features));
    }
    all.add(mlp());
    for (String variant : StyleCases.NAMES) {
      all.add(style(variant));
    }
    all.add(mlpTraining());
    all.add(mlpEpoch());
    List<Case> cases = new ArrayList<>();
    for (Case c : all) {
      if (selected(filters, c.name(), c.size())) {
        cases.add(c);
      }
    }
    StringBuilder table = new StringBuilder();
    table.append("| benchmark | n (features) | generated / hand-written | generated / value only | generated | hand-written | value only |\n");
    table.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Case c : cases) {
      System.err.println("measuring " + c.name() + ", n = " + c.size() + " (" + rounds + " rounds)");
      double[][] t = measure(c, rounds);
      int hand = t.length - 1; // hand-written last; a value-only contender, if any, in between
      boolean valueOnly = t.length > 2;
      table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n",
          c.name(), c.size(), ratio(ratios(t[0], t[hand])), valueOnly ? ratio(ratios(t[0], t[1])) : "n/a",
          ResultsTable.duration(median(t[0])), ResultsTable.duration(median(t[hand])),
          valueOnly ? ResultsTable.duration(median(t[1])) : "n/a"));
    }
    table.append("\nRatios: median [25th–75th percentile] over ").append(rounds)
        .append(" rounds of the ratio of the two contenders' time per call within the round; times: medians.\n");
    System.out.print(table);
  }
}
