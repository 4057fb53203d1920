package io.github.adjoint.processor.adjoint;

import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.RecordPlan;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What of the forward sweep a reverse sweep uses: the primal variables it reads or sets (operands,
 * indices, counters, bounds, restored values), the statements whose kept records it reads (an
 * overwritten value, a branch outcome, a trip count), and of those variables the ones whose
 * forward value it may read ({@code fromForward}): read before the sweep sets them, on some path.
 * The reverse sweep's own method takes the latter and the records as parameters and declares the
 * rest itself (a loop counter it starts afresh, a value it restores before it reads it), so the
 * forward sweep need not keep their last values alive to its end.
 */
public record PrimalReads(Set<Var> variables, Set<Stmt> records, Set<Var> fromForward) {
  public static PrimalReads of(AdjointSweep sweep) {
    PrimalReads reads = new PrimalReads(identitySet(), identitySet(), identitySet());
    Set<Var> assigned = identitySet();
    for (AdjointSweep.Declaration d : sweep.declarations()) {
      if (d.start() == AdjointSweep.Start.ZEROED_BUFFER) {
        reads.read(d.var(), assigned); // zeroed like the array itself
      } else if (d.binding() != null) {
        reads.expr(d.binding().value(), assigned);
      }
    }
    reads.nodes(sweep.body(), assigned);
    return reads;
  }

  /** What either of two sweeps uses (the two reverse sweeps of one function take the same parameters). */
  public PrimalReads and(PrimalReads other) {
    PrimalReads both = new PrimalReads(identitySet(), identitySet(), identitySet());
    for (PrimalReads r : List.of(this, other)) {
      both.variables.addAll(r.variables);
      both.records.addAll(r.records);
      both.fromForward.addAll(r.fromForward);
    }
    return both;
  }

  private static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /**
   * {@code assigned}: the variables every path so far has set. What a branch, a guard or a loop's
   * body sets is not set after it (it may not run), as Java's definite assignment has it: the
   * reverse method declares the variables it sets without a value, so javac checks this analysis.
   */
  private void nodes(List<Node> nodes, Set<Var> assigned) {
    for (Node n : nodes) {
      node(n, assigned);
    }
  }

  private void node(Node n, Set<Var> assigned) {
    Nodes.reads(n).forEach(a -> adjoint(a, assigned));
    if (Nodes.written(n) != null) {
      adjoint(Nodes.written(n), assigned);
    }
    if (n instanceof Node.Accumulate a) {
      term(a.term(), assigned);
    } else if (n instanceof Node.Assign a) {
      term(a.term(), assigned);
    } else if (n instanceof Node.Capture c) {
      target(c.write(), assigned);
    } else if (n instanceof Node.Restore r) {
      records.add(r.write());
      if (r.write() instanceof Stmt.Assign a) {
        set(a.target(), assigned);
      } else {
        target(r.write(), assigned);
      }
    } else if (n instanceof Node.StepBack s) {
      read(s.step().target(), assigned);
      expr(s.step().value(), assigned);
    } else if (n instanceof Node.Recompute r) {
      r.call().args().forEach(a -> expr(a, assigned));
      if (r.call().streamState() != null) {
        read(r.call().streamState(), assigned); // the dropout stream's state before the call
      }
    } else if (n instanceof Node.RetraceBranch b) {
      records.add(b.branch());
      Node.children(b).forEach(branch -> nodes(branch, copy(assigned)));
    } else if (n instanceof Node.RetraceLoop l) {
      loop(l, assigned);
    } else if (n instanceof Node.ZeroFrom z) {
      adjoint(z.array(), assigned);
      expr(z.count().bound(), assigned);
    } else if (n instanceof Node.Rebind r) {
      read(r.alias().target(), assigned);
      expr(r.alias().value(), assigned);
    } else if (n instanceof Node.Guard g) {
      Node.children(g).forEach(child -> nodes(child, copy(assigned)));
    } else if (n instanceof Node.Chunk c) {
      nodes(c.body(), assigned);
    }
  }

  /** The loop's header sets its counter where it starts it afresh; its passes may not run. */
  private void loop(Node.RetraceLoop l, Set<Var> assigned) {
    records.add(l.loop());
    if (l.trips() instanceof RecordPlan.Recounted r) {
      expr(r.bound(), assigned);
      expr(r.start().value(), assigned);
    }
    if (l.order() instanceof Node.Reversed r && r.counterFromStart() != null) {
      expr(r.counterFromStart().value(), assigned);
      set(r.counterFromStart().target(), assigned);
    } else if (l.order() instanceof Node.ForwardFromStart f) {
      expr(f.start().value(), assigned);
      set(f.start().target(), assigned);
    } else if (l.order() instanceof Node.Forward f) {
      read(f.counter(), assigned);
    }
    Set<Var> inPasses = copy(assigned);
    nodes(l.update(), inPasses);
    nodes(l.body(), inPasses);
  }

  private void term(Term t, Set<Var> assigned) {
    adjoint(t.upstream(), assigned);
    if (t instanceof Term.Rule r) {
      for (int i = 0; i < r.operands().size(); i++) {
        if (r.gradient().readsOperand(i)) {
          expr(r.operands().get(i), assigned);
        }
      }
      if (r.gradient().readsResult() && r.result() instanceof Term.Current c) {
        expr(c.atom(), assigned);
      }
    }
  }

  /** An adjoint element is read at primal indices. */
  private void adjoint(Adjoint a, Set<Var> assigned) {
    if (a instanceof Adjoint.Element e) {
      e.indices().forEach(i -> expr(i, assigned));
    }
  }

  /** The variable or element a write stores into, read as it is now. */
  private void target(Stmt write, Set<Var> assigned) {
    if (write instanceof Stmt.ArrayAssign w) {
      expr(new Expr.ArrayRead(w.array(), w.indices(), Type.DOUBLE), assigned);
    } else {
      read(((Stmt.Assign) write).target(), assigned);
    }
  }

  private void expr(Expr e, Set<Var> assigned) {
    Activity.refs(e, v -> read(v, assigned));
  }

  private void read(Var v, Set<Var> assigned) {
    variables.add(v);
    if (!assigned.contains(v)) {
      fromForward.add(v);
    }
  }

  private void set(Var v, Set<Var> assigned) {
    variables.add(v);
    assigned.add(v);
  }

  private static Set<Var> copy(Set<Var> set) {
    Set<Var> copy = identitySet();
    copy.addAll(set);
    return copy;
  }
}
