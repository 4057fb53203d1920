package io.github.adjoint.processor.emit;

import static io.github.adjoint.processor.plan.Operations.targetOf;

import com.palantir.javapoet.NameAllocator;
import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.derive.Lowering;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.RecordPlan;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every name of a generated class, given in program order so the output is deterministic: the
 * function's variables and their adjoints, array buffers, call sites, tapes, and the slots the
 * plan keeps values, branch outcomes and trip counts in.
 */
final class Names {
  /** The runtime tapes, one field each when used. */
  enum Tape {
    DOUBLES("DoubleTape", "doubles"),
    INTS("IntTape", "ints"),
    LONGS("LongTape", "longs"),
    BRANCHES("BranchTape", "branches");

    final String className;
    final String field;

    Tape(String className, String field) {
      this.className = className;
      this.field = field;
    }

    static Tape of(Type type) {
      return switch (type) {
        case DOUBLE -> DOUBLES;
        case INT -> INTS;
        case LONG -> LONGS;
        case BOOLEAN -> BRANCHES;
        default -> throw new IllegalStateException("arrays are never recorded whole: " + type);
      };
    }
  }

  /**
   * Where a value, branch outcome or trip count is kept: a slot, a tape, or the entry of a buffer
   * field ({@code slot}) at a pass's index ({@code pass}: its counter, or in a nest {@code n *
   * count + k}).
   */
  record Record(String slot, Tape tape, String pass) {
    Record(String slot, Tape tape) {
      this(slot, tape, null);
    }

    boolean onTape() {
      return tape != null;
    }

    /** A local slot: neither a tape nor a pass buffer. */
    boolean inSlot() {
      return tape == null && pass == null;
    }

    /** A pass buffer's entry, {@code this.aPasses[k]} or {@code this.aPasses[n * hidden + k]}. */
    String entry() {
      return "this." + slot + "[" + pass + "]";
    }
  }

  private final Function function;
  private final Lowering.Lowered lowered;
  private final RecordPlan plan;
  NameAllocator locals = new NameAllocator();
  final NameAllocator fields = new NameAllocator();
  final NameAllocator methods = new NameAllocator();
  private final Map<Var, String> names = new IdentityHashMap<>();
  private final Map<Var, String> adjoints = new IdentityHashMap<>();
  private final Map<Var, String> buffers = new IdentityHashMap<>();
  private final Map<Var, String> adjointBuffers = new IdentityHashMap<>();
  private final Map<Stmt, Record> records = new IdentityHashMap<>();
  private final Map<Stmt.Loop, List<PassBuffer>> passBuffers = new IdentityHashMap<>();
  /** Each pass buffer field and the type of its entries. */
  private final Map<String, Type> passBufferFields = new LinkedHashMap<>();
  private final Map<Stmt.If, Record> branches = new IdentityHashMap<>();
  /**
   * Trip counts: a counter's slot, or for a recounted loop the expression that computes the count
   * again from its bound ({@code b.length} for {@code for (int j = 0; j < b.length; j++)}).
   */
  private final Map<Stmt.Loop, Record> trips = new IdentityHashMap<>();
  private final Map<Expr.DiffCall, String> callSites = new IdentityHashMap<>();
  private final Map<Tape, String> tapeFields = new java.util.EnumMap<>(Tape.class);
  /** Scalars declared where first assigned (at the top level), with that assignment. */
  private final Map<Var, Stmt.Assign> declaredInPlace = new IdentityHashMap<>();
  final Renderer renderer;

  Names(Function function, Lowering.Lowered lowered, RecordPlan plan) {
    this.function = function;
    this.lowered = lowered;
    this.plan = plan;
    this.renderer = new Renderer(this::name, d -> "this." + callSites.get(d) + "()");
    for (String reserved : List.of("compute", "accumulate", "zero")) {
      methods.newName(reserved);
    }
    // Gradient fields carry the parameters' own names: claimed before any generated field.
    for (Var p : function.parameters()) {
      fields.newName(p.name(), p);
    }
    for (Tape t : Tape.values()) {
      tapeFields.put(t, fields.newName(t.field, t));
    }
    allocateVariables();
    Activity.forEachAssign(lowered.body(), a -> {
      if (a.value() instanceof Expr.DiffCall d) {
        callSites.put(d, fields.newName(d.callee().methodName() + "Call"));
      }
    });
    collectInPlace(lowered.body(), true, new java.util.HashSet<>(function.parameters()));
    nameRecords();
  }

  boolean split() {
    return plan.split();
  }

  /** The local names taken so far, to {@link #resumeLocals} from for another method's body. */
  NameAllocator localsSoFar() {
    return locals.clone();
  }

  /** Local names as they were at {@code snapshot}: a second reverse method reuses the first's. */
  void resumeLocals(NameAllocator snapshot) {
    locals = snapshot.clone();
  }

  /** Allocates the name of a variable of the sweeps: a local, or a field in split mode. */
  String variableName(String suggestion) {
    return (plan.split() ? fields : locals).newName(suggestion);
  }

  String name(Var v) {
    return names.computeIfAbsent(v, x -> variableName(x.name()));
  }

  /** The adjoint's name: {@code dv}; null if {@code v} has none. */
  String adjoint(Var v) {
    return adjoints.get(v);
  }

  String buffer(Var array) {
    return buffers.get(array);
  }

  String adjointBuffer(Var array) {
    return adjointBuffers.get(array);
  }

  String callSite(Expr.DiffCall call) {
    return callSites.get(call);
  }

  String tapeField(Tape t) {
    return tapeFields.get(t);
  }

  /** A pass buffer field and its length: one entry per pass of its loop nest. */
  record PassBuffer(String field, String length) {}

  /** The pass buffers filled in {@code loop}'s passes (and its inner loops'), sized before it. */
  List<PassBuffer> passBuffers(Stmt.Loop loop) {
    return passBuffers.getOrDefault(loop, List.of());
  }

  /** Every pass buffer field, in program order. */
  Map<String, Type> passBufferFields() {
    return passBufferFields;
  }

  Record record(Stmt write) {
    return records.get(write);
  }

  Record branch(Stmt.If i) {
    return branches.get(i);
  }

  Record trips(Stmt.Loop l) {
    return trips.get(l);
  }

  /** Whether {@code a} declares its target (a top-level scalar's first assignment). */
  boolean declaresInPlace(Stmt.Assign a) {
    return declaredInPlace.get(a.target()) == a;
  }

  boolean declaredInPlace(Var v) {
    return declaredInPlace.containsKey(v);
  }

  /** The function's variables in first-appearance order. */
  List<Var> variables() {
    return new ArrayList<>(Activity.variablesInOrder(function.parameters(), lowered.body()));
  }

  private void allocateVariables() {
    for (Var v : variables()) {
      names.put(v, variableName(v.name()));
    }
    for (Var v : variables()) {
      if (plan.hasAdjoint(v)) {
        adjoints.put(v, variableName("d" + v.name()));
      }
    }
    Activity.forEachAssign(lowered.body(), a -> {
      if (a.value() instanceof Expr.NewArray) {
        buffers.put(a.target(), fields.newName(names.get(a.target()) + "Buffer"));
        if (plan.varied().contains(a.target())) {
          adjointBuffers.put(a.target(), fields.newName(adjoints.get(a.target()) + "Buffer"));
        }
      }
    });
  }

  /** Scalars first assigned at the top level are declared there; the rest at the method's top. */
  private void collectInPlace(List<Stmt> body, boolean topLevel, Set<Var> seen) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a) {
        if (seen.add(a.target()) && topLevel && !plan.split() && a.target().kind() != Var.Kind.ALIAS) {
          declaredInPlace.put(a.target(), a);
        }
      } else if (s instanceof Stmt.If i) {
        collectInPlace(i.then(), false, seen);
        collectInPlace(i.otherwise(), false, seen);
      } else if (s instanceof Stmt.Loop l) {
        collectInPlace(l.body(), false, seen);
        collectInPlace(l.update(), false, seen);
      }
    }
  }

  /**
   * Names the plan's slots, in program order: saved values first, then branch outcomes and trip
   * counts. A {@code for} loop's counter is declared up front, where both sweeps see it.
   */
  private void nameRecords() {
    Stmt.walk(lowered.body(), s -> {
      RecordPlan.Saved saved = plan.saved(s);
      if (saved != null && saved.storage() == RecordPlan.Storage.PASS) {
        String field = fields.newName(
            (s instanceof Stmt.Assign a ? name(a.target()) : name(targetOf(s)) + "Element") + "Passes");
        passBufferFields.put(field, saved.type());
        // Outermost loop first: the entry of pass (n, k) is n * count(k) + k.
        List<Stmt.Loop> nest = new ArrayList<>();
        for (Stmt.Loop l = saved.loop(); l != null; l = plan.enclosingPass(l)) {
          nest.add(0, l);
        }
        String index = counter(nest.get(0));
        String length = nest.size() == 1 ? tripCount(nest.get(0)) : nonNegativeTripCount(nest.get(0));
        for (int depth = 1; depth < nest.size(); depth++) {
          Stmt.Loop l = nest.get(depth);
          // Where the inner loop runs, its count is positive: as a factor, it needs no clamp.
          String factor = TripCounts.factor((RecordPlan.Recounted) plan.trips(l), renderer);
          String outer = depth == 1 ? index : "(" + index + ")"; // a sum from the second level on
          index = outer + " * " + factor + " + " + counter(l);
          // An exact product: an index that overflowed would land on another pass's entry.
          length = "Math.multiplyExact(" + length + ", " + nonNegativeTripCount(l) + ")";
        }
        passBuffers.computeIfAbsent(nest.get(0), l -> new ArrayList<>()).add(new PassBuffer(field, length));
        records.put(s, new Record(field, null, index));
      } else if (saved != null) {
        records.put(s, saved.storage() == RecordPlan.Storage.TAPE
            ? new Record(null, Tape.of(saved.type()))
            : new Record(variableName(
                (s instanceof Stmt.Assign a ? name(a.target()) : name(targetOf(s)) + "Element") + "Before"), null));
      }
    });
    Stmt.walk(lowered.body(), s -> {
      if (s instanceof Stmt.If i && plan.branch(i) != null) {
        branches.put(i, plan.branch(i) == RecordPlan.Storage.TAPE
            ? new Record(null, Tape.BRANCHES)
            : new Record(variableName("branch" + (branches.size() + 1)), null));
      } else if (s instanceof Stmt.Loop l && plan.trips(l) != null) {
        if (plan.trips(l) instanceof RecordPlan.Recounted r) {
          trips.put(l, new Record(TripCounts.recount(r, renderer), null));
        } else {
          long counted = trips.keySet().stream().filter(x -> plan.trips(x) instanceof RecordPlan.Counted).count();
          String name = variableName("trips" + (counted + 1));
          boolean onTape = ((RecordPlan.Counted) plan.trips(l)).storage() == RecordPlan.Storage.TAPE;
          trips.put(l, new Record(name, onTape ? Tape.INTS : null));
        }
      }
      if (s instanceof Stmt.Loop l && plan.forLoopStart(l) != null) {
        declaredInPlace.remove(plan.forLoopStart(l).target());
      }
    });
  }

  private String counter(Stmt.Loop l) {
    return name(plan.countedFromConstant(l).target());
  }

  private String tripCount(Stmt.Loop l) {
    return TripCounts.recount((RecordPlan.Recounted) plan.trips(l), renderer);
  }

  private String nonNegativeTripCount(Stmt.Loop l) {
    return TripCounts.nonNegative(tripCount(l), (RecordPlan.Recounted) plan.trips(l));
  }

  /** Every local slot of a kept value, branch outcome or trip count, in program order. */
  Map<String, Type> slotDeclarations() {
    Map<String, Type> slots = new LinkedHashMap<>();
    forEachSlot((key, slot) -> slots.put(slot.slot(), slotType(key)));
    return slots;
  }

  /**
   * The statement whose slot it is, for every slot (not tape) of the plan, in program order. A list,
   * not a map: two statements can be equal records (both arms of {@code a = c ? a : a}) and still
   * have slots of their own.
   */
  List<Map.Entry<Stmt, String>> slotsByStatement() {
    List<Map.Entry<Stmt, String>> slots = new ArrayList<>();
    forEachSlot((key, slot) -> slots.add(Map.entry(key, slot.slot())));
    return slots;
  }

  private static Type slotType(Stmt key) {
    if (key instanceof Stmt.If) {
      return Type.BOOLEAN;
    }
    if (key instanceof Stmt.Loop) {
      return Type.INT;
    }
    return key instanceof Stmt.Assign a ? a.target().type() : Type.DOUBLE;
  }

  private void forEachSlot(java.util.function.BiConsumer<Stmt, Record> sink) {
    Stmt.walk(lowered.body(), s -> {
      Record r = records.get(s);
      if (r != null && r.inSlot()) {
        sink.accept(s, r);
      }
      if (s instanceof Stmt.If i && branches.get(i) != null && !branches.get(i).onTape()) {
        sink.accept(s, branches.get(i));
      } else if (s instanceof Stmt.Loop l && trips.get(l) != null && plan.trips(l) instanceof RecordPlan.Counted) {
        sink.accept(s, trips.get(l));
      }
    });
  }

  /** The array buffers, then their adjoints' buffers, in variable order. */
  List<Map.Entry<Var, String>> orderedBuffers() {
    List<Map.Entry<Var, String>> all = new ArrayList<>();
    for (Var v : variables()) {
      if (buffers.containsKey(v)) {
        all.add(Map.entry(v, buffers.get(v)));
      }
    }
    for (Var v : variables()) {
      if (adjointBuffers.containsKey(v)) {
        all.add(Map.entry(v, adjointBuffers.get(v)));
      }
    }
    return all;
  }

  /** The call sites in program order. */
  List<Expr.DiffCall> calls() {
    List<Expr.DiffCall> calls = new ArrayList<>();
    Activity.forEachAssign(lowered.body(), a -> {
      if (a.value() instanceof Expr.DiffCall d) {
        calls.add(d);
      }
    });
    return calls;
  }
}
