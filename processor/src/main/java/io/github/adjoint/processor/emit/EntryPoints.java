package io.github.adjoint.processor.emit;

import static io.github.adjoint.processor.emit.ForwardWriter.BUFFERS;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Modifier;

/**
 * The public methods of a backward class, {@code compute}, {@code accumulate} and {@code zero}, and
 * the parameter list the sweeps share with them.
 */
final class EntryPoints {
  private final List<Var> parameters;
  private final String sourceDisplay;

  EntryPoints(List<Var> parameters, String sourceDisplay) {
    this.parameters = parameters;
    this.sourceDisplay = sourceDisplay;
  }

  /** The function's parameters, as the generated methods declare them. */
  List<ParameterSpec> parameters() {
    List<ParameterSpec> params = new ArrayList<>();
    for (Var p : parameters) {
      params.add(ParameterSpec.builder(BackwardWriter.typeName(p.type()), p.name()).build());
    }
    return params;
  }

  /** {@code f(x, y)}'s argument list, {@code x, y}. */
  String arguments() {
    return String.join(", ", parameters.stream().map(Var::name).toList());
  }

  /** A public method returning the function's value; {@code verb} says what it does with the gradient. */
  MethodSpec.Builder builder(String name, String verb) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc("Returns {@code $L($L)} and $L the fields.\n", sourceDisplay, arguments(), verb)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.DOUBLE)
        .addParameters(parameters());
  }

  /** {@code compute} as zero, then accumulate. */
  MethodSpec computeByZeroing() {
    return builder("compute", "stores its gradient in")
        .addStatement("zero()")
        .addStatement("return accumulate($L)", arguments())
        .build();
  }

  /**
   * {@code compute} running the sweep that assigns the gradients of {@code assigned}: the others
   * are zeroed first, as it adds to them.
   */
  MethodSpec computeAssigning(Set<Var> assigned, String sweep) {
    MethodSpec.Builder compute = builder("compute", "stores its gradient in");
    CodeBlock zeroes = zeroStatements(p -> !assigned.contains(p));
    if (!zeroes.isEmpty()) {
      compute.addComment("The sweep assigns the other gradients: these it adds to.").addCode(zeroes);
    }
    return compute.addStatement("return $N($L, true)", sweep, arguments()).build();
  }

  /** {@code accumulate} running the sweep that adds to the gradients. */
  MethodSpec accumulateBySweep(String sweep) {
    return builder("accumulate", "adds its gradient to").addStatement("return $N($L, false)", sweep, arguments()).build();
  }

  MethodSpec zero() {
    return MethodSpec.methodBuilder("zero")
        .addJavadoc("Sets every gradient field to zero.\n")
        .addModifiers(Modifier.PUBLIC)
        .addCode(zeroStatements(p -> true))
        .build();
  }

  /** Zeroes the gradient fields of the parameters {@code which} accepts. */
  private CodeBlock zeroStatements(Predicate<Var> which) {
    CodeBlock.Builder zero = CodeBlock.builder();
    for (Var p : parameters) {
      if (p.differentiable() && which.test(p)) {
        if (p.type().isArray()) {
          zero.addStatement("$T.zero(this.$N)", BUFFERS, p.name());
        } else {
          zero.addStatement("this.$N = 0.0", p.name());
        }
      }
    }
    return zero.build();
  }
}
