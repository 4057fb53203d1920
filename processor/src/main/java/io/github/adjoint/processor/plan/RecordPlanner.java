package io.github.adjoint.processor.plan;

import static io.github.adjoint.processor.plan.Operations.operandsOf;
import static io.github.adjoint.processor.plan.Operations.ruleOf;
import static io.github.adjoint.processor.plan.Operations.targetOf;
import static io.github.adjoint.processor.plan.Operations.valueOf;

import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.rules.DerivativeRules.Rule;
import io.github.adjoint.processor.rules.LocalGradient;
import java.util.List;
import java.util.Set;

/**
 * Makes the {@link RecordPlan} of a lowered function. The heart is the to-be-recorded analysis:
 * a value the reverse sweep reads and a later write overwrites is saved first (in a slot outside
 * loops, on a tape inside them); one nobody reads back is not. Loop counters stepped by a constant
 * are stepped back instead, counted loops from a constant start set their counter themselves, and
 * trip counts are recomputed from bounds that cannot change.
 */
public final class RecordPlanner {
  /**
   * Above this many writes a function keeps its values in fields and both sweeps are cut into
   * methods: HotSpot never JIT-compiles a method over 8,000 bytes of bytecode (HugeMethodLimit).
   */
  public static final int SPLIT_THRESHOLD = 100;

  /** A split function's sweeps are cut into methods of at most this many writes each. */
  public static final int CHUNK_WRITES = 40;

  private final List<Stmt> body;
  private final RecordPlan plan;
  private final CountedLoops countedLoops;
  /** Variables some statement's reverse reads: an integer step of one of them is undone. */
  private final Set<Var> reverseReads = RecordPlan.identitySet();
  /** Writes of an element only their own pass reads back (see {@link #ownElementWrites}). */
  private final Set<Stmt> ownElementWrites = RecordPlan.identitySet();

  private RecordPlanner(List<Var> parameters, List<Stmt> body, Var result) {
    this.body = body;
    this.plan =
        new RecordPlan(
            Operations.weight(body) > SPLIT_THRESHOLD,
            Activity.varied(parameters, body),
            Activity.useful(body, result),
            result);
    this.countedLoops = new CountedLoops(body);
  }

  /** The plan of a lowered body whose value is {@code result}. */
  public static RecordPlan plan(List<Var> parameters, List<Stmt> body, Var result) {
    return new RecordPlanner(parameters, body, result).plan();
  }

  private RecordPlan plan() {
    findKills(body, 0);
    toBeRecorded(body, RecordPlan.identitySet(), 0);
    findCountedFromConstant(body);
    if (!plan.countedFromConstant.isEmpty()) {
      // Their reverse sets the counter itself: analyse again without saving it around them.
      plan.saved.clear();
      reverseReads.clear();
      toBeRecorded(body, RecordPlan.identitySet(), 0);
    }
    Stmt.walk(body, s -> {
      if (Operations.invertible(s) && reverseReads.contains(((Stmt.Assign) s).target())) {
        plan.steppedBack.add(s);
      }
    });
    branchesAndLoops(body, 0);
    LoopForms.findForLoops(plan, body);
    FilledArrays.find(plan, countedLoops, body);
    if (!plan.split) {
      PassSlots.keep(plan, body);
      LoopForms.findOrderFreePasses(plan, body);
    }
    return plan;
  }

  // ---------------------------------------------------------------- writes

  /**
   * An inactive write over a value that carries a gradient: the adjoint of what it overwrites must
   * not leak into earlier statements (in a loop, into the previous pass).
   */
  private void findKills(List<Stmt> list, int loopDepth) {
    for (Stmt s : list) {
      if (s instanceof Stmt.Assign || s instanceof Stmt.ArrayAssign) {
        if (kills(s, loopDepth)) {
          plan.kills.add(s);
        }
      } else if (s instanceof Stmt.If i) {
        findKills(i.then(), loopDepth);
        findKills(i.otherwise(), loopDepth);
      } else if (s instanceof Stmt.Loop l) {
        findKills(l.body(), loopDepth + 1);
        findKills(l.update(), loopDepth + 1);
      }
    }
  }

  private boolean kills(Stmt s, int loopDepth) {
    Var v = targetOf(s);
    if (plan.active(s) || !plan.hasAdjoint(v) || v.kind() == Var.Kind.ALIAS) {
      return false;
    }
    if (s instanceof Stmt.ArrayAssign) {
      return true;
    }
    if (v.type() != Type.DOUBLE || v == plan.result) {
      return false;
    }
    return loopDepth > 0 || !((Stmt.Assign) s).declaration();
  }

  /** The values the reverse sweep of an active statement reads. */
  private Set<Var> reads(Stmt s, int loopDepth) {
    Set<Var> reads = RecordPlan.identitySet();
    Expr value = valueOf(s);
    List<Expr> operands = operandsOf(value);
    if (value instanceof Expr.DiffCall call) {
      if (loopDepth > 0) {
        // The call runs again in the reverse sweep, for this pass's gradient (from the dropout
        // stream's state it started from, if it draws).
        call.args().forEach(a -> Activity.refs(a, reads::add));
        if (call.streamState() != null) {
          reads.add(call.streamState());
        }
      }
      for (Expr arg : call.args()) {
        if (arg instanceof Expr.ArrayRead row) {
          row.indices().forEach(x -> Activity.refs(x, reads::add));
        }
      }
    } else {
      Rule rule = ruleOf(value);
      for (int j = 0; j < operands.size(); j++) {
        LocalGradient gradient = rule.forOperand(j);
        if (gradient == null || !plan.isVariedAtom(operands.get(j))) {
          continue;
        }
        for (int i = 0; i < operands.size(); i++) {
          if (gradient.readsOperand(i)) {
            Activity.refs(operands.get(i), reads::add);
          }
        }
        if (operands.get(j) instanceof Expr.ArrayRead r) {
          r.indices().forEach(x -> Activity.refs(x, reads::add));
        }
      }
    }
    if (s instanceof Stmt.ArrayAssign w) {
      w.indices().forEach(x -> Activity.refs(x, reads::add));
    }
    return reads;
  }

  /** Whether the reverse of a write reads the value it stores (exp, sqrt, max, ...). */
  static boolean needsResult(Stmt s, RecordPlan plan) {
    Expr value = valueOf(s);
    Rule rule = ruleOf(value);
    if (rule == null) {
      return false;
    }
    List<Expr> operands = operandsOf(value);
    for (int j = 0; j < operands.size(); j++) {
      LocalGradient gradient = rule.forOperand(j);
      if (gradient != null && gradient.readsResult() && plan.isVariedAtom(operands.get(j))) {
        return true;
      }
    }
    return false;
  }

  /**
   * To-be-recorded analysis, forward: {@code needed} holds the variables whose current value the
   * reverse sweep of an earlier statement reads. A statement that overwrites one of them saves the
   * old value first; one that overwrites anything else records nothing.
   */
  private Set<Var> toBeRecorded(List<Stmt> list, Set<Var> needed, int loopDepth) {
    for (Stmt s : list) {
      if (s instanceof Stmt.Assign || s instanceof Stmt.ArrayAssign) {
        Var v = targetOf(s);
        if (v.kind() == Var.Kind.ALIAS) {
          // Bound again where the reverse sweep of its block begins: it reads its source there.
          Activity.refs(valueOf(s), x -> read(x, needed));
          continue;
        }
        if (plan.active(s)) {
          reads(s, loopDepth).forEach(x -> read(x, needed));
        }
        if (s instanceof Stmt.ArrayAssign w) {
          if (needed.contains(v)) {
            save(s, Type.DOUBLE, loopDepth);
          }
          if (!plan.active(s) && (plan.saved.containsKey(s) || plan.kills(s))) {
            // Its reverse zeroes the element's adjoint or restores the element: at these indices.
            w.indices().forEach(x -> Activity.refs(x, r -> read(r, needed)));
          }
          if (needsResult(s, plan) && !ownElementWrites.contains(s)) {
            needed.add(v);
          }
        } else if (!Operations.invertible(s)) {
          if (needed.contains(v)) {
            save(s, v.type(), loopDepth);
          }
          needed.remove(v);
          if (plan.active(s) && needsResult(s, plan)) {
            needed.add(v);
          }
        }
      } else if (s instanceof Stmt.If i) {
        Set<Var> afterThen = toBeRecorded(i.then(), copy(needed), loopDepth);
        Set<Var> afterElse = toBeRecorded(i.otherwise(), copy(needed), loopDepth);
        needed.clear();
        needed.addAll(afterThen);
        needed.addAll(afterElse);
      } else if (s instanceof Stmt.Loop l) {
        // Another pass may need what this one overwrote: iterate to a fixed point.
        Set<Var> entry = copy(needed);
        List<Stmt.ArrayAssign> own = ownElementWrites(l, entry, loopDepth + 1);
        while (true) {
          Set<Var> pass = toBeRecorded(l.body(), copy(entry), loopDepth + 1);
          pass = toBeRecorded(l.update(), pass, loopDepth + 1);
          pass.addAll(entry);
          if (pass.size() == entry.size()) {
            break;
          }
          entry = pass;
        }
        needed.addAll(entry);
        own.forEach(w -> needed.add(w.array())); // the loop's reverse reads every element written
        Stmt.Assign init = plan.countedFromConstant.get(l);
        if (init != null) {
          needed.remove(init.target());
        }
      }
    }
    return needed;
  }

  /**
   * The writes {@code a[i] = f(...)} at the counter {@code i} of a loop stepping it by one, that a
   * pass's own reverse reads back (f's rule reads its result) and nothing else in the loop reads or
   * writes: each pass writes an element no other pass touches, so none has to be saved for another
   * pass's reverse. Not when {@code a} is needed on entry (the previous example of a batch loop).
   * Marks them in {@link #ownElementWrites}, and unmarks the loop's other writes.
   */
  private List<Stmt.ArrayAssign> ownElementWrites(Stmt.Loop l, Set<Var> entry, int loopDepth) {
    Var counter = CountedLoops.unitStepCounter(l);
    List<Stmt.ArrayAssign> own = new java.util.ArrayList<>();
    for (Stmt s : l.body()) {
      if (!(s instanceof Stmt.ArrayAssign w)) {
        continue;
      }
      ownElementWrites.remove(w);
      Var a = w.array();
      boolean atCounter = counter != null
          && w.indices().size() == 1
          && w.indices().get(0) instanceof Expr.Ref r && r.var() == counter;
      if (atCounter
          && a.kind() == Var.Kind.LOCAL
          && !entry.contains(a)
          && needsResult(w, plan)
          && onlyWriteAndNoOtherReader(l, w, loopDepth)) {
        ownElementWrites.add(w);
        own.add(w);
      }
    }
    return own;
  }

  /** Whether {@code w} is the loop's only write of its array, and no reverse in the loop reads it. */
  private boolean onlyWriteAndNoOtherReader(Stmt.Loop l, Stmt.ArrayAssign w, int loopDepth) {
    Var a = w.array();
    boolean[] other = {false};
    List<Stmt> all = new java.util.ArrayList<>();
    Stmt.walk(l.body(), all::add);
    Stmt.walk(l.update(), all::add);
    for (Stmt x : all) {
      if (!(x instanceof Stmt.Assign || x instanceof Stmt.ArrayAssign)) {
        continue;
      }
      if (x != w && targetOf(x) == a) {
        return false;
      }
      if (targetOf(x).kind() == Var.Kind.ALIAS) {
        Activity.refs(valueOf(x), v -> other[0] |= v == a);
      } else if (plan.active(x) && reads(x, loopDepth).contains(a)) {
        return false;
      }
    }
    return !other[0];
  }

  private void read(Var v, Set<Var> needed) {
    needed.add(v);
    reverseReads.add(v);
  }

  private void save(Stmt s, Type type, int loopDepth) {
    plan.saved.putIfAbsent(
        s, new RecordPlan.Saved(type, loopDepth > 0 ? RecordPlan.Storage.TAPE : RecordPlan.Storage.SLOT));
  }

  private static Set<Var> copy(Set<Var> vars) {
    Set<Var> c = RecordPlan.identitySet();
    c.addAll(vars);
    return c;
  }

  // ---------------------------------------------------------------- loops and branches

  private void findCountedFromConstant(List<Stmt> list) {
    for (int k = 0; k < list.size(); k++) {
      Stmt s = list.get(k);
      if (s instanceof Stmt.Loop l) {
        Var counter = plan.split ? null : CountedLoops.unitStepCounter(l);
        if (counter != null
            && k > 0
            && list.get(k - 1) instanceof Stmt.Assign init
            && init.target() == counter
            && (init.value() instanceof Expr.Literal || init.value() instanceof Expr.Constant)) {
          plan.countedFromConstant.put(l, init);
        }
        findCountedFromConstant(l.body());
        findCountedFromConstant(l.update());
      } else if (s instanceof Stmt.If i) {
        findCountedFromConstant(i.then());
        findCountedFromConstant(i.otherwise());
      }
    }
  }

  /** Branches and loops whose reverse is not empty: their outcome or trip count must be known. */
  private void branchesAndLoops(List<Stmt> list, int loopDepth) {
    RecordPlan.Storage storage = loopDepth > 0 ? RecordPlan.Storage.TAPE : RecordPlan.Storage.SLOT;
    for (Stmt s : list) {
      if (s instanceof Stmt.If i) {
        if (plan.hasReverse(i.then()) || plan.hasReverse(i.otherwise())) {
          plan.branches.put(i, storage);
        }
        branchesAndLoops(i.then(), loopDepth);
        branchesAndLoops(i.otherwise(), loopDepth);
      } else if (s instanceof Stmt.Loop l) {
        if (plan.hasReverse(l.body()) || plan.hasReverse(l.update())) {
          RecordPlan.Recounted recount = countedLoops.recount(l, plan.countedFromConstant.get(l));
          plan.trips.put(l, recount != null ? recount : new RecordPlan.Counted(storage));
          Var counter = plan.split ? null : LoopForms.orderFreeCounter(plan, l);
          if (counter != null) {
            plan.orderFree.put(l, counter);
          }
        }
        branchesAndLoops(l.body(), loopDepth + 1);
        branchesAndLoops(l.update(), loopDepth + 1);
      }
    }
  }
}
