package io.github.adjoint.processor.diagnostics;

import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertErrorAt;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertSucceeded;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.classpathWith;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compile;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compileBad;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.writeClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.adjoint.processor.AdjointProcessor;
import io.github.adjoint.processor.diagnostics.DiagnosticAssertions.Compiled;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Foo.barBaz} and {@code FooBar.baz} both map to {@code FooBarBazBackward}. Compiled
 * together, the second is an error; compiled separately, a generated class records its origin
 * ({@code @DerivedFrom}) and every use checks it, so one method never silently gets the other's
 * value and gradient.
 */
class NameCollisionTest {
  private static final String FOO =
      """
      package com.lib;

      import io.github.adjoint.Differentiable;

      public final class Foo {
        @Differentiable
        public static double barBaz(double v) {
          return v * v;
        }
      }
      """;

  private static final String FOO_BAR =
      """
      package com.lib;

      import io.github.adjoint.Differentiable;

      public final class FooBar {
        @Differentiable
        public static double baz(double v) {
          return 3 * v;
        }
      }
      """;

  private static final String CALLER =
      """
      package com.example;

      import com.lib.Foo;
      import io.github.adjoint.Differentiable;

      public class Caller {
        @Differentiable
        public static double f(double x) {
          double s = Foo.barBaz(x);
          return s + x;
        }
      }
      """;

  @Test
  void twoMethodsOfOneCompilationWithOneGeneratedName() {
    Compiled c =
        compileBad(
            """
            package com.example;

            import io.github.adjoint.Differentiable;

            public class Bad {
              static final class Foo {
                @Differentiable
                static double barBaz(double v) {
                  return v * v;
                }
              }

              static final class FooBar {
                @Differentiable
                static double baz(double v) {
                  return 3 * v;
                }
              }
            }
            """);
    assertErrorAt(c, "[Adjoint:NameCollision]", "static double baz(double v)", "BadFooBarBazBackward", "Bad.Foo.barBaz");
    assertEquals(1, c.compilation().errors().size(), c::describe);
  }

  /** The jar holds Foo.barBaz's class: generating FooBar.baz's would replace it. */
  @Test
  void generatedNameAlreadyTakenByAClassOfAJar() {
    Path foo = writeClasses(compileWithProcessor("com.lib.Foo", FOO));
    Compiled c = compile("com.lib.FooBar", FOO_BAR, classpathWith(foo));
    assertErrorAt(c, "[Adjoint:NameCollision]", "public static double baz(double v)", "FooBarBazBackward", "com.lib.Foo.barBaz");
    assertEquals(1, c.compilation().errors().size(), c::describe);
  }

  /**
   * Each compiled separately into its own jar: on a class path with FooBar's jar first, the class
   * {@code FooBarBazBackward} a caller of Foo.barBaz would use is FooBar.baz's.
   */
  @Test
  void callerOfAMethodWhoseGeneratedClassIsShadowedByAnother() {
    Path fooBar = writeClasses(compileWithProcessor("com.lib.FooBar", FOO_BAR));
    Path foo = writeClasses(compileWithProcessor("com.lib.Foo", FOO));
    Compiled shadowed = compile("com.example.Caller", CALLER, classpath(fooBar, foo));
    assertErrorAt(shadowed, "[Adjoint:NameCollision]", "Foo.barBaz(x)", "FooBarBazBackward", "com.lib.FooBar.baz");
    assertEquals(1, shadowed.compilation().errors().size(), shadowed::describe);

    assertSucceeded(compile("com.example.Caller", CALLER, classpath(foo, fooBar)));
  }

  /** A caller of the jar's Foo.barBaz compiled together with FooBar.baz, which claims the name. */
  @Test
  void callerOfAJarMethodWhoseGeneratedNameThisCompilationClaims() {
    Path foo = writeClasses(compileWithProcessor("com.lib.Foo", FOO));
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new AdjointProcessor())
            .withClasspath(classpathWith(foo))
            .compile(
                JavaFileObjects.forSourceString("com.example.Caller", CALLER),
                JavaFileObjects.forSourceString("com.lib.FooBar", FOO_BAR));
    // One at FooBar.baz (its class would replace the jar's), one at the call of Foo.barBaz.
    long collisions = compilation.errors().stream()
        .filter(d -> d.getMessage(null).contains("[Adjoint:NameCollision]"))
        .count();
    assertEquals(2, collisions, DiagnosticAssertions.describe(compilation));
    assertEquals(2, compilation.errors().size(), DiagnosticAssertions.describe(compilation));
  }

  private static Compilation compileWithProcessor(String name, String source) {
    Compilation c =
        Compiler.javac().withProcessors(new AdjointProcessor()).compile(JavaFileObjects.forSourceString(name, source));
    assertEquals(Compilation.Status.SUCCESS, c.status(), () -> DiagnosticAssertions.describe(c));
    return c;
  }

  private static List<File> classpath(Path first, Path second) {
    List<File> entries = new ArrayList<>(classpathWith(first));
    entries.add(1, second.toFile());
    return entries;
  }
}
