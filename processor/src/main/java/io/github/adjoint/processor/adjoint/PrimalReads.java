package io.github.adjoint.processor.adjoint;

import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.RecordPlan;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What of the forward sweep a reverse sweep uses: the primal variables it reads or sets (operands,
 * indices, counters, bounds, restored values) and the statements whose kept records it reads (an
 * overwritten value, a branch outcome, a trip count). The reverse sweep's own method takes exactly
 * these as parameters.
 */
public record PrimalReads(Set<Var> variables, Set<Stmt> records) {
  public static PrimalReads of(AdjointSweep sweep) {
    PrimalReads reads = new PrimalReads(identitySet(), identitySet());
    for (AdjointSweep.Declaration d : sweep.declarations()) {
      if (d.start() == AdjointSweep.Start.ZEROED_BUFFER) {
        reads.variables.add(d.var()); // zeroed like the array itself
      } else if (d.binding() != null) {
        reads.expr(d.binding().value());
      }
    }
    Node.walk(sweep.body(), reads::node);
    return reads;
  }

  private static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private void node(Node n) {
    Nodes.reads(n).forEach(this::adjoint);
    if (Nodes.written(n) != null) {
      adjoint(Nodes.written(n));
    }
    if (n instanceof Node.Accumulate a) {
      term(a.term());
    } else if (n instanceof Node.Assign a) {
      term(a.term());
    } else if (n instanceof Node.Capture c) {
      target(c.write());
    } else if (n instanceof Node.Restore r) {
      target(r.write());
      records.add(r.write());
    } else if (n instanceof Node.StepBack s) {
      variables.add(s.step().target());
      expr(s.step().value());
    } else if (n instanceof Node.Recompute r) {
      r.call().args().forEach(this::expr);
      if (r.call().streamState() != null) {
        variables.add(r.call().streamState()); // the dropout stream's state before the call
      }
    } else if (n instanceof Node.RetraceBranch b) {
      records.add(b.branch());
    } else if (n instanceof Node.RetraceLoop l) {
      loop(l);
    } else if (n instanceof Node.ZeroFrom z) {
      adjoint(z.array());
      expr(z.count().bound());
    } else if (n instanceof Node.Rebind r) {
      variables.add(r.alias().target());
      expr(r.alias().value());
    }
  }

  private void loop(Node.RetraceLoop l) {
    records.add(l.loop());
    if (l.trips() instanceof RecordPlan.Recounted r) {
      expr(r.bound());
      expr(r.start().value());
    }
    if (l.order() instanceof Node.Reversed r && r.counterFromStart() != null) {
      variables.add(r.counterFromStart().target());
      expr(r.counterFromStart().value());
    } else if (l.order() instanceof Node.ForwardFromStart f) {
      variables.add(f.start().target());
      expr(f.start().value());
    } else if (l.order() instanceof Node.Forward f) {
      variables.add(f.counter());
    }
  }

  private void term(Term t) {
    adjoint(t.upstream());
    if (t instanceof Term.Rule r) {
      for (int i = 0; i < r.operands().size(); i++) {
        if (r.gradient().readsOperand(i)) {
          expr(r.operands().get(i));
        }
      }
      if (r.gradient().readsResult() && r.result() instanceof Term.Current c) {
        expr(c.atom());
      }
    }
  }

  /** An adjoint element is read at primal indices. */
  private void adjoint(Adjoint a) {
    if (a instanceof Adjoint.Element e) {
      e.indices().forEach(this::expr);
    }
  }

  private void target(Stmt write) {
    if (write instanceof Stmt.ArrayAssign w) {
      expr(new Expr.ArrayRead(w.array(), w.indices(), Type.DOUBLE));
    } else {
      variables.add(((Stmt.Assign) write).target());
    }
  }

  private void expr(Expr e) {
    Activity.refs(e, variables::add);
  }
}
