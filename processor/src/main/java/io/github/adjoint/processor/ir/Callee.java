package io.github.adjoint.processor.ir;

import java.util.List;

/**
 * Another {@code @Differentiable} method called from a body: its generated backward class and, per
 * parameter, the gradient field that holds its partial derivative (null when it has none).
 */
public record Callee(
    String display,
    String backwardPackage,
    String backwardSimpleName,
    String methodName,
    List<String> gradientFields) {
  /** The generated class's qualified name. */
  public String backwardName() {
    return backwardPackage.isEmpty() ? backwardSimpleName : backwardPackage + "." + backwardSimpleName;
  }
}
