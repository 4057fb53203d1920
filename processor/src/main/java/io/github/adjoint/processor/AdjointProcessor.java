package io.github.adjoint.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.derive.Lowering;
import io.github.adjoint.processor.diag.Message;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.emit.BackwardWriter;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.ir.MathFunction;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.read.GeneratedNames;
import io.github.adjoint.processor.read.MethodReader;
import io.github.adjoint.processor.train.TrainerWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
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
 * (javac trees to IR), lower and analyse, emit. Each method is handled on its own, so one bad
 * method never stops the others, and a bug in Adjoint becomes a located error with its trace.
 */
@AutoService(Processor.class)
public final class AdjointProcessor extends AbstractProcessor {
  private Trees trees;
  private boolean reportedEnvironment;
  /** Generated class name to the method it was generated for, across rounds. */
  private final Map<String, ExecutableElement> claimed = new HashMap<>();

  /** A method read without errors, waiting for its callees' outcome. */
  private record Read(ExecutableElement method, String generatedName, Function function) {}

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
    TypeElement annotation =
        processingEnv.getElementUtils().getTypeElement(MethodReader.DIFFERENTIABLE);
    if (annotation == null) {
      return false;
    }
    Set<String> failed = new HashSet<>();
    Map<String, Read> read = new LinkedHashMap<>();
    // Every name is claimed before any body is read, so a call can be checked against all of them.
    Map<ExecutableElement, String> valid = new LinkedHashMap<>();
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      if (element.getKind() != ElementKind.METHOD) {
        continue;
      }
      ExecutableElement method = (ExecutableElement) element;
      String name = GeneratedNames.backwardName(processingEnv.getElementUtils(), method);
      guarded(method, () -> {
        if (declarationIsValid(method, name)) {
          valid.put(method, name);
        } else {
          failed.add(name);
        }
      });
    }
    valid.forEach((method, name) -> guarded(method, () -> {
      Function function = read(method);
      if (function == null) {
        failed.add(name);
      } else {
        read.put(name, new Read(method, name, function));
      }
    }));
    // A method whose callee failed is not generated: its code would not compile, and the callee's
    // own error already says what to fix.
    boolean changed = true;
    while (changed) {
      changed = read.values().removeIf(r -> {
        boolean calleeFailed = callees(r.function()).stream().anyMatch(failed::contains);
        if (calleeFailed) {
          failed.add(r.generatedName());
        }
        return calleeFailed;
      });
    }
    Set<String> drawing = drawingDropout(read);
    for (Read r : read.values()) {
      guarded(r.method(), () -> generate(r, drawing));
    }
    return false;
  }

  /**
   * The generated names of the methods that draw dropout masks: a call of {@code
   * Functions.dropout} anywhere in the body, or of a method that draws (of this round, found to a
   * fixed point through recursion; compiled earlier, as its {@code @DerivedFrom} records).
   */
  private Set<String> drawingDropout(Map<String, Read> read) {
    Set<String> drawing = new HashSet<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Read r : read.values()) {
        if (!drawing.contains(r.generatedName()) && draws(r.function(), drawing, read.keySet())) {
          drawing.add(r.generatedName());
          changed = true;
        }
      }
    }
    return drawing;
  }

  private boolean draws(Function function, Set<String> drawing, Set<String> thisRound) {
    boolean[] found = {false};
    Stmt.visitExpressions(function.body(), x -> {
      if (x instanceof Expr.MathCall m && m.function() == MathFunction.DROPOUT) {
        found[0] = true;
      } else if (x instanceof Expr.DiffCall d) {
        String callee = d.callee().backwardName();
        found[0] |= thisRound.contains(callee) ? drawing.contains(callee) : compiledDraws(callee);
      }
    });
    return found[0];
  }

  private boolean compiledDraws(String generatedName) {
    TypeElement generated = processingEnv.getElementUtils().getTypeElement(generatedName);
    return generated != null && GeneratedNames.recordedDrawsDropout(generated);
  }

  private void guarded(ExecutableElement method, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | StackOverflowError e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      error(method, Message.INTERNAL_ERROR.format(GeneratedNames.display(method), trace));
    }
  }

  /** Reads one method; null after reporting its errors. */
  private Function read(ExecutableElement method) {
    if (trees == null) {
      trees = EnvironmentGuard.trees(processingEnv);
      if (trees == null) {
        if (!reportedEnvironment) {
          reportedEnvironment = true;
          error(method, Message.NOT_JAVAC.format(processingEnv.getClass().getName()));
        }
        return null;
      }
    }
    TreePath path = trees.getPath(method);
    MethodTree tree = path == null ? null : (MethodTree) path.getLeaf();
    if (tree == null || tree.getBody() == null) {
      error(method, Message.NO_BODY.format(GeneratedNames.display(method)));
      return null;
    }
    Reporter reporter =
        new Reporter(trees, path.getCompilationUnit(), processingEnv.getMessager(), method);
    MethodReader reader =
        new MethodReader(
            trees, processingEnv.getElementUtils(), path.getCompilationUnit(), reporter, method,
            this::claimedOrigin);
    Function function = reader.read(tree);
    if (!reporter.hasErrors()) {
      Set<Var> varied = Activity.varied(function.parameters(), function.body());
      reader.reportNoGradArguments(e -> Activity.isVaried(e, varied));
    }
    return reporter.flush() ? null : function;
  }

  private void generate(Read r, Set<String> drawing) {
    ExecutableElement method = r.method();
    Function function = r.function();
    Lowering.Lowered lowered =
        new Lowering(callee -> drawing.contains(callee.backwardName()) || compiledDraws(callee.backwardName()))
            .lower(function.parameters(), function.body());
    String backwardName = GeneratedNames.backwardSimpleName(method);
    boolean draws = drawing.contains(r.generatedName());
    write(method, new BackwardWriter(function, lowered, target(method, backwardName,
        BackwardWriter.RUNTIME_SIMPLE_NAMES, draws)).write());
    if (TrainerWriter.hasTrainedParameters(function)) {
      BackwardWriter.Target trainer = target(method, GeneratedNames.trainerSimpleName(method),
          TrainerWriter.RUNTIME_SIMPLE_NAMES, draws);
      write(method, new TrainerWriter(function, trainer, backwardName).write());
    }
  }

  private BackwardWriter.Target target(
      ExecutableElement method, String simpleName, List<String> runtimeNames, boolean drawsDropout) {
    String pkg = GeneratedNames.packageName(processingEnv.getElementUtils(), method);
    return new BackwardWriter.Target(
        pkg,
        simpleName,
        GeneratedNames.display(method),
        method,
        processingEnv.getElementUtils().getTypeElement("javax.annotation.processing.Generated")
            != null,
        AdjointProcessor.class.getName(),
        GeneratedNames.ownerName(method),
        method.getSimpleName().toString(),
        drawsDropout,
        clashingSimpleNames(pkg, runtimeNames));
  }

  private void write(ExecutableElement method, JavaFile file) {
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      error(method, Message.INTERNAL_ERROR.format(GeneratedNames.display(method), e));
    }
  }

  /** The runtime classes whose simple names a type of {@code pkg} also has. */
  private List<String> clashingSimpleNames(String pkg, List<String> runtimeNames) {
    return runtimeNames.stream()
        .filter(n -> processingEnv.getElementUtils().getTypeElement(pkg.isEmpty() ? n : pkg + "." + n) != null)
        .toList();
  }

  /** The generated classes a function's body calls, wherever the call stands. */
  private static Set<String> callees(Function function) {
    Set<String> names = new HashSet<>();
    Stmt.visitExpressions(function.body(), x -> {
      if (x instanceof Expr.DiffCall d) {
        names.add(d.callee().backwardName());
      }
    });
    return names;
  }

  private boolean declarationIsValid(ExecutableElement method, String generatedName) {
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
    ExecutableElement first =
        ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().equals(method.getSimpleName()))
            .filter(m -> MethodReader.hasAnnotation(m, MethodReader.DIFFERENTIABLE))
            .findFirst()
            .orElse(method);
    if (!first.equals(method)) {
      // One mistake, one error: on each later overload, not on the first declaration, and no
      // NameCollision besides (overloads share their generated name by construction). The first
      // keeps the name; the compilation fails on this error all the same.
      error(method, Message.OVERLOADED.format(display, owner.getSimpleName()));
      return false;
    }
    ExecutableElement other = claimed.putIfAbsent(generatedName, method);
    if (other != null && !other.equals(method)) {
      error(
          method,
          Message.NAME_COLLISION.format(generatedName, display, GeneratedNames.display(other)));
      valid = false;
    } else {
      String earlier = earlierOriginOf(generatedName);
      if (earlier != null && !earlier.equals(GeneratedNames.origin(method))) {
        // Compiled separately, the class of a jar would be replaced by this one: a caller of the
        // jar's method would get this method's value and gradient.
        error(method, Message.NAME_COLLISION.format(generatedName, display, earlier));
        valid = false;
      }
    }
    return valid;
  }

  /**
   * The origin recorded by a class of this name already on the class path, when that origin
   * method still exists (a stale class of a renamed method in an output folder is no conflict).
   */
  private String earlierOriginOf(String generatedName) {
    TypeElement existing = processingEnv.getElementUtils().getTypeElement(generatedName);
    if (existing == null) {
      return null;
    }
    String origin = GeneratedNames.recordedOrigin(existing).orElse(null);
    if (origin == null) {
      return null;
    }
    int dot = origin.lastIndexOf('.');
    TypeElement owner = processingEnv.getElementUtils().getTypeElement(origin.substring(0, dot));
    boolean stillThere =
        owner != null
            && ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
                .anyMatch(m -> m.getSimpleName().contentEquals(origin.substring(dot + 1))
                    && MethodReader.hasAnnotation(m, MethodReader.DIFFERENTIABLE));
    return stillThere ? origin : null;
  }

  /** The origin of the method of this compilation that claimed a generated name, or null. */
  private String claimedOrigin(String generatedName) {
    ExecutableElement method = claimed.get(generatedName);
    return method == null ? null : GeneratedNames.origin(method);
  }

  private void error(Element at, String text) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, text, at);
  }
}
