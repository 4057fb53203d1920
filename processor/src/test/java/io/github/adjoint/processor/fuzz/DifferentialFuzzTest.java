package io.github.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.fuzz.Ast.Program;
import io.github.adjoint.processor.fuzz.FuzzRunner.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DifferentialFuzzTest {
  static final int COUNT = Integer.getInteger("fuzz.count", 300);
  static final long SEED = Long.getLong("fuzz.seed", 1L);
  static final int BATCH = 40;

  static long programSeed(long seed, int index) {
    return seed * 1_000_003L + index;
  }

  @Test
  void generatedProgramsDifferentiateExactly() {
    FuzzRunner runner = new FuzzRunner();
    List<String> report = new ArrayList<>();
    for (int start = 0; start < COUNT; start += BATCH) {
      List<String> names = new ArrayList<>();
      List<Program> programs = new ArrayList<>();
      List<Long> inputs = new ArrayList<>();
      for (int i = start; i < Math.min(COUNT, start + BATCH); i++) {
        names.add(FuzzRunner.className('F', i));
        programs.add(ProgramGenerator.generate(programSeed(SEED, i)));
        inputs.add(~programSeed(SEED, i));
      }
      List<Outcome> outcomes = runner.run(names, programs, inputs);
      for (int i = 0; i < outcomes.size(); i++) {
        Outcome o = outcomes.get(i);
        if (o.failed()) {
          report.add("program " + (start + i) + ": " + o.kind() + " " + o.detail() + "\n" + JavaPrinter.print(names.get(i), programs.get(i)));
        }
      }
    }
    runner.close();
    report.forEach(System.out::println);
    assertTrue(report.isEmpty(), report.size() + " failures");
  }
}
