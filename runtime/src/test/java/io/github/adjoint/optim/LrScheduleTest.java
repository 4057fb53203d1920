package io.github.adjoint.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schedules against PyTorch's closed forms, re-derived here independently (with repeated
 * multiplication and explicit case analysis instead of pow and min), and a few values by hand.
 */
class LrScheduleTest {

  private static void assertMatches(LongToDoubleFunction expected, LrSchedule s, double base) {
    for (long t = 0; t <= 400; t++) {
      double e = expected.applyAsDouble(t);
      double a = s.lr(base, t);
      assertTrue(
          // relative to baseLr: 1 + cos(...) cancels near the minimum; the test groups pi*t/T
          // differently on purpose, which costs a few ulps of the argument at large t
          Math.abs(e - a) <= 1e-13 * Math.max(Math.abs(e), base),
          s + " at step " + t + ": expected " + e + ", got " + a);
    }
  }

  private static double times(double gamma, long n) {
    double r = 1;
    for (long i = 0; i < n; i++) {
      r *= gamma;
    }
    return r;
  }

  @Test
  void constant() {
    assertMatches(t -> 0.3, LrSchedule.constant(), 0.3);
  }

  @Test
  void stepLr() {
    for (long size : new long[] {1, 3, 30}) {
      for (double gamma : new double[] {0.1, 0.5, 0.97, 2}) {
        long sz = size;
        assertMatches(t -> 0.05 * times(gamma, t / sz), LrSchedule.step(size, gamma), 0.05);
      }
    }
    LrSchedule s = LrSchedule.step(30, 0.1);
    assertEquals(0.05, s.lr(0.05, 0));
    assertEquals(0.05, s.lr(0.05, 29));
    assertEquals(0.005, s.lr(0.05, 30), 1e-18);
    assertEquals(0.005, s.lr(0.05, 59), 1e-18);
    assertEquals(0.0005, s.lr(0.05, 60), 1e-18);
  }

  @Test
  void exponentialLr() {
    for (double gamma : new double[] {0.5, 0.9, 0.999, 1.01}) {
      assertMatches(t -> 0.1 * times(gamma, t), LrSchedule.exponential(gamma), 0.1);
    }
    assertEquals(0.1 / 8, LrSchedule.exponential(0.5).lr(0.1, 3));
    assertEquals(0.1, LrSchedule.exponential(0.5).lr(0.1, 0));
  }

  @Test
  void cosineAnnealingLr() {
    for (long tMax : new long[] {1, 10, 95}) {
      for (double etaMin : new double[] {0, 1e-4}) {
        assertMatches(
            t -> etaMin + 0.5 * (0.1 - etaMin) * (1 + Math.cos(Math.PI * ((double) t / tMax))),
            LrSchedule.cosine(tMax, etaMin),
            0.1);
      }
    }
    LrSchedule s = LrSchedule.cosine(10, 0.001);
    assertEquals(0.1, s.lr(0.1, 0));
    assertEquals(0.001 + 0.099 / 2, s.lr(0.1, 5), 1e-16);
    assertEquals(0.001, s.lr(0.1, 10)); // cos(pi) = -1 exactly
    assertEquals(s.lr(0.1, 5), s.lr(0.1, 15), 1e-16); // the closed form keeps following the cosine
    assertEquals(0.1, s.lr(0.1, 20), 1e-16);
  }

  @Test
  void linearLr() {
    double[][] cases = {{0.25, 1, 4}, {1.0 / 3, 1, 5}, {1, 0.1, 10}, {0.5, 0.5, 3}, {1e-3, 0, 1}};
    for (double[] c : cases) {
      double start = c[0];
      double end = c[1];
      long total = (long) c[2];
      assertMatches(
          t -> t >= total ? 0.2 * end : 0.2 * (start * (total - t) + end * t) / total,
          LrSchedule.linear(start, end, total),
          0.2);
    }
    LrSchedule warmup = LrSchedule.linear(0.25, 1, 4);
    assertEquals(0.025, warmup.lr(0.1, 0), 1e-18);
    assertEquals(0.0625, warmup.lr(0.1, 2), 1e-18);
    assertEquals(0.1, warmup.lr(0.1, 4));
    assertEquals(0.1, warmup.lr(0.1, 1000));
  }

  @Test
  void sequentialLrRestartsEachScheduleAtItsMilestone() {
    LrSchedule warmup = LrSchedule.linear(0.1, 1, 5);
    LrSchedule cosine = LrSchedule.cosine(10, 0);
    LrSchedule decay = LrSchedule.exponential(0.5);
    LrSchedule s = LrSchedule.sequential(List.of(warmup, cosine, decay), 5, 15);
    assertMatches(
        t -> t < 5 ? warmup.lr(1, t) : t < 15 ? cosine.lr(1, t - 5) : decay.lr(1, t - 15), s, 1);
    assertEquals(0.1, s.lr(1, 0), 1e-16);
    assertEquals(0.82, s.lr(1, 4), 1e-15);
    assertEquals(1, s.lr(1, 5));
    assertEquals(0.5, s.lr(1, 10), 1e-15);
    assertEquals(1, s.lr(1, 15));
    assertEquals(0.25, s.lr(1, 17));
    assertEquals(
        List.of(5L, 15L), ((LrSchedule.Sequential) s).milestones(), "milestones are kept");
  }

  @Test
  void anyFunctionIsASchedule() {
    LrSchedule inverseTime = (base, t) -> base / (1 + t);
    assertEquals(0.25, inverseTime.lr(1, 3));
    LrSchedule s = LrSchedule.sequential(List.of(LrSchedule.constant(), inverseTime), 2);
    assertEquals(0.5, s.lr(1, 3));
  }

  static Stream<Arguments> invalid() {
    LrSchedule ok = LrSchedule.constant();
    return Stream.of(
        bad(() -> LrSchedule.step(0, 0.1), "StepLr", "stepSize", "0", "stepSize >= 1"),
        bad(() -> LrSchedule.step(10, 0), "StepLr", "gamma", "0.0", "0 < gamma"),
        bad(() -> LrSchedule.step(10, Double.NaN), "StepLr", "gamma", "NaN", "0 < gamma"),
        bad(() -> LrSchedule.exponential(-0.5), "ExponentialLr", "gamma", "-0.5", "0 < gamma"),
        bad(() -> LrSchedule.exponential(Double.POSITIVE_INFINITY), "ExponentialLr", "gamma",
            "Infinity", "< infinity"),
        bad(() -> LrSchedule.cosine(0, 0), "CosineAnnealingLr", "tMax", "0", "tMax >= 1"),
        bad(() -> LrSchedule.cosine(10, -1e-3), "CosineAnnealingLr", "etaMin", "-0.001",
            "0 <= etaMin"),
        bad(() -> LrSchedule.cosine(10, Double.NaN), "CosineAnnealingLr", "etaMin", "NaN",
            "0 <= etaMin"),
        bad(() -> LrSchedule.linear(0, 1, 5), "LinearLr", "startFactor", "0.0",
            "0 < startFactor <= 1"),
        bad(() -> LrSchedule.linear(1.5, 1, 5), "LinearLr", "startFactor", "1.5",
            "0 < startFactor <= 1"),
        bad(() -> LrSchedule.linear(0.5, 1.5, 5), "LinearLr", "endFactor", "1.5",
            "0 <= endFactor <= 1"),
        bad(() -> LrSchedule.linear(0.5, Double.NaN, 5), "LinearLr", "endFactor", "NaN",
            "0 <= endFactor <= 1"),
        bad(() -> LrSchedule.linear(0.5, 1, 0), "LinearLr", "totalIters", "0", "totalIters >= 1"),
        bad(() -> LrSchedule.sequential(List.of(ok, ok)), "SequentialLr", "schedules.size()",
            "2", "milestones.length + 1 = 1"),
        bad(() -> LrSchedule.sequential(List.of(ok, ok, ok), 5, 5), "SequentialLr",
            "milestones[1]", "5", "strictly increasing"),
        bad(() -> LrSchedule.sequential(List.of(ok, ok), 0), "SequentialLr", "milestones[0]",
            "0", ">= 1"),
        bad(() -> LrSchedule.step(1, 0.5).lr(-0.1, 0), "StepLr", "baseLr", "-0.1",
            "0 <= baseLr"),
        bad(() -> LrSchedule.cosine(5, 0).lr(0.1, -1), "CosineAnnealingLr", "step", "-1",
            "step >= 0"),
        bad(() -> LrSchedule.constant().lr(Double.NaN, 0), "Constant", "baseLr", "NaN",
            "0 <= baseLr"));
  }

  private static Arguments bad(
      Executable build, String owner, String argument, String value, String range) {
    return Arguments.of(owner + " " + argument + " = " + value, build, owner, argument, value,
        range);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidArgumentsAreRejectedWithArgumentValueAndRange(
      String label, Executable build, String owner, String argument, String value, String range) {
    String message = assertThrows(IllegalArgumentException.class, build, label).getMessage();
    assertTrue(message.startsWith(owner + ": invalid " + argument + " = " + value), message);
    assertTrue(message.contains("valid range: "), message);
    assertTrue(message.contains(range), message + " should contain " + range);
  }
}
