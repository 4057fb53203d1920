package io.github.adjoint.processor.ir;

/**
 * Where a node came from: the source line and the statement's text, used for diagnostics and for
 * the comment above each adjoint block in generated code.
 */
public record Pos(long line, String statement) {}
