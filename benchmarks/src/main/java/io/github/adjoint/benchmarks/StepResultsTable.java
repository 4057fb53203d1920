package io.github.adjoint.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The README's tables of {@link OptimizerStepBenchmark}, from JMH JSON result files ({@code -rf
 * json}): per n and optimizer, the fused, unfused and traffic-kernel times (the median of all
 * measurement iterations), the bandwidth each reaches, the fused step's speed relative to the
 * traffic kernel and to the unfused passes, then the same without auto-vectorization.
 *
 * <p>Bandwidth: the fused step and the traffic kernel move the bytes the optimizer must move
 * ({@link StepOptimizer#bytesPerElement()}, each touched array read and written once); the unfused
 * passes move their own, {@code 8 B × } {@link StepOptimizer#unfusedAccesses} per element.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.adjoint.benchmarks.StepResultsTable steps.json...</pre>
 */
public final class StepResultsTable {
  private static final String STEP = "step";
  private static final String NO_SUPER_WORD = "stepNoSuperWord";

  private StepResultsTable() {}

  /** A configuration's row key: n, then the optimizer in {@link StepOptimizer}'s order. */
  private record Row(int n, StepOptimizer optimizer) implements Comparable<Row> {
    @Override
    public int compareTo(Row o) {
      return n != o.n ? Integer.compare(n, o.n) : optimizer.compareTo(o.optimizer);
    }
  }

  /** row -> "method kernel" -> every measurement iteration's time (ns). */
  private final Map<Row, Map<String, List<Double>>> rows = new TreeMap<>();

  public static void main(String[] args) throws IOException {
    System.out.print(format(ResultsTable.readFiles("StepResultsTable", args)));
  }

  static String format(List<String> jsonFiles) {
    StepResultsTable table = new StepResultsTable();
    for (String json : jsonFiles) {
      table.add(json);
    }
    return table.render();
  }

  private void add(String json) {
    for (Object o : (List<?>) new ResultsTable.Json(json).value()) {
      Map<?, ?> result = (Map<?, ?>) o;
      String name = (String) result.get("benchmark");
      if (!name.contains(".OptimizerStepBenchmark.") || !"avgt".equals(result.get("mode"))) {
        continue;
      }
      Map<?, ?> params = (Map<?, ?>) result.get("params");
      Row row = new Row(Integer.parseInt((String) params.get("n")),
          StepOptimizer.valueOf((String) params.get("optimizer")));
      String method = name.substring(name.lastIndexOf('.') + 1);
      Map<?, ?> primary = (Map<?, ?>) result.get("primaryMetric");
      double toNs = ResultsTable.nanos((String) primary.get("scoreUnit"));
      List<Double> times = rows.computeIfAbsent(row, k -> new TreeMap<>())
          .computeIfAbsent(method + " " + params.get("kernel"), k -> new ArrayList<>());
      for (Object fork : (List<?>) primary.get("rawData")) {
        for (Object v : (List<?>) fork) {
          times.add(ResultsTable.number(v) * toNs);
        }
      }
    }
  }

  private String render() {
    StringBuilder out = new StringBuilder();
    out.append("| n | optimizer | B/element | fused | unfused | traffic | fused GB/s | unfused GB/s"
        + " | traffic GB/s | fused / traffic speed | fused speed-up over unfused |\n");
    out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    rows.forEach((row, times) -> {
      double fused = time(times, STEP, "FUSED");
      double unfused = time(times, STEP, "UNFUSED");
      double traffic = time(times, STEP, "TRAFFIC");
      long bytes = row.optimizer().bytesPerElement();
      out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          power(row.n()), row.optimizer().label, bytes, duration(fused), duration(unfused),
          duration(traffic), gbPerSecond(row.n(), bytes, fused),
          gbPerSecond(row.n(), 8L * row.optimizer().unfusedAccesses, unfused),
          gbPerSecond(row.n(), bytes, traffic), ratio(traffic / fused), ratio(unfused / fused)));
    });
    List<String> accesses = new ArrayList<>();
    for (StepOptimizer o : StepOptimizer.values()) {
      accesses.add(o.unfusedAccesses + " (" + o.label + ")");
    }
    out.append("\nTimes: median of the measurement iterations (time per step). GB/s: the fused step"
        + " and the traffic kernel move the optimizer's own bytes per element (B/element: each"
        + " touched array read and written once); the unfused passes move 8 B per array access: ")
        .append(String.join(", ", accesses))
        .append(" accesses per element. Speed ratios above 1 mean the fused step is faster.\n");

    out.append("\nWithout auto-vectorization (-XX:-UseSuperWord), and how much slower that is:\n\n");
    out.append("| n | optimizer | fused | unfused | traffic | fused slow-down | unfused slow-down"
        + " | traffic slow-down |\n");
    out.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
    rows.forEach((row, times) -> {
      out.append("| ").append(power(row.n())).append(" | ").append(row.optimizer().label);
      for (String kernel : new String[] {"FUSED", "UNFUSED", "TRAFFIC"}) {
        out.append(" | ").append(duration(time(times, NO_SUPER_WORD, kernel)));
      }
      for (String kernel : new String[] {"FUSED", "UNFUSED", "TRAFFIC"}) {
        out.append(" | ").append(ratio(time(times, NO_SUPER_WORD, kernel) / time(times, STEP, kernel)));
      }
      out.append(" |\n");
    });
    out.append("\nSlow-down: time without SuperWord / time with it (both medians).\n");
    return out.toString();
  }

  private static double time(Map<String, List<Double>> times, String method, String kernel) {
    List<Double> t = times.get(method + " " + kernel);
    return t == null ? Double.NaN : ResultsTable.median(t);
  }

  private static String duration(double ns) {
    return Double.isNaN(ns) ? "n/a" : ResultsTable.duration(ns);
  }

  private static String ratio(double r) {
    return Double.isNaN(r) ? "n/a" : ResultsTable.times(r);
  }

  static String gbPerSecond(int n, long bytesPerElement, double ns) {
    if (Double.isNaN(ns)) {
      return "n/a";
    }
    double gb = n * (double) bytesPerElement / ns; // bytes per ns = GB/s
    return String.format(Locale.ROOT, gb >= 10 ? "%.1f" : "%.2f", gb);
  }

  /** 10000 as 10^4: the sizes are powers of ten. */
  static String power(int n) {
    int e = (int) Math.round(Math.log10(n));
    return Math.pow(10, e) == n ? "10^" + e : Integer.toString(n);
  }
}
