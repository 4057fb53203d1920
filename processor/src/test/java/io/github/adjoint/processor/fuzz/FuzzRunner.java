package io.github.adjoint.processor.fuzz;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.adjoint.processor.AdjointProcessor;
import io.github.adjoint.processor.fuzz.Ast.Program;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles a batch of programs in one javac run (user class and twin for each), sets aside the
 * programs whose compilation failed (with the reason), loads the others and checks each with a
 * {@link GradientCheck}. Every program gets an {@link Outcome}.
 */
final class FuzzRunner {
  /** What happened to one program; everything but {@code OK} fails the fuzz test. */
  enum Kind {
    OK,
    /** The processor threw, or reported [Adjoint:InternalError]. */
    PROCESSOR_CRASH,
    /** javac rejected the code the processor generated. */
    GENERATED_CODE_ERROR,
    /** The processor rejected a program inside the fence. */
    REJECTED_VALID_PROGRAM,
    /** compute/accumulate returned another value than the method itself. */
    VALUE_MISMATCH,
    /** A gradient entry differs from the twin's (or has the wrong shape). */
    GRADIENT_MISMATCH,
    /** Generated code threw, or modified an argument. */
    EXCEPTION,
    /** Generated code did not return within the time limit. */
    TIMEOUT,
    /** The generator or twin printer made an invalid program, or the twin's value differs: a fuzzer bug. */
    FUZZER_BUG
  }

  record Outcome(Kind kind, String detail) {
    static final Outcome PASS = new Outcome(Kind.OK, "");

    boolean failed() {
      return kind != Kind.OK;
    }
  }

  private static final Pattern PROGRAM = Pattern.compile("([A-Z][0-9]{5})");
  private static final long TIMEOUT_SECONDS = 30;

  private ExecutorService executor = newExecutor();

  static String className(char prefix, int index) {
    return prefix + String.format(Locale.ROOT, "%05d", index);
  }

  /** Runs every program (named by {@code names}, same order) and returns their outcomes. */
  List<Outcome> run(List<String> names, List<Program> programs, List<Long> inputSeeds) {
    Map<String, Program> byName = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      byName.put(names.get(i), programs.get(i));
    }
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    Set<String> pending = new LinkedHashSet<>(byName.keySet());
    Compiled compiled = null;
    while (!pending.isEmpty() && compiled == null) {
      Compilation compilation;
      try {
        long t0 = System.nanoTime();
        compilation = compile(pending, byName);
        if (Boolean.getBoolean("fuzz.verbose")) {
          System.err.printf("compiled %d programs in %d ms%n", pending.size(), (System.nanoTime() - t0) / 1_000_000);
        }
      } catch (RuntimeException | Error e) {
        if (pending.size() == 1) {
          outcomes.put(pending.iterator().next(), new Outcome(Kind.PROCESSOR_CRASH, "javac or the processor threw: " + e));
          pending.clear();
        } else {
          for (String name : List.copyOf(pending)) {
            int at = names.indexOf(name);
            outcomes.put(name, run(List.of(name), List.of(programs.get(at)), List.of(inputSeeds.get(at))).get(0));
          }
          pending.clear();
        }
        break;
      }
      Map<String, Outcome> failed = compileFailures(compilation, pending);
      if (failed.isEmpty()) {
        compiled = InMemoryCompiler.load(compilation);
      } else {
        outcomes.putAll(failed);
        pending.removeAll(failed.keySet());
      }
    }
    List<Outcome> result = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Outcome o = outcomes.get(name);
      if (o == null) {
        o = check(compiled, name, programs.get(i), inputSeeds.get(i));
      }
      result.add(o);
    }
    return result;
  }

  static Compilation compile(Set<String> names, Map<String, Program> programs) {
    List<JavaFileObject> files = new ArrayList<>();
    for (String name : names) {
      Program p = programs.get(name);
      files.add(JavaFileObjects.forSourceString(JavaPrinter.PACKAGE + "." + name, JavaPrinter.print(name, p)));
      files.add(JavaFileObjects.forSourceString(JavaPrinter.PACKAGE + "." + name + "Twin", TwinPrinter.print(name + "Twin", p)));
    }
    return Compiler.javac().withProcessors(new AdjointProcessor()).withOptions("-parameters", "-Xlint:none", "-Xmaxerrs", "100000").compile(files);
  }

  /** The programs whose compilation reported an error, with what kind of failure it is. */
  private static Map<String, Outcome> compileFailures(Compilation compilation, Set<String> pending) {
    Map<String, Outcome> failed = new LinkedHashMap<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      String lower = message.toLowerCase(Locale.ROOT);
      boolean crash = message.contains("[Adjoint:InternalError]") || lower.contains("an annotation processor threw")
          || lower.contains("uncaught exception");
      if (d.getKind() != Diagnostic.Kind.ERROR && !crash) {
        continue;
      }
      String file = d.getSource() == null ? "" : d.getSource().getName();
      Matcher m = PROGRAM.matcher(file);
      List<String> culprits = m.find() && pending.contains(m.group(1)) ? List.of(m.group(1)) : List.copyOf(pending);
      String where = file.replaceAll(".*/", "") + ":" + d.getLineNumber() + ": " + message;
      Kind kind;
      if (crash) {
        kind = Kind.PROCESSOR_CRASH;
      } else if (file.endsWith("Twin.java")) {
        kind = Kind.FUZZER_BUG;
      } else if (file.contains("Backward")) {
        kind = Kind.GENERATED_CODE_ERROR;
        where += "\n" + excerpt(d);
      } else if (message.contains("[Adjoint:")) {
        kind = Kind.REJECTED_VALID_PROGRAM;
      } else {
        kind = Kind.FUZZER_BUG;
      }
      for (String c : culprits) {
        Outcome before = failed.get(c);
        if (before == null || (before.kind() == Kind.FUZZER_BUG && kind != Kind.FUZZER_BUG)) {
          failed.put(c, new Outcome(kind, where));
        }
      }
    }
    return failed;
  }

  /** The generated line javac complained about. */
  private static String excerpt(Diagnostic<? extends JavaFileObject> d) {
    try {
      String[] lines = d.getSource().getCharContent(true).toString().split("\n");
      int at = (int) d.getLineNumber() - 1;
      return at >= 0 && at < lines.length ? "  generated line: " + lines[at].trim() : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /**
   * How many checked programs' {@code compute} assigns gradients (a reverse sweep of its own), and
   * how many keep values in pass buffers instead of tapes, and how many keep indices there: the
   * generated forms they exercise.
   */
  int assigningComputes;
  int passBuffers;
  int indexPassBuffers;
  /** Programs with a pass buffer of a loop inside another's pass, at {@code n * count + k}. */
  int nestedPassBuffers;
  /** Programs whose generated code keeps a value as the pass leaves it (not before it is overwritten). */
  int passEndValues;
  /** Programs with a loop whose passes load their own values and run forwards in the reverse. */
  int forwardPassLoops;
  /** Programs with a zero-upstream test hoisted out of a loop. */
  int hoistedGuards;
  /** Programs with a local array the next loop fills, whose buffer is not zeroed. */
  int unzeroedBuffers;

  private Outcome check(Compiled compiled, String name, Program program, long inputSeed) {
    String source = compiled.generatedSource(JavaPrinter.PACKAGE + "." + name + "FBackward");
    assigningComputes += source.contains("reverseAssigning(") ? 1 : 0;
    passBuffers += source.contains("Buffers.atLeast(") ? 1 : 0;
    indexPassBuffers += source.contains("private int[] ") ? 1 : 0;
    nestedPassBuffers += source.contains("Math.multiplyExact(") ? 1 : 0;
    passEndValues += source.contains("as this pass leaves it") ? 1 : 0;
    forwardPassLoops += source.matches("(?s).*for \\(\\w+ = [^;]+; [^;]+; \\w+\\+\\+\\) \\{\\s*// last value of.*") ? 1 : 0;
    hoistedGuards += source.matches("(?s).*if \\(\\w+ != 0\\.0\\) \\{\\s*for \\(.*") ? 1 : 0;
    unzeroedBuffers += source.contains("Buffers.ofLength(") ? 1 : 0;
    Future<Outcome> f = executor.submit(() -> new GradientCheck(compiled, name, program, inputSeed).run());
    try {
      return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      executor.shutdownNow();
      executor = newExecutor();
      return new Outcome(Kind.TIMEOUT, "no result after " + TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      return new Outcome(Kind.FUZZER_BUG, "the check threw " + e.getCause());
    }
  }

  private static ExecutorService newExecutor() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-check");
      t.setDaemon(true);
      return t;
    });
  }

  void close() {
    executor.shutdownNow();
  }
}
