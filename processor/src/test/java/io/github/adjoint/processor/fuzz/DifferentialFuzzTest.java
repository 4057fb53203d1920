package io.github.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.fuzz.Ast.Program;
import io.github.adjoint.processor.fuzz.FuzzRunner.Kind;
import io.github.adjoint.processor.fuzz.FuzzRunner.Outcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the processor: random valid programs over the whole fence (see {@link
 * ProgramGenerator}), each compiled with the processor and checked against its forward-mode twin
 * (see {@link GradientCheck}). Seeded and reproducible; any number of programs:
 *
 * <pre>
 * mvn -B -o -pl processor -am test -Dtest=DifferentialFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfuzz.count=10000 -Dfuzz.seed=N [-Dfuzz.first=I] [-Dfuzz.shrink=3] [-Dfuzz.shrinkSeconds=45]
 * </pre>
 *
 * <p>Program {@code i} of seed {@code s} is generated from {@code s * 1000003 + i} alone, so
 * {@code -Dfuzz.first=i -Dfuzz.count=1} reproduces it. A failure prints the seed, the index, the
 * program shrunk to a minimal one that fails the same way, its twin, the input and the mismatching
 * gradient entries (for the first {@code fuzz.shrink} failures; the others are listed unshrunk).
 */
class DifferentialFuzzTest {
  static final long SEED = Long.getLong("fuzz.seed", 1L);
  static final int FIRST = Integer.getInteger("fuzz.first", 0);
  static final int COUNT = Integer.getInteger("fuzz.count", 200);
  static final int SHRINK = Integer.getInteger("fuzz.shrink", 3);
  static final long SHRINK_MILLIS = 1000L * Integer.getInteger("fuzz.shrinkSeconds", 45);
  static final int BATCH = 40;

  static long programSeed(long seed, int index) {
    return seed * 1_000_003L + index;
  }

  static long inputSeed(long seed, int index) {
    return ~programSeed(seed, index);
  }

  record Failure(int index, Program program, Outcome outcome) {}

  @Test
  void generatedProgramsDifferentiateExactly() {
    FuzzRunner runner = new FuzzRunner();
    List<Failure> failures = new ArrayList<>();
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    long started = System.currentTimeMillis();
    for (int start = FIRST; start < FIRST + COUNT; start += BATCH) {
      List<String> names = new ArrayList<>();
      List<Program> programs = new ArrayList<>();
      List<Long> inputs = new ArrayList<>();
      for (int i = start; i < Math.min(FIRST + COUNT, start + BATCH); i++) {
        names.add(FuzzRunner.className('F', i % 100_000));
        programs.add(ProgramGenerator.generate(programSeed(SEED, i)));
        inputs.add(inputSeed(SEED, i));
      }
      List<Outcome> outcomes = runner.run(names, programs, inputs);
      for (int i = 0; i < outcomes.size(); i++) {
        Outcome o = outcomes.get(i);
        counts.merge(o.kind(), 1, Integer::sum);
        if (o.failed()) {
          failures.add(new Failure(start + i, programs.get(i), o));
        }
      }
    }
    System.out.printf("DifferentialFuzzTest: seed %d, programs %d..%d, %d s, outcomes %s, %d with an assigning"
        + " compute, %d with pass buffers (%d of indices, %d of loops inside a pass, %d keeping values as the"
        + " pass leaves them, %d running such passes forwards), %d with a zero-upstream test hoisted out of a loop, %d with an unzeroed"
        + " buffer%n", SEED, FIRST, FIRST + COUNT - 1,
        (System.currentTimeMillis() - started) / 1000, counts, runner.assigningComputes, runner.passBuffers,
        runner.indexPassBuffers, runner.nestedPassBuffers, runner.passEndValues, runner.forwardPassLoops, runner.hoistedGuards,
        runner.unzeroedBuffers);
    // Shrink the first failure of each distinct symptom first, up to fuzz.shrink of them.
    StringBuilder report = new StringBuilder();
    Set<String> symptoms = new HashSet<>();
    int shrunk = 0;
    for (Failure failure : failures) {
      boolean fresh = symptoms.add(symptom(failure.outcome()));
      if (fresh && shrunk < SHRINK) {
        report.append(shrunk(runner, failure));
        shrunk++;
      } else {
        report.append(listed(failure));
      }
    }
    runner.close();
    assertEquals(COUNT, counts.values().stream().mapToInt(Integer::intValue).sum(), "every program has an outcome");
    assertTrue(failures.isEmpty(), failures.size() + " of " + COUNT + " programs failed (seed " + SEED + "):\n" + report);
  }

  /** A coarse symptom: the kind, and a NaN gradient, the exception class or javac's message without names. */
  static String symptom(Outcome o) {
    String first = o.detail().split("\n")[0];
    return switch (o.kind()) {
      case GRADIENT_MISMATCH -> o.kind() + (o.detail().contains("but was NaN") ? " NaN" : "")
          + (o.detail().contains("gradient field") ? " shape" : "");
      case EXCEPTION -> o.kind() + " " + first.replaceAll(":.*", "");
      case VALUE_MISMATCH, TIMEOUT -> o.kind().toString();
      default -> o.kind() + " " + first.replaceAll("^[^:]*:[0-9]*: ", "").replaceAll("[a-z]+[0-9]+", "v");
    };
  }

  private static String listed(Failure f) {
    return "\n=== seed " + SEED + ", program " + f.index() + ": " + f.outcome().kind() + " (not shrunk)\n"
        + f.outcome().detail() + "\n";
  }

  private static String shrunk(FuzzRunner runner, Failure f) {
    Shrinker.Result r = Shrinker.shrink(runner, f.program(), f.outcome(), inputSeed(SEED, f.index()), SHRINK_MILLIS);
    return "\n=== seed " + SEED + ", program " + f.index() + ": " + f.outcome().kind()
        + " (reproduce: -Dfuzz.seed=" + SEED + " -Dfuzz.first=" + f.index() + " -Dfuzz.count=1)\n"
        + "original failure: " + f.outcome().detail() + "\n"
        + "--- shrunk from " + Trees.size(f.program()) + " to " + Trees.size(r.program()) + " nodes:\n"
        + JavaPrinter.print("Shrunk", r.program())
        + "--- its twin:\n" + TwinPrinter.print("ShrunkTwin", r.program())
        + "--- its failure: " + r.outcome().detail() + "\n";
  }
}
