package io.github.adjoint.processor.adjoint;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Pos;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.RecordPlan;
import java.util.List;

/**
 * One step of the reverse sweep, as data. Every node keeps the source statement it comes from
 * (the comment above it in generated code names that line).
 */
public sealed interface Node {
  Note note();

  /** Which source statement a node undoes, and what the comment above it says it does. */
  record Note(Pos pos, Role role) {}

  /** The comment prefix of each kind of reverse block. */
  enum Role {
    GRAD("grad of: "),
    NO_GRADIENT("no gradient through: "),
    RESTORE("restore before: "),
    /** A value the pass ended with, loaded where the pass's reverse begins. */
    PASS_END("last value of: "),
    STEP_BACK("step back: "),
    RETRACE_BRANCH("retrace branch of: "),
    RETRACE_LOOP("retrace loop: "),
    ZERO_REST("entries no pass assigned: "),
    /** Bookkeeping with no comment of its own (rebinding an alias, a chunk of a split sweep). */
    NONE("");

    public final String prefix;

    Role(String prefix) {
      this.prefix = prefix;
    }
  }

  /** {@code target += term} ({@code -=} when {@code subtract}). */
  record Accumulate(Note note, Adjoint target, Term term, boolean subtract) implements Node {}

  /**
   * {@code target = term} ({@code = -term} when {@code negate}): an accumulation into an adjoint
   * known to be zero. {@code declares}: the adjoint's declaration (straight-line code, first use).
   */
  record Assign(Note note, Adjoint target, Term term, boolean negate, boolean declares) implements Node {}

  /** {@code target = 0.0}: the value it belongs to is overwritten, or carries no gradient. */
  record Zero(Note note, Adjoint target) implements Node {}

  /** {@code double copy = source}: the upstream kept before {@code source} is zeroed. */
  record Take(Note note, Adjoint.Copy copy, Adjoint source) implements Node {}

  /** {@code double zValue = z}: a result a rule reads, kept before the overwritten value returns. */
  record Capture(Note note, Stmt write) implements Node {}

  /** The value {@code write} overwrote is put back, from its slot or tape. */
  record Restore(Note note, Stmt write) implements Node {}

  /** {@code i = i - c}: the integer step {@code step} undone. */
  record StepBack(Note note, Stmt.Assign step) implements Node {}

  /** A call inside a loop runs again, so that its gradient fields hold this pass's gradient. */
  record Recompute(Note note, Expr.DiffCall call) implements Node {}

  /** {@code Buffers.addScaled(array, upstream, callee.field)}: an array argument's gradient. */
  record AddScaled(Note note, Adjoint array, Adjoint upstream, Expr.DiffCall call, int parameter)
      implements Node {}

  /**
   * {@code if (upstream != 0.0) { body }}: a zero adjoint contributes zero, also where a local
   * gradient is infinite or NaN. {@code otherwise} runs when it is zero: in a sweep that assigns
   * gradients, the entries {@code body} would have assigned are set to zero.
   */
  record Guard(Note note, Adjoint upstream, List<Node> body, List<Node> otherwise) implements Node {
    public Guard(Note note, Adjoint upstream, List<Node> body) {
      this(note, upstream, body, List.of());
    }
  }

  /**
   * {@code Buffers.zeroFrom(array, count)}: in a sweep that assigns gradients, the entries of
   * {@code array} past the {@code count} passes of the loop that assigned the others.
   */
  record ZeroFrom(Note note, Adjoint array, RecordPlan.Recounted count) implements Node {}

  /** The branch {@code branch} retraced from its kept outcome (a slot, or a bit popped from a tape). */
  record RetraceBranch(Note note, Stmt.If branch, RecordPlan.Storage outcome, List<Node> then, List<Node> otherwise)
      implements Node {}

  /** A loop retraced: {@code trips} says how its trip count is known, {@code order} how it runs. */
  record RetraceLoop(
      Note note, Stmt.Loop loop, RecordPlan.TripCount trips, Order order, List<Node> update, List<Node> body)
      implements Node {}

  /** How a retraced loop runs its passes. */
  sealed interface Order {}

  /**
   * Last pass first. {@code counterFromStart}: the counter's constant start, from which the reverse
   * sets the counter to its end value itself (nothing saved it); null when it was saved or is not
   * read.
   */
  record Reversed(Stmt.Assign counterFromStart) implements Order {}

  /** Passes that commute, run forwards from the counter's constant start. */
  record ForwardFromStart(Stmt.Assign start) implements Order {}

  /** Passes that commute, run forwards from where the counter ended minus the trip count. */
  record Forward(Var counter) implements Order {}

  /**
   * A row alias bound again where the reverse of its block begins ({@code double[] row = m[i]}),
   * with its adjoint ({@code drow = dm[i]}) when it has one.
   */
  record Rebind(Note note, Stmt.Assign alias, boolean withAdjoint) implements Node {}

  /** Part of a large function's reverse sweep that becomes a method of its own. */
  record Chunk(Note note, List<Node> body) implements Node {}

  /** The nested node lists of a node, in the order the reverse sweep runs them. */
  static List<List<Node>> children(Node n) {
    if (n instanceof Guard g) {
      return g.otherwise().isEmpty() ? List.of(g.body()) : List.of(g.body(), g.otherwise());
    }
    if (n instanceof RetraceBranch b) {
      return List.of(b.then(), b.otherwise());
    }
    if (n instanceof RetraceLoop l) {
      return List.of(l.update(), l.body());
    }
    if (n instanceof Chunk c) {
      return List.of(c.body());
    }
    return List.of();
  }

  /** Visits every node of {@code nodes}, parents before their children, in running order. */
  static void walk(List<Node> nodes, java.util.function.Consumer<Node> visitor) {
    for (Node n : nodes) {
      visitor.accept(n);
      for (List<Node> child : children(n)) {
        walk(child, visitor);
      }
    }
  }
}
