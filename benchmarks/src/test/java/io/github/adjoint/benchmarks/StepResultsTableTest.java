package io.github.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The step tables' bandwidths and ratios, from made-up JMH results; never a timing test. */
class StepResultsTableTest {
  private static String result(String method, String kernel, double microsPerOp) {
    return "{\"benchmark\": \"io.github.adjoint.benchmarks.OptimizerStepBenchmark." + method + "\","
        + " \"mode\": \"avgt\", \"params\": {\"kernel\": \"" + kernel + "\", \"n\": \"10000\","
        + " \"optimizer\": \"ADAM\"}, \"primaryMetric\": {\"scoreUnit\": \"us/op\", \"rawData\": [["
        + microsPerOp + ", " + (microsPerOp * 3) + ", " + (microsPerOp / 2) + "]]}}";
  }

  @Test
  void bandwidthsAndRatiosOfAnAdamRow() {
    String json = "[" + String.join(", ",
        result("step", "FUSED", 10),
        result("step", "UNFUSED", 30),
        result("step", "TRAFFIC", 9),
        result("stepNoSuperWord", "FUSED", 40),
        result("generated", "FUSED", 1)) + "]";
    String table = StepResultsTable.format(List.of(json));
    // 10^4 elements x 64 B in 10 µs = 64 GB/s; the unfused passes move 21 x 8 B per element.
    assertTrue(table.contains(
        "| 10^4 | Adam | 64 | 10.0 µs | 30.0 µs | 9.00 µs | 64.0 | 56.0 | 71.1 | 0.90x | 3.00x |"),
        table);
    assertTrue(table.contains("| 10^4 | Adam | 40.0 µs | n/a | n/a | 4.00x | n/a | n/a |"), table);
  }

  @Test
  void sizesArePowersOfTen() {
    assertEquals("10^4", StepResultsTable.power(10_000));
    assertEquals("10^7", StepResultsTable.power(10_000_000));
    assertEquals("12345", StepResultsTable.power(12_345));
  }
}
