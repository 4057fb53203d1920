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
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.adjoint.benchmarks.Interleaved [rounds]</pre>
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

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    List<Case> cases = new ArrayList<>();
    for (int features : new int[] {10, 100, 1000}) {
      cases.add(logistic(features));
    }
    cases.add(mlp());
    StringBuilder table = new StringBuilder();
    table.append("| benchmark | n (features) | generated / hand-written | generated / value only | generated | hand-written | value only |\n");
    table.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Case c : cases) {
      System.err.println("measuring " + c.name() + ", n = " + c.size() + " (" + rounds + " rounds)");
      double[][] t = measure(c, rounds);
      table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n",
          c.name(), c.size(), ratio(ratios(t[0], t[2])), ratio(ratios(t[0], t[1])),
          ResultsTable.duration(median(t[0])), ResultsTable.duration(median(t[2])),
          ResultsTable.duration(median(t[1]))));
    }
    table.append("\nRatios: median [25th–75th percentile] over ").append(rounds)
        .append(" rounds of the ratio of the two contenders' time per call within the round; times: medians.\n");
    System.out.print(table);
  }
}
