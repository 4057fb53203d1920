package io.github.adjoint.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.github.adjoint.processor.derive.Lowering;
import io.github.adjoint.processor.diag.Message;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.emit.BackwardWriter;
import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.read.GeneratedNames;
import io.github.adjoint.processor.read.MethodReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Generates, for each {@code @Differentiable} method, its backward class. Thin on purpose: read
 * (javac trees to IR), lower and analyse, emit; each method is handled on its own, so one bad
 * method never stops the others, and a bug in Adjoint becomes a located error with its trace.
 */
@AutoService(Processor.class)
public final class AdjointProcessor extends AbstractProcessor {
  private Trees trees;
  private boolean reportedEnvironment;

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
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(MethodReader.DIFFERENTIABLE);
    if (annotation == null) {
      return false;
    }
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      if (element.getKind() != ElementKind.METHOD) {
        continue;
      }
      ExecutableElement method = (ExecutableElement) element;
      try {
        processMethod(method);
      } catch (RuntimeException | StackOverflowError e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                Message.INTERNAL_ERROR.format(GeneratedNames.display(method), trace),
                method);
      }
    }
    return false;
  }

  private void processMethod(ExecutableElement method) throws RuntimeException {
    if (!declarationIsValid(method)) {
      return;
    }
    if (trees == null) {
      trees = EnvironmentGuard.trees(processingEnv);
      if (trees == null) {
        if (!reportedEnvironment) {
          reportedEnvironment = true;
          error(method, Message.NOT_JAVAC.format(processingEnv.getClass().getName()));
        }
        return;
      }
    }
    TreePath path = trees.getPath(method);
    MethodTree tree = path == null ? null : (MethodTree) path.getLeaf();
    if (tree == null || tree.getBody() == null) {
      error(method, Message.NO_BODY.format(GeneratedNames.display(method)));
      return;
    }
    Reporter reporter =
        new Reporter(trees, path.getCompilationUnit(), processingEnv.getMessager(), method);
    MethodReader reader =
        new MethodReader(
            trees, processingEnv.getElementUtils(), path.getCompilationUnit(), reporter, method);
    Function function = reader.read(tree);
    if (reporter.flush()) {
      return;
    }
    Lowering.Lowered lowered = new Lowering().lower(function.parameters(), function.body());
    BackwardWriter.Target target =
        new BackwardWriter.Target(
            GeneratedNames.packageName(processingEnv.getElementUtils(), method),
            GeneratedNames.backwardSimpleName(method),
            GeneratedNames.display(method),
            method,
            processingEnv.getElementUtils().getTypeElement("javax.annotation.processing.Generated") != null,
            AdjointProcessor.class.getName());
    JavaFile file = new BackwardWriter(function, lowered, target).write();
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (FilerException e) {
      // Already generated in an earlier round: the same input gives the same file.
    } catch (IOException e) {
      error(method, Message.INTERNAL_ERROR.format(GeneratedNames.display(method), e));
    }
  }

  private boolean declarationIsValid(ExecutableElement method) {
    String display = GeneratedNames.display(method);
    boolean valid = true;
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      error(method, Message.NOT_STATIC.format(display));
      valid = false;
    }
    if (method.getReturnType().getKind() != TypeKind.DOUBLE) {
      error(method, Message.RETURN_TYPE.format(display, method.getReturnType()));
      valid = false;
    }
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    long sameName =
        ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().equals(method.getSimpleName()))
            .filter(m -> MethodReader.hasAnnotation(m, MethodReader.DIFFERENTIABLE))
            .count();
    if (sameName > 1) {
      error(method, Message.OVERLOADED.format(display, owner.getSimpleName()));
      valid = false;
    }
    return valid;
  }

  private void error(Element at, String text) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, text, at);
  }
}
