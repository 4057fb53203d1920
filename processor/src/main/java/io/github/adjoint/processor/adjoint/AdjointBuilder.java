package io.github.adjoint.processor.adjoint;

import static io.github.adjoint.processor.plan.Operations.operandsOf;
import static io.github.adjoint.processor.plan.Operations.ruleOf;
import static io.github.adjoint.processor.plan.Operations.targetOf;
import static io.github.adjoint.processor.plan.Operations.valueOf;

import io.github.adjoint.processor.adjoint.Node.Note;
import io.github.adjoint.processor.adjoint.Node.Role;
import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.derive.Lowering;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Pos;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.Operations;
import io.github.adjoint.processor.plan.RecordPlan;
import io.github.adjoint.processor.rules.DerivativeRules.Rule;
import io.github.adjoint.processor.rules.LocalGradient;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the reverse sweep of a lowered function from its {@link RecordPlan}, as an {@link
 * AdjointSweep}: statements in reverse order, each active write adding "upstream × local gradient"
 * into its operands' adjoints.
 *
 * <p>The sweep it builds is plain: every adjoint starts at zero (the result's at one) and is zeroed
 * after the value it belongs to is defined. {@link Simplifier} then removes what is not needed.
 * Only the rule-level choices are made here: an increment {@code v = v + e} passes v's adjoint
 * through; a write that reads its own target takes a copy of the upstream first; a nonlinear rule
 * is guarded by "upstream is not zero".
 */
public final class AdjointBuilder {
  private final RecordPlan plan;
  private final List<Var> parameters;
  private final Lowering.Lowered lowered;

  private AdjointBuilder(List<Var> parameters, Lowering.Lowered lowered, RecordPlan plan) {
    this.plan = plan;
    this.parameters = parameters;
    this.lowered = lowered;
  }

  /** The reverse sweep of a lowered function, before simplification. */
  public static AdjointSweep build(List<Var> parameters, Lowering.Lowered lowered, RecordPlan plan) {
    return new AdjointBuilder(parameters, lowered, plan).sweep();
  }

  private AdjointSweep sweep() {
    List<AdjointSweep.Declaration> declarations = new ArrayList<>();
    for (Var v : Activity.variablesInOrder(parameters, lowered.body())) {
      if (!plan.hasAdjoint(v)) {
        continue;
      }
      if (!v.type().isArray()) {
        declarations.add(new AdjointSweep.Declaration(
            v, v == lowered.result() ? AdjointSweep.Start.ONE : AdjointSweep.Start.ZERO, null));
      } else if (v.kind() == Var.Kind.PARAMETER) {
        declarations.add(new AdjointSweep.Declaration(v, AdjointSweep.Start.GRADIENT_FIELD, null));
      } else if (allocated(v)) {
        declarations.add(new AdjointSweep.Declaration(v, AdjointSweep.Start.ZEROED_BUFFER, null));
      } else if (v.kind() == Var.Kind.ALIAS && topLevelBinding(v) != null) {
        declarations.add(new AdjointSweep.Declaration(v, AdjointSweep.Start.ALIAS_ROW, topLevelBinding(v)));
      }
    }
    List<Var> transfers = parameters.stream().filter(p -> p.differentiable() && !p.type().isArray()).toList();
    return new AdjointSweep(declarations, block(lowered.body(), 0, 0), transfers);
  }

  private boolean allocated(Var array) {
    boolean[] found = {false};
    Activity.forEachAssign(lowered.body(), a -> found[0] |= a.target() == array && a.value() instanceof Expr.NewArray);
    return found[0];
  }

  private Stmt.Assign topLevelBinding(Var alias) {
    for (Stmt s : lowered.body()) {
      if (s instanceof Stmt.Assign a && a.target() == alias) {
        return a;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- blocks

  /** The reverse of a block; {@code depth}: how deep in branches and loops it is. */
  private List<Node> block(List<Stmt> body, int depth, int loopDepth) {
    List<Node> out = new ArrayList<>();
    if (Operations.isChunked(plan, body)) {
      if (depth > 0) {
        rebind(body, out);
      }
      List<List<Stmt>> chunks = Operations.chunks(body);
      for (int g = chunks.size() - 1; g >= 0; g--) {
        out.add(new Node.Chunk(note(chunks.get(g).get(0).pos(), Role.NONE), statements(chunks.get(g), loopDepth, depth)));
      }
      return out;
    }
    if (depth > 0 && plan.hasReverse(body)) {
      rebind(body, out);
    }
    out.addAll(statements(body, loopDepth, depth));
    return out;
  }

  /**
   * Aliases bound in a nested block are bound again where its reverse begins: their sources do not
   * change later in the block (the reader rejects that), so this is the same array.
   */
  private void rebind(List<Stmt> body, List<Node> out) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a && a.target().kind() == Var.Kind.ALIAS) {
        out.add(new Node.Rebind(note(a.pos(), Role.NONE), a, plan.hasAdjoint(a.target())));
      }
    }
  }

  private List<Node> statements(List<Stmt> body, int loopDepth, int depth) {
    List<Node> out = new ArrayList<>();
    for (int k = body.size() - 1; k >= 0; k--) {
      Stmt s = body.get(k);
      if (s instanceof Stmt.Assign a && a.target().kind() == Var.Kind.ALIAS) {
        continue;
      }
      if (s instanceof Stmt.Assign || s instanceof Stmt.ArrayAssign) {
        if (plan.steppedBack(s)) {
          out.add(new Node.StepBack(note(s.pos(), Role.STEP_BACK), (Stmt.Assign) s));
        } else {
          write(s, loopDepth, out);
        }
      } else if (s instanceof Stmt.If i && plan.branch(i) != null) {
        out.add(new Node.RetraceBranch(note(i.pos(), Role.RETRACE_BRANCH), i, plan.branch(i),
            block(i.then(), depth + 1, loopDepth), block(i.otherwise(), depth + 1, loopDepth)));
      } else if (s instanceof Stmt.Loop l && plan.trips(l) != null) {
        out.add(loop(l, depth, loopDepth));
      }
    }
    return out;
  }

  private Node loop(Stmt.Loop l, int depth, int loopDepth) {
    Note note = note(l.pos(), Role.RETRACE_LOOP);
    Stmt.Assign init = plan.countedFromConstant(l);
    Var counter = plan.orderFreeCounter(l);
    Node.Order order;
    List<Node> body = new ArrayList<>();
    for (Stmt write : plan.loadedAtPassStart(l)) {
      // The value the pass ended with, which the reverse of its statements reads.
      body.add(new Node.Restore(note(write.pos(), Role.PASS_END), write));
    }
    body.addAll(block(l.body(), depth + 1, loopDepth + 1));
    if (counter != null) {
      order = init != null ? new Node.ForwardFromStart(init) : new Node.Forward(counter);
      // An order-free loop has no update but its counter's step, which the forward order replays.
      return new Node.RetraceLoop(note, l, plan.trips(l), order, List.of(), body);
    }
    order = new Node.Reversed(init);
    return new Node.RetraceLoop(note, l, plan.trips(l), order, block(l.update(), depth + 1, loopDepth + 1), body);
  }

  // ---------------------------------------------------------------- one write

  private void write(Stmt s, int loopDepth, List<Node> out) {
    Pos pos = s.pos();
    RecordPlan.Saved saved = plan.saved(s);
    if (!plan.active(s)) {
      if (plan.kills(s)) {
        // No derivative flows through this value, and it ends the overwritten value's.
        out.add(new Node.Zero(note(pos, Role.NO_GRADIENT), adjointOfTarget(s)));
      }
      if (saved != null && !saved.atPassEnd()) {
        out.add(new Node.Restore(note(pos, Role.RESTORE), s));
      }
      return;
    }
    Note grad = note(pos, Role.GRAD);
    Expr value = valueOf(s);
    List<Expr> operands = operandsOf(value);
    Term.Value result = new Term.Current(targetAtom(s));
    int increment = Operations.incrementOperand(s);
    if (increment >= 0 && saved == null) {
      // v = v + e: the adjoint of v passes through unchanged, only e's operands receive.
      Rule rule = ruleOf(value);
      for (int i = 0; i < operands.size(); i++) {
        if (i != increment) {
          contribute(grad, operands.get(i), rule.forOperand(i), adjointOfTarget(s), operands, result, out);
        }
      }
      return;
    }
    Var v = targetOf(s);
    Adjoint upstream = adjointOfTarget(s);
    boolean selfReference = operands.stream().anyMatch(o -> o instanceof Expr.Ref r && r.var() == v);
    boolean zeroAfter = true;
    if (s instanceof Stmt.ArrayAssign || selfReference) {
      // The adjoint is read, then zeroed before the operands (the target among them) receive.
      Adjoint.Copy copy = new Adjoint.Copy();
      out.add(new Node.Take(grad, copy, upstream));
      out.add(new Node.Zero(grad, upstream));
      upstream = copy;
      zeroAfter = false;
    }
    if (saved != null && !saved.atPassEnd()) {
      if (plan.readsResult(s)) {
        Node.Capture capture = new Node.Capture(grad, s);
        out.add(capture);
        result = new Term.Captured(capture);
      }
      out.add(new Node.Restore(grad, s));
    }
    List<Node> contributions = new ArrayList<>();
    if (value instanceof Expr.DiffCall call) {
      call(grad, call, upstream, loopDepth, contributions);
    } else {
      Rule rule = ruleOf(value);
      for (int i = 0; i < operands.size(); i++) {
        contribute(grad, operands.get(i), rule.forOperand(i), upstream, operands, result, contributions);
      }
    }
    if (Operations.isLinear(value)) {
      out.addAll(contributions);
    } else if (!contributions.isEmpty()) {
      out.add(new Node.Guard(grad, upstream, contributions));
    }
    if (zeroAfter) {
      // The value before this write is another value: its adjoint starts from zero.
      out.add(new Node.Zero(grad, upstream));
    }
  }

  private void call(Note grad, Expr.DiffCall call, Adjoint upstream, int loopDepth, List<Node> out) {
    if (loopDepth > 0) {
      // The call site ran once per pass: run it again for this pass's gradient.
      out.add(new Node.Recompute(grad, call));
    }
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (call.callee().gradientFields().get(i) == null) {
        continue;
      }
      if (arg.type().isArray()) {
        if (isVariedArray(arg)) {
          // The callee's gradient has the argument's shape: add it, scaled, to the adjoint.
          out.add(new Node.AddScaled(grad, adjointOfArray(arg), upstream, call, i));
        }
      } else if (plan.isVariedAtom(arg)) {
        out.add(new Node.Accumulate(grad, adjointOf(arg), new Term.Callee(call, i, upstream), false));
      }
    }
  }

  private void contribute(
      Note grad, Expr operand, LocalGradient gradient, Adjoint upstream, List<Expr> operands,
      Term.Value result, List<Node> out) {
    if (gradient == null || !plan.isVariedAtom(operand)) {
      return;
    }
    Term term = new Term.Rule(gradient, upstream, operands, result);
    out.add(new Node.Accumulate(grad, adjointOf(operand), term, gradient.negated()));
  }

  // ---------------------------------------------------------------- adjoints

  private static Note note(Pos pos, Role role) {
    return new Note(pos, role);
  }

  /** The adjoint of a varied atom: {@code dv}, or the element {@code dA[i]}. */
  private static Adjoint adjointOf(Expr atom) {
    if (atom instanceof Expr.ArrayRead r) {
      return new Adjoint.Element(r.array(), r.indices());
    }
    return new Adjoint.Of(((Expr.Ref) atom).var());
  }

  private static Adjoint adjointOfTarget(Stmt s) {
    return adjointOf(targetAtom(s));
  }

  /** What a write stores into, as an atom: {@code v}, or {@code a[i]}. */
  private static Expr targetAtom(Stmt s) {
    if (s instanceof Stmt.ArrayAssign w) {
      return new Expr.ArrayRead(w.array(), w.indices(), Type.DOUBLE);
    }
    return new Expr.Ref(((Stmt.Assign) s).target());
  }

  private boolean isVariedArray(Expr e) {
    return (e instanceof Expr.Ref r && plan.varied().contains(r.var()))
        || (e instanceof Expr.ArrayRead a && plan.varied().contains(a.array()));
  }

  /** The adjoint of an array argument: {@code dw}, or the row {@code dm[i]}. */
  private static Adjoint adjointOfArray(Expr e) {
    if (e instanceof Expr.Ref r) {
      return new Adjoint.Of(r.var());
    }
    Expr.ArrayRead row = (Expr.ArrayRead) e;
    return new Adjoint.Element(row.array(), row.indices());
  }
}
