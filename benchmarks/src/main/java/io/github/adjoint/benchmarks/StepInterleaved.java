package io.github.adjoint.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The optimizer steps of {@link OptimizerStepBenchmark} (fused, unfused, traffic kernel) timed in
 * alternation inside one JVM, as {@link Interleaved} does for the gradients: every round times a
 * few steps of each contender, in rotating order, and the ratios are taken within the round, so
 * the machine's drift cancels out of them. Only the step is timed ({@code System.nanoTime} around
 * each call); the gradient is written before it, untimed, the same way for all three.
 *
 * <p>A configuration gets about {@link #BUDGET_NANOS} of rounds after a warm-up: hundreds of rounds
 * at n = 10^4, a few dozen at n = 10^7 (where one step takes tens of milliseconds).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.adjoint.benchmarks.StepInterleaved [filter...]</pre>
 */
public final class StepInterleaved {
  private StepInterleaved() {}

  static final int[] SIZES = {10_000, 1_000_000, 10_000_000};
  private static final double BUDGET_NANOS = 6e9;
  private static final double WARM_UP_NANOS = 2e9;
  private static final double BURST_NANOS = 500_000;
  private static final int MAX_ROUNDS = 300;
  private static final int MIN_ROUNDS = 15;

  /**
   * Per contender: the mean time of one step in each round (ns). With {@code rounds} 0, as many
   * rounds as fit the time budget.
   */
  static double[][] measure(List<StepContenders.Contender> contenders, int rounds) {
    int n = contenders.size();
    // Warm-up in alternation, which also gives each contender's step time.
    double[] stepNanos = new double[n];
    long until = System.nanoTime() + (long) WARM_UP_NANOS;
    int warmUps = 0;
    long started = System.nanoTime();
    do {
      for (int k = 0; k < n; k++) {
        stepNanos[k] = timedStep(contenders.get(k));
      }
      warmUps++;
    } while (System.nanoTime() < until || warmUps < 3);
    double cycle = (System.nanoTime() - started) / (double) warmUps; // all prepare-and-steps once
    int[] burst = new int[n];
    for (int k = 0; k < n; k++) {
      burst[k] = (int) Math.max(1, Math.min(1000, BURST_NANOS / stepNanos[k]));
    }
    int maxBurst = java.util.Arrays.stream(burst).max().orElse(1);
    int r0 = rounds > 0 ? rounds
        : (int) Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, BUDGET_NANOS / (cycle * maxBurst)));
    double[][] nanos = new double[n][r0];
    for (int r = 0; r < r0; r++) {
      for (int j = 0; j < n; j++) {
        int k = (j + r) % n;
        double total = 0;
        for (int i = 0; i < burst[k]; i++) {
          total += timedStep(contenders.get(k));
        }
        nanos[k][r] = total / burst[k];
      }
    }
    return nanos;
  }

  /** Writes the gradient (untimed), then times one step. */
  private static double timedStep(StepContenders.Contender c) {
    c.writeGradient();
    long start = System.nanoTime();
    c.step();
    return System.nanoTime() - start;
  }

  /** {@code [filter...]}: only the configurations whose optimizer label or n contains one. */
  public static void main(String[] args) {
    List<String> filters = List.of(args);
    StringBuilder table = new StringBuilder();
    table.append("| n | optimizer | fused / traffic speed | fused speed-up over unfused | fused"
        + " | unfused | traffic | fused GB/s | rounds |\n");
    table.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int n : SIZES) {
      for (StepOptimizer optimizer : StepOptimizer.values()) {
        String size = StepResultsTable.power(n);
        if (!Interleaved.selected(filters, optimizer.label, size)) {
          continue;
        }
        System.err.println("measuring " + optimizer.label + ", n = " + size);
        List<StepContenders.Contender> contenders = new ArrayList<>();
        for (StepContenders.Kind kind : StepContenders.Kind.values()) {
          contenders.add(StepContenders.of(kind, optimizer, n));
        }
        double[][] t = measure(contenders, 0);
        double fused = Interleaved.median(t[0]);
        table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %d |%n",
            size, optimizer.label, Interleaved.ratio(Interleaved.ratios(t[2], t[0])),
            Interleaved.ratio(Interleaved.ratios(t[1], t[0])), ResultsTable.duration(fused),
            ResultsTable.duration(Interleaved.median(t[1])),
            ResultsTable.duration(Interleaved.median(t[2])),
            StepResultsTable.gbPerSecond(n, optimizer.bytesPerElement(), fused), t[0].length));
      }
    }
    table.append("\nRatios: median [25th–75th percentile] over the rounds of the ratio of the two"
        + " contenders' time per step within the round (above 1: the fused step is faster);"
        + " times: medians; GB/s: the optimizer's own bytes per element over the fused step's time.\n");
    System.out.print(table);
  }
}
