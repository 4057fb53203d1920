package io.github.adjoint.processor.adjoint;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.rules.LocalGradient;
import java.util.List;

/** "Upstream × local gradient": what one operand of an operation receives. */
public sealed interface Term {
  Adjoint upstream();

  /** The same term over another upstream (copy propagation, constant folding). */
  Term withUpstream(Adjoint upstream);

  /**
   * A derivative rule's contribution: its {@link LocalGradient} over the operation's operands (IR
   * atoms) and result. Its sign is the accumulation's.
   */
  record Rule(LocalGradient gradient, Adjoint upstream, List<Expr> operands, Value result) implements Term {
    @Override
    public Term withUpstream(Adjoint u) {
      return new Rule(gradient, u, operands, result);
    }

    /** The upstream passed on unchanged ({@code dv += dz}). */
    public boolean isCopy() {
      return gradient.isUpstream();
    }
  }

  /** A callee's partial derivative for one scalar argument: {@code upstream * call.field}. */
  record Callee(Expr.DiffCall call, int parameter, Adjoint upstream) implements Term {
    @Override
    public Term withUpstream(Adjoint u) {
      return new Callee(call, parameter, u);
    }
  }

  /** The value of an operation's result that a rule reads. */
  sealed interface Value {}

  /** The result as the primal variable or element holds it where the reverse reads it. */
  record Current(Expr atom) implements Value {}

  /** The result captured before its overwritten value was restored. */
  record Captured(Node.Capture capture) implements Value {}
}
