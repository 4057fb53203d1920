package io.github.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables label the style variants by their styles, with their ratios; never a timing test. */
class ResultsTableTest {
  private static String result(String bench, String method, String variant, double nsPerOp) {
    return "{\"benchmark\": \"io.github.adjoint.benchmarks." + bench + "." + method + "\", \"mode\": \"avgt\","
        + (variant == null ? "" : " \"params\": {\"variant\": \"" + variant + "\"},")
        + " \"primaryMetric\": {\"scoreUnit\": \"ns/op\", \"rawData\": [[" + nsPerOp + ", " + nsPerOp + "]]}}";
  }

  @Test
  void styleRowsAreLabelledByTheirStyles() {
    String json = "[" + String.join(", ",
        result("StyleBenchmark", "generated", "mlpTanhIndexedLocalSingle", 2000),
        result("StyleBenchmark", "handWritten", "mlpTanhIndexedLocalSingle", 1000),
        result("StyleBenchmark", "valueOnly", "mlpTanhIndexedLocalSingle", 500),
        result("MlpBenchmark", "generated", null, 3000),
        result("MlpBenchmark", "handWritten", null, 3000)) + "]";
    String table = ResultsTable.format(List.of(json));
    assertTrue(table.contains(
        "| MLP 64-64-10, tanh, W1[k][j], int-local bounds, 1 example per call | 4810 params | 2.00x | 4.00x | n/a |"),
        table);
    assertTrue(table.contains("| MLP 64-32-10, batch 32 | 2410 params | 1.00x | n/a |"), table);
  }
}
