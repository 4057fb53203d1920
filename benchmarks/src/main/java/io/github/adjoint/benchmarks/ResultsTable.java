package io.github.adjoint.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a Markdown table of ratios measured side by side, from one or more JMH JSON result files
 * ({@code -rf json}), each one "round" of the same benchmarks: generated / hand-written, generated
 * / value only, Hipparchus / generated, and the bytes allocated per call when the run used {@code
 * -prof gc}. Then the absolute times.
 *
 * <p>On a shared virtual machine the interference is one-sided (it only slows an iteration down)
 * and comes in bursts, so each method's time in a round is the median of its measurement
 * iterations, a ratio is computed within a round (the two methods ran minutes apart, not half an
 * hour), and the table shows the median of the rounds' ratios with their range.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.adjoint.benchmarks.ResultsTable r1.json r2.json ...</pre>
 */
public final class ResultsTable {
  private static final String GENERATED = "generated";
  private static final String HAND = "handWritten";
  private static final String VALUE = "valueOnly";
  private static final String HIPPARCHUS = "hipparchusForward";
  private static final String[] METHODS = {GENERATED, HAND, VALUE, HIPPARCHUS};

  private ResultsTable() {}

  /** One method's result in one round: median iteration time (ns/op) and bytes per op. */
  record Score(double ns, double allocBytes) {}

  /** benchmark class -> parameters -> method -> one score per round, in the order JMH ran them. */
  private final Map<String, Map<String, Map<String, List<Score>>>> rows = new LinkedHashMap<>();

  public static void main(String[] args) throws IOException {
    System.out.print(format(readFiles("ResultsTable", args)));
  }

  /** The contents of the JSON files named on a table's command line; usage and exit without any. */
  static List<String> readFiles(String table, String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: " + table + " <jmh-result.json>...");
      System.exit(2);
    }
    List<String> files = new ArrayList<>();
    for (String arg : args) {
      files.add(Files.readString(Path.of(arg), StandardCharsets.UTF_8));
    }
    return files;
  }

  /** The Markdown tables for one JMH JSON result per round. */
  static String format(List<String> rounds) {
    ResultsTable table = new ResultsTable();
    for (String json : rounds) {
      table.add(json);
    }
    return table.render(rounds.size());
  }

  private void add(String json) {
    for (Object o : (List<?>) new Json(json).value()) {
      Map<?, ?> result = (Map<?, ?>) o;
      if (!"avgt".equals(result.get("mode"))) {
        continue;
      }
      String name = (String) result.get("benchmark");
      int dot = name.lastIndexOf('.');
      String method = name.substring(dot + 1);
      String bench = name.substring(name.lastIndexOf('.', dot - 1) + 1, dot);
      if (bench.equals("OptimizerStepBenchmark")) {
        continue; // no generated / hand-written pair: StepResultsTable has its own tables
      }
      Map<?, ?> primary = (Map<?, ?>) result.get("primaryMetric");
      double toNs = nanos((String) primary.get("scoreUnit"));
      List<Double> iterations = new ArrayList<>();
      for (Object fork : (List<?>) primary.get("rawData")) {
        for (Object v : (List<?>) fork) {
          iterations.add(number(v) * toNs);
        }
      }
      double alloc = Double.NaN;
      if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
        for (var e : secondary.entrySet()) {
          String key = ((String) e.getKey()).replace("\u00b7", "");
          if (key.equals("gc.alloc.rate.norm")) {
            alloc = number(((Map<?, ?>) e.getValue()).get("score"));
          }
        }
      }
      rows.computeIfAbsent(bench, k -> new LinkedHashMap<>())
          .computeIfAbsent(params(bench, result.get("params")), k -> new LinkedHashMap<>())
          .computeIfAbsent(method, k -> new ArrayList<>())
          .add(new Score(median(iterations), alloc));
    }
  }

  private String render(int roundCount) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| benchmark | n (features) | generated / hand-written | generated / value only"
            + " | Hipparchus / generated | generated B/op | hand-written B/op |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    rows.forEach(
        (bench, byParams) ->
            byParams.forEach(
                (params, m) -> {
                  List<Score> gen = m.get(GENERATED);
                  out.append("| ").append(label(bench, params)).append(" | ").append(size(bench, params));
                  out.append(" | ").append(ratio(gen, m.get(HAND)));
                  out.append(" | ").append(ratio(gen, m.get(VALUE)));
                  out.append(" | ").append(ratio(m.get(HIPPARCHUS), gen));
                  out.append(" | ").append(bytes(gen));
                  out.append(" | ").append(bytes(m.get(HAND)));
                  out.append(" |\n");
                }));
    out.append("\nRatios: median over ")
        .append(roundCount)
        .append(roundCount == 1 ? " round" : " rounds")
        .append(" of the ratio of the two methods' median iteration times in that round")
        .append(roundCount > 1 ? " [lowest–highest round]" : "")
        .append(". B/op: gc.alloc.rate.norm (-prof gc).\n");

    out.append("\n| benchmark | n (features) | generated | hand-written | value only | Hipparchus |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    rows.forEach(
        (bench, byParams) ->
            byParams.forEach(
                (params, m) -> {
                  out.append("| ").append(label(bench, params)).append(" | ").append(size(bench, params));
                  for (String method : METHODS) {
                    out.append(" | ").append(time(m.get(method)));
                  }
                  out.append(" |\n");
                }));
    out.append("\nTimes: median iteration time per call (median over rounds).\n");
    return out.toString();
  }

  /** The benchmark's row label; a {@code StyleBenchmark} row is labelled by its variant's styles. */
  static String label(String bench, String params) {
    return switch (bench) {
      case "LogisticRegressionBenchmark" -> "logistic regression, batch 32";
      case "MlpBenchmark" -> "MLP 64-32-10, batch 32";
      case "MlpTrainStepBenchmark" -> MlpTraining.LABEL;
      case "MlpEpochBenchmark" -> "MLP 64-64-10 epoch through TrainingLoop (Adam, digits, batch 32)";
      case "StyleBenchmark" -> StyleCases.description(params);
      default -> bench;
    };
  }

  /** The size column: the parameters' values, or a {@code StyleBenchmark} variant's size. */
  static String size(String bench, String params) {
    return switch (bench) {
      case "StyleBenchmark" -> StyleCases.size(params);
      case "MlpTrainStepBenchmark", "MlpEpochBenchmark" -> MlpTraining.SIZE;
      default -> params;
    };
  }

  private static String params(String bench, Object params) {
    if (!(params instanceof Map<?, ?> map) || map.isEmpty()) {
      return bench.equals("MlpBenchmark")
          ? String.valueOf(
              MlpBenchmark.HIDDEN * MlpBenchmark.INPUTS
                  + MlpBenchmark.HIDDEN
                  + MlpBenchmark.CLASSES * MlpBenchmark.HIDDEN
                  + MlpBenchmark.CLASSES)
              + " params"
          : "";
    }
    List<String> parts = new ArrayList<>();
    new TreeMap<>(map).forEach((k, v) -> parts.add(String.valueOf(v)));
    return String.join(", ", parts);
  }

  /** The median over rounds of a / b, with the range over rounds, or "n/a". */
  static String ratio(List<Score> a, List<Score> b) {
    if (a == null || b == null || a.size() != b.size()) {
      return "n/a";
    }
    List<Double> ratios = new ArrayList<>();
    for (int r = 0; r < a.size(); r++) {
      ratios.add(a.get(r).ns() / b.get(r).ns());
    }
    String text = times(median(ratios));
    if (ratios.size() > 1) {
      text += " [" + times(Collections.min(ratios)) + "–" + times(Collections.max(ratios)) + "]";
    }
    return text;
  }

  static String times(double r) {
    return String.format(Locale.ROOT, r >= 100 ? "%.0fx" : "%.2fx", r);
  }

  private static String bytes(List<Score> scores) {
    if (scores == null) {
      return "n/a";
    }
    double sum = 0;
    for (Score s : scores) {
      sum += s.allocBytes();
    }
    double b = sum / scores.size();
    return Double.isNaN(b) ? "n/a" : String.format(Locale.ROOT, b < 10 ? "%.2f" : "%.0f", b);
  }

  private static String time(List<Score> scores) {
    if (scores == null) {
      return "n/a";
    }
    List<Double> ns = new ArrayList<>();
    for (Score s : scores) {
      ns.add(s.ns());
    }
    return duration(median(ns));
  }

  /** A time in ns, in the largest unit that keeps it at 1 or more, to three digits. */
  static String duration(double ns) {
    String[] units = {"ns", "µs", "ms", "s"};
    double v = ns;
    int u = 0;
    while (u < units.length - 1 && v >= 1000) {
      v /= 1000;
      u++;
    }
    return sig(v) + " " + units[u];
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String sig(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  static double nanos(String unit) {
    return switch (unit) {
      case "ns/op" -> 1;
      case "us/op" -> 1e3;
      case "ms/op" -> 1e6;
      case "s/op" -> 1e9;
      default -> throw new IllegalArgumentException("not an average-time unit: " + unit);
    };
  }

  static double number(Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    if (o instanceof String s) {
      return Double.parseDouble(s); // JMH writes "NaN" as a string
    }
    return Double.NaN;
  }

  /** A minimal JSON reader (objects, arrays, strings, numbers, literals): enough for JMH output. */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      skip();
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        default:
          if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
          }
          if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
          }
          if (s.startsWith("null", i)) {
            i += 4;
            return null;
          }
          return number();
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      i++;
      skip();
      if (s.charAt(i) == '}') {
        i++;
        return map;
      }
      while (true) {
        skip();
        String key = string();
        skip();
        expect(':');
        map.put(key, value());
        skip();
        if (s.charAt(i) == ',') {
          i++;
        } else {
          expect('}');
          return map;
        }
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      i++;
      skip();
      if (s.charAt(i) == ']') {
        i++;
        return list;
      }
      while (true) {
        list.add(value());
        skip();
        if (s.charAt(i) == ',') {
          i++;
        } else {
          expect(']');
          return list;
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'u' -> {
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> b.append(e);
          }
        } else {
          b.append(c);
        }
      }
    }

    private Double number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("unexpected '" + s.charAt(i) + "' at " + i);
      }
      return Double.parseDouble(s.substring(start, i));
    }

    private void expect(char c) {
      if (s.charAt(i) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + i + ", found '" + s.charAt(i) + "'");
      }
      i++;
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }
}
