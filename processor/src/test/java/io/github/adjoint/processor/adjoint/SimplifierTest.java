package io.github.adjoint.processor.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.adjoint.AdjointSweep.Declaration;
import io.github.adjoint.processor.adjoint.AdjointSweep.Start;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Pos;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.RecordPlan;
import io.github.adjoint.processor.rules.DerivativeRules;
import io.github.adjoint.processor.rules.LocalGradient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simplify pass alone, on sweeps written by hand: each rewrite, and where it must not apply. */
class SimplifierTest {
  private static final Node.Note NOTE = new Node.Note(new Pos(1, "s;"), Node.Role.GRAD);
  private static final LocalGradient COPY = DerivativeRules.COPY.forOperand(0);
  /** d(a * b)/da = b. */
  private static final LocalGradient TIMES_SECOND = DerivativeRules.binary(Expr.BinaryOp.MUL).forOperand(0);

  private final Var x = new Var("x", Type.DOUBLE, Var.Kind.PARAMETER, true);
  private final Var y = new Var("y", Type.DOUBLE, Var.Kind.PARAMETER, true);
  private final Var s = new Var("s", Type.DOUBLE, Var.Kind.LOCAL, false);
  private final Var t5 = new Var("t5", Type.DOUBLE, Var.Kind.TEMP, false);
  private final Var t6 = new Var("t6", Type.DOUBLE, Var.Kind.TEMP, false);
  private final Var result = new Var("result", Type.DOUBLE, Var.Kind.RESULT, false);

  private static Adjoint d(Var v) {
    return new Adjoint.Of(v);
  }

  /** {@code target += upstream} (the rule of a copy or an addition). */
  private static Node.Accumulate add(Var target, Adjoint upstream) {
    Term term = new Term.Rule(COPY, upstream, List.of(new Expr.Ref(target)), new Term.Current(new Expr.Ref(target)));
    return new Node.Accumulate(NOTE, d(target), term, false);
  }

  /** {@code target += upstream * factor}. */
  private static Node.Accumulate addTimes(Var target, Adjoint upstream, Var factor) {
    List<Expr> operands = List.of(new Expr.Ref(target), new Expr.Ref(factor));
    Term term = new Term.Rule(TIMES_SECOND, upstream, operands, new Term.Current(new Expr.Literal(Type.DOUBLE, "0.0")));
    return new Node.Accumulate(NOTE, d(target), term, false);
  }

  private static Node.Guard guard(Adjoint upstream, Node... body) {
    return new Node.Guard(NOTE, upstream, List.of(body));
  }

  private static Node.Zero zero(Var v) {
    return new Node.Zero(NOTE, d(v));
  }

  private AdjointSweep sweep(List<Var> zeroAdjoints, Node... body) {
    List<Declaration> declarations = new ArrayList<>();
    zeroAdjoints.forEach(v -> declarations.add(new Declaration(v, Start.ZERO, null)));
    declarations.add(new Declaration(result, Start.ONE, null));
    return new AdjointSweep(declarations, List.of(body), List.of(x, y));
  }

  private AdjointSweep simplify(AdjointSweep sweep) {
    return Simplifier.simplify(sweep, result, false);
  }

  private static List<Node> all(AdjointSweep sweep) {
    List<Node> all = new ArrayList<>();
    Node.walk(sweep.body(), all::add);
    return all;
  }

  private static boolean mentions(AdjointSweep sweep, Adjoint a) {
    return all(sweep).stream().anyMatch(n -> Nodes.readsItself(n, a) || a.equals(Nodes.written(n)));
  }

  @Test
  void copyPropagationRemovesDt5EqualsDt6() {
    // dt6 = dresult * y ...; dt5 += dt6 (t6 = t5 + c); if (dt5 != 0) dx += dt5 * y
    AdjointSweep plain = sweep(List.of(x, y, t5, t6),
        addTimes(t6, d(result), y),
        add(t5, d(t6)),
        zero(t6),
        guard(d(t5), addTimes(x, d(t5), y)),
        zero(t5));
    AdjointSweep simple = simplify(plain);
    assertFalse(mentions(simple, d(t5)), () -> "dt5 = dt6 is still there: " + simple.body());
    Node.Guard g = (Node.Guard) simple.body().get(1);
    assertEquals(d(t6), g.upstream());
    assertEquals(d(t6), ((Node.Accumulate) g.body().get(0)).term().upstream());
  }

  @Test
  void aCopyWhoseSourceChangesBeforeItIsReadIsKept() {
    // dt5 = ds; ds += ...; dx += dt5 * y: dt5 holds the old ds, so it stays.
    AdjointSweep plain = sweep(List.of(x, y, s, t5),
        add(s, d(result)),
        add(t5, d(s)),
        addTimes(s, d(result), y),
        guard(d(t5), addTimes(x, d(t5), y)));
    AdjointSweep simple = simplify(plain);
    assertTrue(mentions(simple, d(t5)));
    Node.Guard g = all(simple).stream().filter(n -> n instanceof Node.Guard).map(Node.Guard.class::cast)
        .findFirst().orElseThrow();
    assertEquals(d(t5), g.upstream());
  }

  @Test
  void aUserVariablesAdjointIsNotPropagated() {
    // dx = dq is the chain rule a reader looks for: kept, though it is a copy.
    AdjointSweep plain = sweep(List.of(x, y, s), addTimes(s, d(result), y), add(x, d(s)));
    AdjointSweep simple = simplify(plain);
    Node.Assign dx = (Node.Assign) simple.body().get(1);
    assertEquals(d(x), dx.target());
    assertTrue(dx.declares(), "double dx = ds");
  }

  @Test
  void anAdjointNeverReadIsGone() {
    // ds = 0.0 after the last read of ds, and dt5, never mentioned: neither is left.
    AdjointSweep plain = sweep(List.of(x, y, s, t5),
        addTimes(s, d(result), y),
        guard(d(s), addTimes(x, d(s), y)),
        zero(s));
    AdjointSweep simple = simplify(plain);
    assertTrue(all(simple).stream().noneMatch(n -> n instanceof Node.Zero), () -> "a dead zero: " + simple.body());
    assertTrue(simple.declarations().stream().noneMatch(dcl -> dcl.var() == t5), "dt5 is never declared");
  }

  @Test
  void aZeroAReadInTheNextPassNeedsIsKept() {
    Stmt.Loop loop = new Stmt.Loop(new Expr.Literal(Type.BOOLEAN, "true"), List.of(), List.of(), true, NOTE.pos());
    Node.RetraceLoop retrace = new Node.RetraceLoop(NOTE, loop, new RecordPlan.Counted(RecordPlan.Storage.SLOT),
        new Node.Reversed(null), List.of(),
        List.of(addTimes(s, d(result), y), guard(d(s), addTimes(x, d(s), y)), addTimes(s, d(result), x), zero(s)));
    AdjointSweep simple = Simplifier.simplify(sweep(List.of(x, y, s), retrace), result, true);
    Node.RetraceLoop kept = (Node.RetraceLoop) simple.body().get(0);
    assertInstanceOf(Node.Zero.class, kept.body().get(kept.body().size() - 1),
        "the next pass's ds += ... reads ds: the zero stays");
  }

  @Test
  void theResultsAdjointIsTheConstantOneWhereNothingWritesIt() {
    AdjointSweep simple = simplify(sweep(List.of(x, y), guard(d(result), addTimes(x, d(result), y))));
    assertFalse(mentions(simple, d(result)));
    assertTrue(simple.declarations().stream().noneMatch(dcl -> dcl.var() == result));
    Node.Assign dx = (Node.Assign) simple.body().get(0);
    assertInstanceOf(Adjoint.One.class, dx.term().upstream(), "1 * y: the guard on 1 went");
    assertTrue(dx.declares(), "0 + 1 * y: dx is declared by its only contribution");
  }

  @Test
  void whatAZeroUpstreamContributesIsGone() {
    // ds never receives anything: its guard, and what it adds to dx, go; dx stays 0: no transfer.
    AdjointSweep simple = simplify(sweep(List.of(x, y, s), guard(d(s), addTimes(x, d(s), y)), add(y, d(result))));
    assertTrue(all(simple).stream().noneMatch(n -> n instanceof Node.Guard));
    assertEquals(List.of(y), simple.transfers());
  }

  @Test
  void adjacentGuardsOnOneUpstreamMerge() {
    AdjointSweep simple = simplify(sweep(List.of(x, y, s),
        addTimes(s, d(result), y),
        guard(d(s), addTimes(x, d(s), y)),
        guard(d(s), addTimes(y, d(s), x))));
    List<Node.Guard> guards = all(simple).stream().filter(n -> n instanceof Node.Guard).map(Node.Guard.class::cast).toList();
    assertEquals(1, guards.size(), () -> "not merged: " + simple.body());
    assertEquals(2, guards.get(0).body().size());
  }

  @Test
  void guardsAreNotMergedWhenTheFirstChangesTheUpstream() {
    AdjointSweep simple = simplify(sweep(List.of(x, y, s),
        addTimes(s, d(result), y),
        guard(d(s), addTimes(s, d(s), y)),
        guard(d(s), addTimes(x, d(s), y))));
    assertEquals(2, all(simple).stream().filter(n -> n instanceof Node.Guard).count());
  }

  @Test
  void nestedAccumulationsKeepPlusEquals() {
    // Inside a guard, dx += ... reads better than dx = ..., though dx is zero there.
    AdjointSweep simple = simplify(sweep(List.of(x, y, s),
        addTimes(s, d(result), y),
        guard(d(s), addTimes(x, d(s), y))));
    Node.Guard g = (Node.Guard) simple.body().get(1);
    assertInstanceOf(Node.Accumulate.class, g.body().get(0));
  }
}
