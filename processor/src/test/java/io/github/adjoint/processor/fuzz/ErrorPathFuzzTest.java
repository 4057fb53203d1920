package io.github.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.adjoint.processor.AdjointProcessor;
import io.github.adjoint.processor.fuzz.ErrorMutator.Kind;
import io.github.adjoint.processor.fuzz.ErrorMutator.Mutant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the error path: valid generated programs mutated by {@link ErrorMutator} (a field write, a
 * write into a parameter array, {@code Math.random()}, a plain helper, {@code try}, a lambda, a
 * failing {@code @Differentiable} callee called in a loop, in nested loops, into an array element)
 * must fail to compile with Adjoint errors only, all at the mutated line (for a failing callee:
 * exactly one, at the callee's line), the expected tag among them, no [Adjoint:InternalError], no
 * exception from the processor, and no error inside generated code. All mutants of a run are
 * compiled in one javac run. {@code -Dfuzz.errorCount=N -Dfuzz.seed=S} runs more.
 */
class ErrorPathFuzzTest {
  static final long SEED = Long.getLong("fuzz.seed", 1L);
  static final int COUNT = Integer.getInteger("fuzz.errorCount", 90);
  static final int BATCH = 100;

  @Test
  void mutantsFailWithLocatedAdjointErrors() {
    List<String> failures = new ArrayList<>();
    int compiled = 0;
    for (int start = 0; start < COUNT; start += BATCH) {
      Map<String, Mutant> mutants = new LinkedHashMap<>();
      Map<String, String> sources = new LinkedHashMap<>();
      for (int i = start; i < Math.min(COUNT, start + BATCH); i++) {
        long seed = DifferentialFuzzTest.programSeed(SEED, i) ^ 0x9E3779B97F4A7C15L;
        Kind kind = Kind.values()[i % Kind.values().length];
        Mutant m = new ErrorMutator(seed).mutate(ProgramGenerator.generate(seed), kind);
        if (m == null) {
          m = new ErrorMutator(seed).mutate(ProgramGenerator.generate(seed), Kind.RANDOM);
        }
        String name = FuzzRunner.className('E', i % 100_000);
        mutants.put(name, m);
        sources.put(name, JavaPrinter.print(name, m.program(), m.members()));
      }
      List<JavaFileObject> files = new ArrayList<>();
      sources.forEach((name, source) -> files.add(JavaFileObjects.forSourceString(JavaPrinter.PACKAGE + "." + name, source)));
      Compilation compilation;
      try {
        compilation = Compiler.javac().withProcessors(new AdjointProcessor()).withOptions("-Xlint:none", "-Xmaxerrs", "100000").compile(files);
      } catch (RuntimeException | Error e) {
        failures.add("javac or the processor threw on mutants " + start + "..: " + e);
        continue;
      }
      compiled += mutants.size();
      Map<String, List<Diagnostic<? extends JavaFileObject>>> errors = errorsByFile(compilation, failures);
      for (Map.Entry<String, Mutant> e : mutants.entrySet()) {
        String problem = check(e.getKey(), e.getValue(), sources.get(e.getKey()), errors.getOrDefault(e.getKey(), List.of()));
        if (problem != null) {
          failures.add("seed " + SEED + ", mutant " + e.getKey() + " (" + e.getValue().kind() + "): " + problem
              + "\n" + sources.get(e.getKey()));
        }
      }
    }
    System.out.printf("ErrorPathFuzzTest: seed %d, %d mutants, %d failures%n", SEED, compiled, failures.size());
    assertTrue(compiled > 0, "no mutant was compiled");
    assertTrue(failures.isEmpty(), failures.size() + " mutants failed:\n" + String.join("\n", failures));
  }

  /**
   * Errors per mutant, keyed by class name: those of its own file and those of the files generated
   * from it ({@code E00012FBackward.java}); an error that belongs to no mutant is a failure of its own.
   */
  private static Map<String, List<Diagnostic<? extends JavaFileObject>>> errorsByFile(Compilation c, List<String> failures) {
    Map<String, List<Diagnostic<? extends JavaFileObject>>> out = new LinkedHashMap<>();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      if (d.getKind() != Diagnostic.Kind.ERROR && !message.contains("[Adjoint:")) {
        continue;
      }
      String file = d.getSource() == null ? "<no file>" : d.getSource().getName().replaceAll(".*/", "");
      if (!file.matches("E[0-9]{5}.*\\.java")) {
        failures.add("error outside the mutants' files, " + file + ":" + d.getLineNumber() + ": " + message);
        continue;
      }
      out.computeIfAbsent(file.substring(0, 6), k -> new ArrayList<>()).add(d);
    }
    return out;
  }

  /** Null if the mutant's errors are as promised, else what is wrong. */
  static String check(String name, Mutant m, String source, List<Diagnostic<? extends JavaFileObject>> errors) {
    long line = lineOf(source, m.kind().inCallee() ? ErrorMutator.CALLEE : ErrorMutator.MARK);
    if (errors.isEmpty()) {
      return "compiled without an error";
    }
    StringBuilder all = new StringBuilder();
    errors.forEach(d -> all.append("\n  ").append(d.getSource().getName().replaceAll(".*/", "")).append(':')
        .append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)));
    for (Diagnostic<? extends JavaFileObject> d : errors) {
      if (!d.getSource().getName().replaceAll(".*/", "").equals(name + ".java")) {
        return "an error in generated code:" + all;
      }
    }
    boolean tagged = false;
    for (Diagnostic<? extends JavaFileObject> d : errors) {
      String message = d.getMessage(Locale.ROOT);
      if (!message.startsWith("[Adjoint:") || message.contains("[Adjoint:InternalError]")) {
        return "not an Adjoint error, or an internal one, expected " + m.kind().tags + " at line " + line + ":" + all;
      }
      if (d.getLineNumber() != line) {
        return "an error away from line " + line + ":" + all;
      }
      tagged |= m.kind().tags.stream().anyMatch(message::startsWith);
    }
    if (!tagged) {
      return "no " + m.kind().tags + " at line " + line + ":" + all;
    }
    if (m.kind().inCallee() && errors.size() != 1) {
      return "expected exactly one error, at the callee's line " + line + ":" + all;
    }
    return null;
  }

  static long lineOf(String source, String marker) {
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1;
      }
    }
    throw new IllegalStateException("no " + marker + " in\n" + source);
  }
}
