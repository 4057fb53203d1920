package io.github.adjoint.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a Markdown table of ratios measured side by side in one JMH run, from JMH's JSON result
 * file ({@code -rf json}): generated / hand-written, generated / value only, Hipparchus /
 * generated, and the bytes allocated per call by the generated code when the run used {@code -prof
 * gc}. Then the absolute scores with their 99.9% confidence intervals.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.adjoint.benchmarks.ResultsTable results.json</pre>
 */
public final class ResultsTable {
  private static final String GENERATED = "generated";
  private static final String HAND = "handWritten";
  private static final String VALUE = "valueOnly";
  private static final String HIPPARCHUS = "hipparchusForward";
  private static final String[] METHODS = {GENERATED, HAND, VALUE, HIPPARCHUS};

  private ResultsTable() {}

  /** One benchmark method's score, in nanoseconds per operation. */
  record Score(double ns, double errorNs, double allocBytes) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ResultsTable <jmh-result.json>");
      System.exit(2);
    }
    String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    System.out.print(format(json));
  }

  /** The Markdown tables for a JMH JSON result. */
  static String format(String json) {
    // benchmark class -> parameters -> method -> score, in the order JMH ran them.
    Map<String, Map<String, Map<String, Score>>> rows = new LinkedHashMap<>();
    for (Object o : (List<?>) new Json(json).value()) {
      Map<?, ?> result = (Map<?, ?>) o;
      if (!"avgt".equals(result.get("mode"))) {
        continue;
      }
      String name = (String) result.get("benchmark");
      int dot = name.lastIndexOf('.');
      String method = name.substring(dot + 1);
      String bench = name.substring(name.lastIndexOf('.', dot - 1) + 1, dot);
      Map<?, ?> primary = (Map<?, ?>) result.get("primaryMetric");
      double toNs = nanos((String) primary.get("scoreUnit"));
      double alloc = Double.NaN;
      if (result.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
        for (var e : secondary.entrySet()) {
          String key = ((String) e.getKey()).replace("\u00b7", "");
          if (key.equals("gc.alloc.rate.norm")) {
            alloc = number(((Map<?, ?>) e.getValue()).get("score"));
          }
        }
      }
      Score score =
          new Score(
              number(primary.get("score")) * toNs, number(primary.get("scoreError")) * toNs, alloc);
      rows.computeIfAbsent(bench, k -> new LinkedHashMap<>())
          .computeIfAbsent(params(bench, result.get("params")), k -> new LinkedHashMap<>())
          .put(method, score);
    }

    StringBuilder out = new StringBuilder();
    out.append(
        "| benchmark | n | generated / hand-written | generated / value only"
            + " | Hipparchus / generated | generated B/op | hand-written B/op |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    rows.forEach(
        (bench, byParams) ->
            byParams.forEach(
                (params, m) -> {
                  Score gen = m.get(GENERATED);
                  out.append("| ").append(label(bench)).append(" | ").append(params);
                  out.append(" | ").append(ratio(gen, m.get(HAND)));
                  out.append(" | ").append(ratio(gen, m.get(VALUE)));
                  out.append(" | ").append(ratio(m.get(HIPPARCHUS), gen));
                  out.append(" | ").append(bytes(gen));
                  out.append(" | ").append(bytes(m.get(HAND)));
                  out.append(" |\n");
                }));

    out.append("\n| benchmark | n | generated | hand-written | value only | Hipparchus |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    rows.forEach(
        (bench, byParams) ->
            byParams.forEach(
                (params, m) -> {
                  out.append("| ").append(label(bench)).append(" | ").append(params);
                  for (String method : METHODS) {
                    out.append(" | ").append(time(m.get(method)));
                  }
                  out.append(" |\n");
                }));
    return out.toString();
  }

  private static String label(String bench) {
    return switch (bench) {
      case "LogisticRegressionBenchmark" -> "logistic regression, batch 32";
      case "MlpBenchmark" -> "MLP 64-32-10, batch 32";
      default -> bench;
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
          : "";
    }
    List<String> parts = new ArrayList<>();
    new TreeMap<>(map).forEach((k, v) -> parts.add(String.valueOf(v)));
    return String.join(", ", parts);
  }

  /** a / b with its propagated 99.9% error, or "n/a". */
  static String ratio(Score a, Score b) {
    if (a == null || b == null) {
      return "n/a";
    }
    double r = a.ns / b.ns;
    double rel = Math.hypot(relError(a), relError(b));
    String value = r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2f", r);
    return Double.isNaN(rel) ? value + "x" : value + "x ± " + String.format(Locale.ROOT, "%.0f%%", 100 * rel);
  }

  private static double relError(Score s) {
    return s.errorNs / s.ns;
  }

  private static String bytes(Score s) {
    if (s == null || Double.isNaN(s.allocBytes)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, s.allocBytes < 10 ? "%.2f" : "%.0f", s.allocBytes);
  }

  private static String time(Score s) {
    if (s == null) {
      return "n/a";
    }
    String[] units = {"ns", "µs", "ms", "s"};
    double v = s.ns;
    double e = s.errorNs;
    int u = 0;
    while (u < units.length - 1 && v >= 1000) {
      v /= 1000;
      e /= 1000;
      u++;
    }
    String err = Double.isNaN(e) ? "" : String.format(Locale.ROOT, " ± %s", sig(e));
    return sig(v) + err + " " + units[u];
  }

  private static String sig(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  private static double nanos(String unit) {
    return switch (unit) {
      case "ns/op" -> 1;
      case "us/op" -> 1e3;
      case "ms/op" -> 1e6;
      case "s/op" -> 1e9;
      default -> throw new IllegalArgumentException("not an average-time unit: " + unit);
    };
  }

  private static double number(Object o) {
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
