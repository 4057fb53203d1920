package io.github.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.github.adjoint.processor.derive.Lowering;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.read.MethodReader;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads and lowers every {@code @Differentiable} method of a source, as AdjointProcessor does,
 * and hands each to a stage test, which then runs the stage it tests alone.
 */
public final class PipelineProbe extends AbstractProcessor {
  private final BiConsumer<Function, Lowering.Lowered> sink;

  private PipelineProbe(BiConsumer<Function, Lowering.Lowered> sink) {
    this.sink = sink;
  }

  /** Compiles {@code source} (class {@code qualifiedName}) and hands over each lowered method. */
  public static void lower(String qualifiedName, String source, BiConsumer<Function, Lowering.Lowered> sink) {
    Compilation c = Compiler.javac().withProcessors(new PipelineProbe(sink))
        .compile(JavaFileObjects.forSourceString(qualifiedName, source));
    assertEquals(Compilation.Status.SUCCESS, c.status(), c.diagnostics()::toString);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(MethodReader.DIFFERENTIABLE);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Trees trees = Trees.instance(processingEnv);
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(MethodReader.DIFFERENTIABLE);
    if (annotation == null) {
      return false;
    }
    for (Element e : round.getElementsAnnotatedWith(annotation)) {
      ExecutableElement method = (ExecutableElement) e;
      TreePath path = trees.getPath(method);
      Reporter reporter = new Reporter(trees, path.getCompilationUnit(), processingEnv.getMessager(), method);
      Function f = new MethodReader(trees, processingEnv.getElementUtils(), path.getCompilationUnit(), reporter,
          method, name -> null).read((MethodTree) path.getLeaf());
      sink.accept(f, new Lowering(callee -> false).lower(f.parameters(), f.body()));
    }
    return false;
  }
}
