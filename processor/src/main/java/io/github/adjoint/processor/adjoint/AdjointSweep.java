package io.github.adjoint.processor.adjoint;

import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Var;
import java.util.List;

/**
 * The reverse sweep of one function as data: the adjoints declared before it, its nodes, and the
 * scalar parameters whose adjoints are added to the gradient fields after it.
 */
public record AdjointSweep(List<Declaration> declarations, List<Node> body, List<Var> transfers) {
  /** How an adjoint starts. */
  public enum Start {
    /** A scalar adjoint at zero. */
    ZERO,
    /** The result's adjoint: ∂result/∂result. */
    ONE,
    /** A parameter array's adjoint is its gradient field. */
    GRADIENT_FIELD,
    /** A local array's adjoint: a zeroed buffer of its shape. */
    ZEROED_BUFFER,
    /** A row alias bound at the top level: the row of its source's adjoint. */
    ALIAS_ROW
  }

  /**
   * An adjoint declared before the sweep's first node; {@code binding} is a top-level alias's
   * {@code row = m[i]}, null otherwise.
   */
  public record Declaration(Var var, Start start, Stmt.Assign binding) {}

  /** The same sweep with other declarations, nodes and transfers. */
  public AdjointSweep with(List<Declaration> declarations, List<Node> body, List<Var> transfers) {
    return new AdjointSweep(List.copyOf(declarations), List.copyOf(body), List.copyOf(transfers));
  }
}
