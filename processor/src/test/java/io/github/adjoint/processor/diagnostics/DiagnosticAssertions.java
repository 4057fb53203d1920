package io.github.adjoint.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.adjoint.Differentiable;
import io.github.adjoint.processor.AdjointProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Shared helpers of the diagnostics tests: compile a user source with the Adjoint processor, check
 * that the processor did not crash, and assert that an error with a given tag is reported in the
 * user's file at the line of the offending construct.
 *
 * <p>Every compilation made through {@link #compile} is checked for processor crashes (an exception
 * escaping the processor, an {@code [Adjoint:InternalError]}, a stack trace in any diagnostic) and
 * for Adjoint errors without a position: the fence promises a located error for every construct
 * outside it, never a crash.
 */
final class DiagnosticAssertions {

  /** A compilation of one user source file. */
  record Compiled(JavaFileObject file, String source, Compilation compilation) {
    /** All diagnostics, one a line, for failure messages. */
    String describe() {
      return DiagnosticAssertions.describe(compilation);
    }
  }

  private static final Pattern STACK_FRAME =
      Pattern.compile("(?m)^\\s*at [\\w$.<>/]+\\((?:[\\w$]+\\.java:\\d+|Unknown Source|Native Method)\\)");
  private static final Pattern EXCEPTION_NAME =
      Pattern.compile("\\bjava\\.lang\\.[A-Za-z]*(?:Exception|Error)(?::|\\s*$)", Pattern.MULTILINE);
  private static final Pattern TAGGED = Pattern.compile("^\\[Adjoint:[A-Za-z]+\\] \\S");

  private DiagnosticAssertions() {}

  /** Compiles {@code source} (a compilation unit of type {@code qualifiedName}) with the processor. */
  static Compiled compile(String qualifiedName, String source) {
    return compileWith(Compiler.javac().withProcessors(new AdjointProcessor()), qualifiedName, source);
  }

  /** Compiles {@code source} with the processor and the given class path (replacing the default). */
  static Compiled compile(String qualifiedName, String source, List<File> classpath) {
    return compileWith(
        Compiler.javac().withProcessors(new AdjointProcessor()).withClasspath(classpath), qualifiedName, source);
  }

  /** Compiles {@code source} as class {@code com.example.Bad}. */
  static Compiled compileBad(String source) {
    return compile("com.example.Bad", source);
  }

  private static Compiled compileWith(Compiler compiler, String qualifiedName, String source) {
    JavaFileObject file = JavaFileObjects.forSourceString(qualifiedName, source);
    Compilation compilation;
    try {
      compilation = compiler.compile(file);
    } catch (RuntimeException | Error e) {
      throw new AssertionError(
          "the Adjoint processor (or javac) crashed instead of reporting a diagnostic; input:\n" + source, e);
    }
    Compiled compiled = new Compiled(file, source, compilation);
    assertNoCrash(compiled);
    assertAdjointErrorsAreLocated(compiled);
    return compiled;
  }

  /** No diagnostic of any kind may show a crash of the processor. */
  static void assertNoCrash(Compiled compiled) {
    for (Diagnostic<? extends JavaFileObject> d : compiled.compilation().diagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      String lower = message.toLowerCase(Locale.ROOT);
      if (lower.contains("uncaught exception")
          || message.contains("[Adjoint:InternalError]")
          || STACK_FRAME.matcher(message).find()
          || EXCEPTION_NAME.matcher(message).find()
          || lower.contains("an annotation processor threw")) {
        fail("the Adjoint processor crashed:\n" + message + "\n\nall diagnostics:\n" + compiled.describe()
            + "\ninput:\n" + compiled.source());
      }
    }
  }

  /**
   * Every Adjoint error starts with its tag, is located in the user's file at a real line, and no
   * error at all is located in a file the processor generated (generated code must compile).
   */
  static void assertAdjointErrorsAreLocated(Compiled compiled) {
    for (Diagnostic<? extends JavaFileObject> d : compiled.compilation().errors()) {
      String message = d.getMessage(Locale.ROOT);
      if (d.getSource() != null && !isUserFile(compiled, d.getSource())) {
        fail("error in generated file " + d.getSource().getName() + ":" + d.getLineNumber() + ": " + message
            + "\n\nall diagnostics:\n" + compiled.describe() + "\ninput:\n" + compiled.source());
      }
      if (message.contains("[Adjoint:")) {
        assertTrue(TAGGED.matcher(message).find(), "an Adjoint error must start with its tag: " + message);
        if (!message.startsWith("[Adjoint:NotJavac]")) {
          assertTrue(
              d.getSource() != null && d.getLineNumber() > 0,
              "an Adjoint error must be located at a line of the user's file: " + message
                  + "\n\nall diagnostics:\n" + compiled.describe());
        }
      }
    }
  }

  private static boolean isUserFile(Compiled compiled, JavaFileObject source) {
    return source == compiled.file() || source.toUri().equals(compiled.file().toUri());
  }

  /**
   * Asserts an error containing {@code tag} on the single line of the user's file containing {@code
   * lineSnippet}; the same diagnostic must also contain every string of {@code names} (the name of
   * the construct, e.g. {@code "Math.random"}).
   */
  static void assertErrorAt(Compiled compiled, String tag, String lineSnippet, String... names) {
    assertThat(compiled.compilation()).hadErrorContaining(tag).inFile(compiled.file()).onLineContaining(lineSnippet);
    if (names.length > 0) {
      long line = lineOf(compiled.source(), lineSnippet);
      boolean found =
          errorsAt(compiled, line).stream()
              .anyMatch(m -> m.contains(tag) && Arrays.stream(names).allMatch(m::contains));
      if (!found) {
        fail("expected an error containing " + tag + " and " + Arrays.toString(names) + " at line " + line
            + " (" + lineSnippet.strip() + "); diagnostics:\n" + compiled.describe());
      }
    }
  }

  /**
   * Asserts that the compilation failed with exactly one error, and that it is the error {@link
   * #assertErrorAt} describes: {@code tag} in the user's file on the line containing {@code
   * lineSnippet}, naming every string of {@code names}. One mistake, one error: no follow-on error
   * at any line, from Adjoint or from javac.
   */
  static void assertOnlyError(Compiled compiled, String tag, String lineSnippet, String... names) {
    assertEquals(Compilation.Status.FAILURE, compiled.compilation().status(), compiled::describe);
    assertEquals(
        1,
        compiled.compilation().errors().size(),
        () -> "expected exactly one error, " + tag + " at line " + lineOf(compiled.source(), lineSnippet) + " ("
            + lineSnippet.strip() + "); diagnostics:\n" + compiled.describe());
    assertErrorAt(compiled, tag, lineSnippet, names);
  }

  /** Asserts an error with one of {@code tags} on the line containing {@code lineSnippet}. */
  static void assertErrorAtWithAnyTag(Compiled compiled, String lineSnippet, String... tags) {
    long line = lineOf(compiled.source(), lineSnippet);
    boolean found =
        errorsAt(compiled, line).stream().anyMatch(m -> Arrays.stream(tags).anyMatch(m::contains));
    if (!found) {
      fail("expected an error containing one of " + Arrays.toString(tags) + " at line " + line + " ("
          + lineSnippet.strip() + "); diagnostics:\n" + compiled.describe());
    }
  }

  /** The messages of the errors located at {@code line} of the user's file. */
  static List<String> errorsAt(Compiled compiled, long line) {
    return compiled.compilation().errors().stream()
        .filter(d -> d.getSource() != null && isUserFile(compiled, d.getSource()))
        .filter(d -> d.getLineNumber() == line)
        .map(d -> d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
  }

  /** The messages of all Adjoint errors of the compilation. */
  static List<String> adjointErrors(Compiled compiled) {
    return compiled.compilation().errors().stream()
        .map(d -> d.getMessage(Locale.ROOT))
        .filter(m -> m.contains("[Adjoint:"))
        .collect(Collectors.toList());
  }

  /** Asserts the compilation succeeded without errors. */
  static void assertSucceeded(Compiled compiled) {
    assertEquals(
        Compilation.Status.SUCCESS,
        compiled.compilation().status(),
        () -> "expected a successful compilation; diagnostics:\n" + compiled.describe());
    assertTrue(compiled.compilation().errors().isEmpty(), compiled::describe);
  }

  /** The 1-based number of the single line of {@code source} containing {@code snippet}. */
  static long lineOf(String source, String snippet) {
    String[] lines = source.split("\n", -1);
    long found = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(snippet)) {
        if (found != -1) {
          throw new IllegalArgumentException("snippet occurs on more than one line: " + snippet);
        }
        found = i + 1;
      }
    }
    if (found == -1) {
      throw new IllegalArgumentException("snippet not in source: " + snippet);
    }
    return found;
  }

  /** All diagnostics of a compilation, one a line, with their position. */
  static String describe(Compilation compilation) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      sb.append(d.getKind())
          .append(' ')
          .append(d.getSource() == null ? "<no file>" : d.getSource().getName())
          .append(':')
          .append(d.getLineNumber())
          .append(": ")
          .append(d.getMessage(Locale.ROOT))
          .append('\n');
    }
    return sb.toString();
  }

  /**
   * Writes the class files of {@code compilation} into a new temporary directory, as if they were a
   * jar of an earlier build.
   */
  static Path writeClasses(Compilation compilation) {
    try {
      Path dir = Files.createTempDirectory("adjoint-diagnostics");
      dir.toFile().deleteOnExit();
      for (JavaFileObject f : compilation.generatedFiles()) {
        if (f.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String name = f.toUri().getPath();
        int i = name.indexOf("/CLASS_OUTPUT/");
        String relative = i >= 0 ? name.substring(i + "/CLASS_OUTPUT/".length()) : name.replaceFirst("^/+", "");
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        try (InputStream in = f.openInputStream()) {
          Files.copy(in, target);
        }
        target.toFile().deleteOnExit();
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compiles {@code source} with the processor through the plain javax.tools API, writing generated
   * sources into a temporary directory, and returns that directory. compile-testing hides the
   * generated files of a failed compilation; this shows what the processor generated next to its
   * errors.
   */
  static Path generatedSourcesDespiteErrors(String qualifiedName, String source) {
    try {
      Path out = Files.createTempDirectory("adjoint-generated");
      Path sources = Files.createDirectories(out.resolve("sources"));
      Path classes = Files.createDirectories(out.resolve("classes"));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
        JavaCompiler.CompilationTask task =
            javac.getTask(
                null,
                files,
                diagnostics,
                List.of("-d", classes.toString(), "-s", sources.toString()),
                null,
                List.of(JavaFileObjects.forSourceString(qualifiedName, source)));
        task.setProcessors(List.of(new AdjointProcessor()));
        task.call();
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code sourceDir} holds the generated source of {@code qualifiedName}. */
  static void assertGenerated(Path sourceDir, String qualifiedName) {
    Path file = sourceDir.resolve(qualifiedName.replace('.', '/') + ".java");
    if (!Files.isRegularFile(file)) {
      List<String> present;
      try (Stream<Path> walk = Files.walk(sourceDir)) {
        present = walk.filter(Files::isRegularFile).map(p -> sourceDir.relativize(p).toString()).sorted().collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      fail("expected the processor to generate " + qualifiedName + "; it generated " + present);
    }
  }

  /** {@code dir}, the Adjoint runtime and the entries of the test JVM's class path. */
  static List<File> classpathWith(Path dir) {
    Set<File> entries = new LinkedHashSet<>();
    entries.add(dir.toFile());
    entries.add(runtimeLocation());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(new File(entry));
      }
    }
    return new ArrayList<>(entries);
  }

  /** Where {@code io.github.adjoint.Differentiable} (the adjoint-runtime module) was loaded from. */
  static File runtimeLocation() {
    try {
      return new File(Differentiable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
