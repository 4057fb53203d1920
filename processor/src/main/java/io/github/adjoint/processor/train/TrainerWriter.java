package io.github.adjoint.processor.train;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.adjoint.processor.emit.BackwardWriter;
import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Class><Method>Trainer}: the differentiable parameters trained in place (arrays)
 * or in public fields (scalars), {@code accumulate} over the data parameters through the backward
 * class, the lecture's L1 and L2 terms per parameter, and the fused optimizer kernels of
 * {@link StepKernels}. What does not depend on the function (the step's dispatch on the optimizer
 * kind, state snapshots) is the runtime's {@code GeneratedTrainer}.
 */
public final class TrainerWriter {
  private static final String TRAIN = "io.github.adjoint.train";

  /** Simple names of the runtime classes a trainer refers to (see BackwardWriter's). */
  public static final List<String> RUNTIME_SIMPLE_NAMES =
      List.of("Buffers", "DerivedFrom", "Generated", "GeneratedTrainer", "TrainerState",
          "Optimizer", "List", "Objects");

  private final Function function;
  private final BackwardWriter.Target target;
  private final ClassName backwardClass;
  private final List<Var> trained = new ArrayList<>();
  /** Private fields of this class, named so that they clash with no parameter. */
  private final NameAllocator names = new NameAllocator();
  private final Map<Var, String> cells = new LinkedHashMap<>();
  private final Map<Var, String> gradientCells = new LinkedHashMap<>();
  private final String backward;
  /** The constructor's optimizer argument and accumulate's result, clear of parameter names. */
  private final String optimizerArgument;
  private final String value;

  /**
   * @param target where the trainer goes and what it came from; its simple name is the trainer's
   * @param backwardSimpleName the backward class of the same function, in the same package
   */
  public TrainerWriter(Function function, BackwardWriter.Target target, String backwardSimpleName) {
    this.function = function;
    this.target = target;
    this.backwardClass = ClassName.get(target.packageName(), backwardSimpleName);
    for (Var p : function.parameters()) {
      names.newName(p.name(), p);
      if (p.differentiable()) {
        trained.add(p);
      }
    }
    backward = names.newName("backward");
    optimizerArgument = names.newName("optimizer");
    value = names.newName("value");
    for (Var p : trained) {
      if (p.type() == Type.DOUBLE) {
        cells.put(p, names.newName(p.name() + "Cell"));
        gradientCells.put(p, names.newName(p.name() + "Gradient"));
      }
    }
  }

  /** A function with no differentiable parameter has nothing to train. */
  public static boolean hasTrainedParameters(Function function) {
    return function.parameters().stream().anyMatch(Var::differentiable);
  }

  public JavaFile write() {
    ClassName parameterEnum = ClassName.get(target.packageName(), target.simpleName(), "Parameter");
    TypeSpec.Builder type = TypeSpec.classBuilder(target.simpleName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ClassName.get(TRAIN, "GeneratedTrainer"))
        .addOriginatingElement(target.originatingElement())
        .alwaysQualify(target.qualified().toArray(String[]::new))
        .addJavadoc(
            "Trains the parameters of {@code $L} with a fused optimizer step, derived at compile"
                + " time by Adjoint.\n\n"
                + "<p>Call {@link #accumulate} once per example (or batch) of a mini-batch, then"
                + " {@link #step()}: it\napplies the mean of the accumulated gradients. Array"
                + " parameters are trained in place; scalar\nparameters in the public fields of"
                + " the same name. Not thread-safe: use one instance per thread.\n",
            target.sourceDisplay());
    if (target.generatedAnnotationAvailable()) {
      type.addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", target.processorName())
          .addMember("comments", "$S", "from " + target.sourceDisplay())
          .build());
    }
    type.addAnnotation(AnnotationSpec.builder(ClassName.get("io.github.adjoint", "DerivedFrom"))
        .addMember("type", "$S", target.originType())
        .addMember("method", "$S", target.originMethod())
        .build());
    type.addType(parameterEnum());
    addFields(type);
    type.addMethod(constructor());
    type.addMethod(accumulate());
    type.addMethod(regularizer("l1", "setL1", "λ·Σ|w| (gradient λ·sign(w), sign(0) = 0)",
        parameterEnum));
    type.addMethod(regularizer("l2", "setL2", "λ·Σw² (gradient 2λ·w)", parameterEnum));
    type.addMethod(coefficient("l1", "l1Of", parameterEnum));
    type.addMethod(coefficient("l2", "l2Of", parameterEnum));
    type.addMethod(scalarCopy("loadScalars", true));
    type.addMethod(scalarCopy("storeScalars", false));
    type.addMethods(StepKernels.all());
    return JavaFile.builder(target.packageName(), type.build())
        .addFileComment("Generated by Adjoint from $L. Do not edit.", target.sourceDisplay())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  private TypeSpec parameterEnum() {
    TypeSpec.Builder e = TypeSpec.enumBuilder("Parameter")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The differentiable parameters of {@code $L}, to choose which the L1 and L2"
            + " terms apply to.\n", target.sourceDisplay());
    for (Var p : trained) {
      e.addEnumConstant(p.name(), TypeSpec.anonymousClassBuilder("")
          .addJavadoc("{@code $L $L}.\n", p.type().javaName(), p.name()).build());
    }
    return e.build();
  }

  private void addFields(TypeSpec.Builder type) {
    for (Var p : trained) {
      if (p.type() == Type.DOUBLE) {
        type.addField(FieldSpec.builder(TypeName.DOUBLE, p.name(), Modifier.PUBLIC)
            .addJavadoc("The parameter {@code $L}, trained here: read it after a step, or set it"
                + " between steps.\n", p.name())
            .build());
      } else {
        type.addField(FieldSpec.builder(BackwardWriter.typeName(p.type()), p.name(), Modifier.PRIVATE,
                Modifier.FINAL)
            .addJavadoc("The caller's array, trained in place.\n")
            .build());
      }
    }
    type.addField(FieldSpec.builder(backwardClass, backward, Modifier.PRIVATE, Modifier.FINAL)
        .initializer("new $T()", backwardClass)
        .build());
    for (Var p : trained) {
      if (p.type() == Type.DOUBLE) {
        type.addField(FieldSpec.builder(double[].class, cells.get(p), Modifier.PRIVATE,
                Modifier.FINAL)
            .addJavadoc("{@code $L} as a row of one, for the kernels.\n", p.name())
            .initializer("new double[1]")
            .build());
        type.addField(FieldSpec.builder(double[].class, gradientCells.get(p), Modifier.PRIVATE,
                Modifier.FINAL)
            .addJavadoc("The gradient of {@code $L} as a row of one, for the kernels.\n", p.name())
            .initializer("new double[1]")
            .build());
      }
    }
  }

  private MethodSpec constructor() {
    ClassName kind = ClassName.get(TRAIN, "TrainerState", "Kind");
    ClassName list = ClassName.get("java.util", "List");
    ClassName objects = ClassName.get("java.util", "Objects");
    ClassName buffers = ClassName.get("io.github.adjoint", "Buffers");
    MethodSpec.Builder m = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Trains {@code $L} from the given starting values with {@code $L}.\n",
            target.sourceDisplay(), optimizerArgument);
    CodeBlock.Builder nameList = CodeBlock.builder();
    CodeBlock.Builder kindList = CodeBlock.builder();
    for (Var p : trained) {
      m.addParameter(BackwardWriter.typeName(p.type()), p.name());
      nameList.add(nameList.isEmpty() ? "$S" : ", $S", p.name());
      kindList.add(kindList.isEmpty() ? "$T.$L" : ", $T.$L", kind, kindOf(p.type()));
    }
    m.addParameter(ClassName.get("io.github.adjoint.optim", "Optimizer"), optimizerArgument);
    m.addStatement("super($S, $T.of($L), $T.of($L), $N)", target.sourceDisplay(), list,
        nameList.build(), list, kindList.build(), optimizerArgument);
    CodeBlock.Builder parameterRows = CodeBlock.builder();
    CodeBlock.Builder gradientRows = CodeBlock.builder();
    for (Var p : trained) {
      String separator = parameterRows.isEmpty() ? "" : ", ";
      if (p.type() == Type.DOUBLE) {
        m.addStatement("this.$N = $N", p.name(), p.name());
        parameterRows.add("$L{$N}", separator, cells.get(p));
        gradientRows.add("$L{$N}", separator, gradientCells.get(p));
        continue;
      }
      m.addStatement("this.$N = $T.requireNonNull($N, $S)", p.name(), objects, p.name(), p.name());
      m.addStatement("$N.$N = $T.shaped($N.$N, $N)", backward, p.name(), buffers, backward,
          p.name(), p.name());
      // A vector is one row; a matrix is its own rows.
      String rows = p.type() == Type.DOUBLE_ARRAY ? "$L{$N}" : "$L$N";
      String gradient = p.type() == Type.DOUBLE_ARRAY ? "$L{$N.$N}" : "$L$N.$N";
      parameterRows.add(rows, separator, p.name());
      gradientRows.add(gradient, separator, backward, p.name());
    }
    m.addComment("Each parameter as rows: a matrix's own rows, a vector as one, a scalar's cell.");
    m.addStatement("bind(new double[][][] {$L}, new double[][][] {$L})", parameterRows.build(),
        gradientRows.build());
    return m.build();
  }

  private MethodSpec accumulate() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("accumulate")
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.DOUBLE)
        .addJavadoc("Returns {@code $L} at the current parameters and adds its gradient to the"
            + " ones the next\n{@link #step()} averages.\n", callDisplay());
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (Var p : function.parameters()) {
      if (!p.differentiable()) {
        m.addParameter(ParameterSpec.builder(BackwardWriter.typeName(p.type()), p.name()).build());
      }
      arguments.add(arguments.isEmpty() ? "$L" : ", $L",
          p.differentiable() && p.type() == Type.DOUBLE ? "this." + p.name() : p.name());
    }
    m.addStatement("double $N = $N.accumulate($L)", value, backward, arguments.build());
    m.addStatement("accumulated()");
    m.addStatement("return $N", value);
    return m.build();
  }

  private String callDisplay() {
    StringBuilder s = new StringBuilder(target.sourceDisplay()).append('(');
    for (int i = 0; i < function.parameters().size(); i++) {
      s.append(i == 0 ? "" : ", ").append(function.parameters().get(i).name());
    }
    return s.append(')').toString();
  }

  private MethodSpec regularizer(String name, String setter, String term, ClassName parameterEnum) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(TypeName.DOUBLE, "lambda")
        .addParameter(parameterEnum, "first")
        .addParameter(ArrayTypeName.of(parameterEnum), "more")
        .varargs(true)
        .addJavadoc("Adds the lecture's $L term $L of the given parameters to the loss the steps"
            + " minimize\n(0 removes it). Not PyTorch's {@code weightDecay}, which adds"
            + " {@code weightDecay·w} to the gradient.\n\n"
            + "@throws IllegalArgumentException if {@code lambda} is negative, infinite or NaN\n",
            name.toUpperCase(java.util.Locale.ROOT), term)
        .addStatement("$N(lambda, ordinals(first, more))", setter)
        .build();
  }

  private MethodSpec coefficient(String name, String getter, ClassName parameterEnum) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.DOUBLE)
        .addParameter(parameterEnum, "parameter")
        .addJavadoc("The $L coefficient of {@code parameter}.\n",
            name.toUpperCase(java.util.Locale.ROOT))
        .addStatement("return $N(parameter.ordinal())", getter)
        .build();
  }

  private MethodSpec scalarCopy(String name, boolean intoCells) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED);
    for (Var p : cells.keySet()) {
      if (intoCells) {
        m.addStatement("$N[0] = this.$N", cells.get(p), p.name());
        m.addStatement("$N[0] = $N.$N", gradientCells.get(p), backward, p.name());
      } else {
        m.addStatement("this.$N = $N[0]", p.name(), cells.get(p));
        m.addStatement("$N.$N = $N[0]", backward, p.name(), gradientCells.get(p));
      }
    }
    return m.build();
  }

  private static String kindOf(Type type) {
    return switch (type) {
      case DOUBLE -> "SCALAR";
      case DOUBLE_ARRAY -> "VECTOR";
      default -> "MATRIX";
    };
  }
}
