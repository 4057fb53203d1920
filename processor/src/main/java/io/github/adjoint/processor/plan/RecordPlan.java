package io.github.adjoint.processor.plan;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every decision the reverse sweep of one function rests on, made before any code is written:
 * which writes are active, which overwritten values are saved and where, which branch outcomes
 * and trip counts are kept, which loop counters are stepped back or recounted, which loops'
 * passes commute. Decisions only: the emitter names and renders them.
 */
public final class RecordPlan {
  /**
   * Where a kept value lives: a local slot outside loops, a primitive tape inside them, or a
   * buffer at the counter of an outermost counted loop ({@link PassSlots}).
   */
  public enum Storage {
    SLOT,
    TAPE,
    /**
     * One entry per pass of a counted loop, at the pass's counter (in a nest, at the counters of
     * the loops around it too): what a tape would push and pop, without the tape's bookkeeping.
     */
    PASS
  }

  /**
   * An overwritten value the reverse sweep needs back: its type and where it is kept; {@code
   * loop}: the loop whose passes index a {@link Storage#PASS} buffer, null otherwise.
   *
   * <p>{@code keptAfter}, for a value the pass itself declares ({@code double a = b1[k]}, or a
   * temporary): the value a pass overwrites is the one the previous pass ended with, so the
   * buffer keeps each pass's last value instead, right after {@code keptAfter} (the pass's last
   * top-level statement that writes it), and the reverse loads it where the pass's reverse
   * begins. The forward then stores a value it has at hand, rather than one it had to keep alive
   * through the rest of the pass. Null: kept before the write overwrites it, and put back there.
   */
  public record Saved(Type type, Storage storage, Stmt.Loop loop, Stmt keptAfter) {
    public Saved(Type type, Storage storage) {
      this(type, storage, null, null);
    }

    /** Whether the buffer keeps the value each pass ends with ({@link #keptAfter}). */
    public boolean atPassEnd() {
      return keptAfter != null;
    }
  }

  /** How the reverse sweep knows a loop's trip count. */
  public sealed interface TripCount {}

  /**
   * Computed again from the bound: {@code for (int i = start; i + offset < bound; i++)} ({@code
   * i < bound} has offset 0, {@code i + 1 < bound} 1, {@code i <= bound} -1), nothing leaves early,
   * and the bound holds the same value wherever the loop's reverse runs. The loop makes {@code
   * max(bound - offset - start, 0)} passes.
   */
  public record Recounted(Stmt.Assign start, Expr bound, int offset) implements TripCount {
    /**
     * Whether the counter starts at the constant 0: the passes then run it over {@code 0..count-1}.
     */
    public boolean fromZero() {
      return startsAtZero(start);
    }

    /** {@code start + offset}: the loop makes {@code max(bound - shift, 0)} passes. */
    public long shift() {
      return Long.parseLong(((Expr.Literal) start.value()).text()) + offset;
    }
  }

  /** Whether a counter's initialisation is the constant 0. */
  public static boolean startsAtZero(Stmt.Assign init) {
    return (init.value() instanceof Expr.Literal l && l.text().matches("0+"))
        || (init.value() instanceof Expr.Constant c && c.access().equals("0"));
  }

  /** Counted by the forward sweep and kept. */
  public record Counted(Storage storage) implements TripCount {}

  final boolean split;
  final Set<Var> varied;
  final Set<Stmt> useful;
  final Var result;
  final Map<Stmt, Saved> saved = new IdentityHashMap<>();
  final Set<Stmt> filledFirst = identitySet();
  final Map<Stmt, List<Stmt>> keptAfter = new IdentityHashMap<>();
  final Map<Stmt.If, Storage> branches = new IdentityHashMap<>();
  final Map<Stmt.Loop, TripCount> trips = new IdentityHashMap<>();
  final Map<Stmt.Loop, Stmt.Assign> countedFromConstant = new IdentityHashMap<>();
  final Map<Stmt.Loop, Var> orderFree = new IdentityHashMap<>();
  final Map<Stmt.Loop, Stmt.Loop> enclosingPass = new IdentityHashMap<>();
  final Map<Stmt.Loop, Stmt.Assign> forLoops = new IdentityHashMap<>();
  final Set<Stmt> steppedBack = identitySet();
  final Set<Stmt> kills = identitySet();

  RecordPlan(boolean split, Set<Var> varied, Set<Stmt> useful, Var result) {
    this.split = split;
    this.varied = varied;
    this.useful = useful;
    this.result = result;
  }

  static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** Large functions keep their values in fields and cut both sweeps into methods. */
  public boolean split() {
    return split;
  }

  public Set<Var> varied() {
    return Collections.unmodifiableSet(varied);
  }

  /** Whether {@code v} has an adjoint: it is varied, or it is the result. */
  public boolean hasAdjoint(Var v) {
    return varied.contains(v) || v == result;
  }

  /** A variable or an element of an array whose value depends on the parameters. */
  public boolean isVariedAtom(Expr e) {
    return (e instanceof Expr.Ref r && varied.contains(r.var()))
        || (e instanceof Expr.ArrayRead a && a.type() == Type.DOUBLE && varied.contains(a.array()));
  }

  /** A write that is useful and stores a value depending differentiably on the parameters. */
  public boolean active(Stmt s) {
    if (!useful.contains(s)) {
      return false;
    }
    if (s instanceof Stmt.Assign a) {
      return a.target().type() == Type.DOUBLE && io.github.adjoint.processor.analyze.Activity.isVaried(a.value(), varied);
    }
    return s instanceof Stmt.ArrayAssign w && io.github.adjoint.processor.analyze.Activity.isVaried(w.value(), varied);
  }

  /** Whether the reverse of a write reads the value it stores (exp, sqrt, max, ...). */
  public boolean readsResult(Stmt s) {
    return RecordPlanner.needsResult(s, this);
  }

  /** Where the value a write overwrites is kept, or null when nothing needs it back. */
  public Saved saved(Stmt s) {
    return saved.get(s);
  }

  /**
   * Whether the array a local allocation makes ({@code double[] h = new double[n]}) is filled by
   * the loop right after it before anything reads it: its reused buffer need not be zeroed.
   */
  public boolean filledFirst(Stmt allocation) {
    return filledFirst.contains(allocation);
  }

  /** The writes whose pass's last value is kept right after {@code s} ({@link Saved#keptAfter}). */
  public List<Stmt> keptAfter(Stmt s) {
    return keptAfter.getOrDefault(s, List.of());
  }

  /** The writes in {@code l}'s passes whose last value the reverse loads where a pass's reverse begins. */
  public List<Stmt> loadedAtPassStart(Stmt.Loop l) {
    // Such writes stand at the top level of their pass (PassSlots).
    return l.body().stream().filter(s -> saved.containsKey(s) && saved.get(s).atPassEnd()).toList();
  }

  /** Where the outcome of a branch the reverse sweep retraces is kept, or null. */
  public Storage branch(Stmt.If i) {
    return branches.get(i);
  }

  /** How a loop with a reverse knows its trip count, or null when its reverse is empty. */
  public TripCount trips(Stmt.Loop l) {
    return trips.get(l);
  }

  /**
   * The assignment starting a counted loop's counter at a constant, when the reverse sweep sets
   * the counter itself from it: nothing saves the counter around the loop.
   */
  public Stmt.Assign countedFromConstant(Stmt.Loop l) {
    return countedFromConstant.get(l);
  }

  /**
   * For a loop whose pass buffers are indexed by the counters of the loops around it as well
   * ({@link PassSlots}), the loop whose pass holds it; null for an outermost one.
   */
  public Stmt.Loop enclosingPass(Stmt.Loop l) {
    return enclosingPass.get(l);
  }

  /** The counter of a loop whose reversed passes commute (run forwards), or null. */
  public Var orderFreeCounter(Stmt.Loop l) {
    return orderFree.get(l);
  }

  /** The assignment that starts a loop the forward sweep prints as a {@code for} loop, or null. */
  public Stmt.Assign forLoopStart(Stmt.Loop l) {
    return forLoops.get(l);
  }

  /** An integer step {@code i = i + c} the reverse sweep undoes ({@code i = i - c}). */
  public boolean steppedBack(Stmt s) {
    return steppedBack.contains(s);
  }

  /**
   * An inactive write over a value that carries a gradient: its reverse zeroes that adjoint, so
   * it does not leak into earlier statements (in a loop, into the previous pass).
   */
  public boolean kills(Stmt s) {
    return kills.contains(s);
  }

  /** The types kept on tapes. */
  public Set<Type> tapeTypes() {
    Set<Type> types = java.util.EnumSet.noneOf(Type.class);
    saved.values().forEach(v -> {
      if (v.storage() == Storage.TAPE) {
        types.add(v.type());
      }
    });
    if (branches.containsValue(Storage.TAPE)) {
      types.add(Type.BOOLEAN);
    }
    if (trips.values().stream().anyMatch(t -> t instanceof Counted c && c.storage() == Storage.TAPE)) {
      types.add(Type.INT);
    }
    return types;
  }

  /** Whether any statement of {@code body} has reverse code: the reverse of a block is empty else. */
  public boolean hasReverse(List<Stmt> body) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign || s instanceof Stmt.ArrayAssign) {
        if (active(s) || saved.containsKey(s) || steppedBack.contains(s) || kills.contains(s)) {
          return true;
        }
      } else if (s instanceof Stmt.If i) {
        if (hasReverse(i.then()) || hasReverse(i.otherwise())) {
          return true;
        }
      } else if (s instanceof Stmt.Loop l && (hasReverse(l.body()) || hasReverse(l.update()))) {
        return true;
      }
    }
    return false;
  }
}
