package io.github.adjoint.processor.environment;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.adjoint.processor.AdjointProcessor;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * IDEs and build tools hand processors a wrapped environment, which {@code Trees.instance}
 * rejects: Adjoint unwraps it (IntelliJ's and Gradle's keep the delegate in a field), and reports
 * one clear error when no javac environment is behind it (ECJ, say).
 */
class EnvironmentGuardTest {
  private static final JavaFileObject SOURCE =
      JavaFileObjects.forSourceLines(
          "com.example.Wrapped",
          "package com.example;",
          "import io.github.adjoint.Differentiable;",
          "public final class Wrapped {",
          "  @Differentiable",
          "  static double f(double x) {",
          "    return x * x;",
          "  }",
          "}");

  @Test
  void unwrapsAnEnvironmentThatKeepsItsDelegateInAField() {
    Compilation c = Compiler.javac().withProcessors(new Wrapping(true)).compile(SOURCE);
    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile("com.example.WrappedFBackward");
  }

  @Test
  void reportsOneClearErrorWhenNoJavacEnvironmentIsBehindTheWrapper() {
    Compilation c = Compiler.javac().withProcessors(new Wrapping(false)).compile(SOURCE);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[Adjoint:NotJavac]");
    assertThat(c).hadErrorContaining(Opaque.class.getName());
  }

  /** Runs Adjoint behind a wrapper of javac's environment, as an IDE would. */
  private static final class Wrapping extends AbstractProcessor {
    private final AdjointProcessor adjoint = new AdjointProcessor();
    private final boolean exposeDelegate;

    Wrapping(boolean exposeDelegate) {
      this.exposeDelegate = exposeDelegate;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      adjoint.init(exposeDelegate ? new Delegating(env) : new Opaque(env));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return adjoint.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return adjoint.process(annotations, round);
    }
  }

  /** Forwards everything; the wrapped environment is reachable only through {@link #env}. */
  private static class Forwarding implements ProcessingEnvironment {
    private final Object env;

    Forwarding(Object env) {
      this.env = env;
    }

    private ProcessingEnvironment env() {
      return (ProcessingEnvironment) env;
    }

    @Override
    public Map<String, String> getOptions() {
      return env().getOptions();
    }

    @Override
    public Messager getMessager() {
      return env().getMessager();
    }

    @Override
    public Filer getFiler() {
      return env().getFiler();
    }

    @Override
    public Elements getElementUtils() {
      return env().getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return env().getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return env().getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return env().getLocale();
    }
  }

  /** Like Gradle's decorators: the delegate sits in a field of the environment's type. */
  private static final class Delegating extends Forwarding {
    @SuppressWarnings("unused")
    private final ProcessingEnvironment delegate;

    Delegating(ProcessingEnvironment delegate) {
      super(delegate);
      this.delegate = delegate;
    }
  }

  /** A wrapper that hides what is behind it, as a non-javac compiler's environment would. */
  private static final class Opaque extends Forwarding {
    Opaque(ProcessingEnvironment env) {
      super(env);
    }
  }
}
