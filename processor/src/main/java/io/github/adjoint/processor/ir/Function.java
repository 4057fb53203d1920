package io.github.adjoint.processor.ir;

import java.util.List;

/** A {@code @Differentiable} method read into the IR. */
public record Function(
    String ownerDisplay, String methodName, String fileName, List<Var> parameters, List<Stmt> body) {}
