package io.github.adjoint.processor.golden;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.adjoint.processor.AdjointProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The exact generated source of a few functions, compared as text: catches correct but weird
 * code. Behaviour is tested elsewhere. Regenerate with {@code -Dadjoint.regenerateGoldens=true}
 * (then read the diff before committing it).
 */
class GoldenTest {
  private static final Path GOLDENS = Path.of("src/test/resources/goldens/GoldenTest");
  private static final boolean REGENERATE = Boolean.getBoolean("adjoint.regenerateGoldens");

  private static final JavaFileObject LECTURE =
      JavaFileObjects.forSourceLines(
          "com.example.Lecture",
          "package com.example;",
          "",
          "import io.github.adjoint.Differentiable;",
          "import io.github.adjoint.NoGrad;",
          "",
          "public final class Lecture {",
          "  @Differentiable",
          "  public static double f(double x, double y, double z) {",
          "    double q = x + y;",
          "    return q * z;",
          "  }",
          "",
          "  @Differentiable",
          "  public static double neuron(double w0, double w1, double w2, double x0, double x1) {",
          "    double dot = w0 * x0 + w1 * x1 + w2;",
          "    return 1 / (1 + Math.exp(-dot));",
          "  }",
          "",
          "  @Differentiable",
          "  public static double piecewise(double x, double y) {",
          "    double a = x * y;",
          "    if (a > 1) {",
          "      return Math.log(a);",
          "    }",
          "    a = a * a;",
          "    return a > 0.5 ? a : Math.sin(x);",
          "  }",
          "",
          "  @Differentiable",
          "  public static double squaredDot(double[] w, @NoGrad double[] x) {",
          "    double s = 0.0;",
          "    for (int i = 0; i < w.length; i++) {",
          "      s += w[i] * x[i];",
          "    }",
          "    return s * s;",
          "  }",
          "",
          "  @Differentiable",
          "  public static double hiddenLayer(double[][] W, double[] b, @NoGrad double[] x) {",
          "    int hidden = b.length;",
          "    double s = 0.0;",
          "    for (int k = 0; k < hidden; k++) {",
          "      double a = b[k];",
          "      for (int j = 0; j < x.length; j++) {",
          "        a += W[k][j] * x[j];",
          "      }",
          "      s += Math.tanh(a);",
          "    }",
          "    return s;",
          "  }",
          "}");

  @Test
  void lectureFirstExample(TestInfo test) {
    assertGolden(test, "com.example.LectureFBackward");
  }

  @Test
  void lectureSigmoidNeuron(TestInfo test) {
    assertGolden(test, "com.example.LectureNeuronBackward");
  }

  @Test
  void branchesAndOverwrites(TestInfo test) {
    assertGolden(test, "com.example.LecturePiecewiseBackward");
  }

  @Test
  void loopOverArrays(TestInfo test) {
    assertGolden(test, "com.example.LectureSquaredDotBackward");
  }

  /** compute's own reverse sweep assigns dW and db; a pre-activation kept per pass, not on a tape. */
  @Test
  void oneExampleLayer(TestInfo test) {
    assertGolden(test, "com.example.LectureHiddenLayerBackward");
  }

  @Test
  void trainerOfAVectorParameter(TestInfo test) {
    assertGolden(test, "com.example.LectureSquaredDotTrainer");
  }

  @Test
  void sameInputGivesByteIdenticalOutput() throws IOException {
    String first = generated(compile(), "com.example.LecturePiecewiseBackward");
    String second = generated(compile(), "com.example.LecturePiecewiseBackward");
    assertEquals(first, second);
  }

  private static Compilation compile() {
    Compilation compilation = Compiler.javac().withProcessors(new AdjointProcessor()).compile(LECTURE);
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  private static String generated(Compilation compilation, String qualifiedName) throws IOException {
    return compilation
        .generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName))
        .getCharContent(false)
        .toString();
  }

  private static void assertGolden(TestInfo test, String qualifiedName) {
    String method = test.getTestMethod().orElseThrow().getName();
    Path golden = GOLDENS.resolve(method).resolve(qualifiedName + ".java");
    try {
      String actual = generated(compile(), qualifiedName);
      if (REGENERATE) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      }
      if (!Files.exists(golden)) {
        throw new AssertionError("missing golden file " + golden.toAbsolutePath()
            + "; run with -Dadjoint.regenerateGoldens=true and review it");
      }
      assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
