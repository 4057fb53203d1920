package io.github.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.adjoint.Differentiable;
import io.github.adjoint.processor.AdjointProcessor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles Java source strings in memory with the Adjoint processor, asserts success and loads the
 * user's classes together with the generated ones.
 *
 * <p>Sources are complete compilation units; the file name is derived from the package and the
 * first top-level type. Compilations use {@code -parameters} so tests can read parameter names of
 * the user's methods reflectively (this does not change what the processor sees).
 */
public final class InMemoryCompiler {
  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern TYPE =
      Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");

  private InMemoryCompiler() {}

  /** Compiles {@code sources} together with the processor; fails the test on any error. */
  public static Compiled compile(String... sources) {
    return compile(null, sources);
  }

  /**
   * Compiles {@code sources} with an earlier compilation's class files on the classpath, as if that
   * earlier compilation were a jar: the earlier classes are written to a temporary directory which
   * is put on javac's classpath (with the Adjoint runtime) and loaded through a URL class loader.
   */
  public static Compiled compileAgainst(Compiled earlier, String... sources) {
    return compile(earlier, sources);
  }

  /**
   * Compiles without asserting success: for constructs where the contract allows either an exact
   * gradient or a located Adjoint error, never a silently wrong gradient.
   */
  public static Compilation tryCompile(String... sources) {
    List<JavaFileObject> files = new ArrayList<>();
    for (String source : sources) {
      files.add(JavaFileObjects.forSourceString(qualifiedName(source), source));
    }
    try {
      return Compiler.javac().withProcessors(new AdjointProcessor()).withOptions("-parameters", "-Xlint:none").compile(files);
    } catch (RuntimeException | Error e) {
      throw new AssertionError("javac or the Adjoint processor threw while compiling:\n" + String.join("\n---\n", sources), e);
    }
  }

  /** Loads the classes of a successful {@link #tryCompile}. */
  public static Compiled load(Compilation compilation, String... sources) {
    if (compilation.status() != Compilation.Status.SUCCESS) {
      fail("compilation failed:\n" + describe(compilation));
    }
    return new Compiled(compilation, InMemoryCompiler.class.getClassLoader(), sources);
  }

  private static Compiled compile(Compiled earlier, String... sources) {
    List<JavaFileObject> files = new ArrayList<>();
    for (String source : sources) {
      files.add(JavaFileObjects.forSourceString(qualifiedName(source), source));
    }
    Compiler compiler =
        Compiler.javac().withProcessors(new AdjointProcessor()).withOptions("-parameters", "-Xlint:none");
    ClassLoader parent = InMemoryCompiler.class.getClassLoader();
    Path classDir = null;
    if (earlier != null) {
      classDir = earlier.writeClassesToTemporaryDirectory();
      compiler = compiler.withClasspath(classpathWith(classDir));
      parent = earlier.classpathLoader(classDir);
    }
    Compilation compilation;
    try {
      compilation = compiler.compile(files);
    } catch (RuntimeException | Error e) {
      throw new AssertionError("javac or the Adjoint processor threw while compiling:\n" + String.join("\n---\n", sources), e);
    }
    if (compilation.status() != Compilation.Status.SUCCESS || !compilation.errors().isEmpty()) {
      fail("compilation failed:\n" + describe(compilation) + "\nsources:\n" + String.join("\n---\n", sources));
    }
    return new Compiled(compilation, parent, sources);
  }

  /** All diagnostics of a compilation, one a line, with their position. */
  public static String describe(Compilation compilation) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      sb.append(d.getKind())
          .append(' ')
          .append(d.getSource() == null ? "<no file>" : d.getSource().getName())
          .append(':')
          .append(d.getLineNumber())
          .append(": ")
          .append(d.getMessage(null))
          .append('\n');
    }
    return sb.toString();
  }

  static String qualifiedName(String source) {
    Matcher type = TYPE.matcher(stripComments(source));
    if (!type.find()) {
      throw new IllegalArgumentException("no type declaration in source:\n" + source);
    }
    Matcher pkg = PACKAGE.matcher(source);
    return pkg.find() ? pkg.group(1) + "." + type.group(1) : type.group(1);
  }

  private static String stripComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
  }

  /** The earlier class directory, the Adjoint runtime and the test JVM's own class path. */
  private static List<File> classpathWith(Path classDir) {
    Set<File> entries = new LinkedHashSet<>();
    entries.add(classDir.toFile());
    entries.add(runtimeLocation());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(new File(entry));
      }
    }
    return new ArrayList<>(entries);
  }

  /** Where {@code io.github.adjoint.Differentiable} (the adjoint-runtime module) was loaded from. */
  public static File runtimeLocation() {
    try {
      return new File(Differentiable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path newTemporaryDirectory() {
    try {
      Path dir = Files.createTempDirectory("adjoint-classes");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
