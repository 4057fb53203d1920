package io.github.adjoint.processor.adjoint;

import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Constant folding of zeros: which scalar adjoints are certainly zero at each node (forwards, to a
 * fixed point over loops), and then {@code dv += t} on a zero {@code dv} becomes {@code dv = t}
 * ({@code 0 + t}); {@code dv = 0.0} on a zero {@code dv} goes; so does whatever a zero upstream would
 * contribute ({@code 0 * g}): a guard on it, an accumulation of it, a parameter's transfer.
 */
final class KnownZeros {
  private KnownZeros() {}

  /**
   * A set of adjoints known to be zero, as changes over the set where its block began: a nested
   * block costs what it changes, not a copy of everything known.
   */
  static final class Zeros {
    private final Zeros parent;
    private final Set<Adjoint> added = new HashSet<>();
    private final Set<Adjoint> removed = new HashSet<>();

    private Zeros(Zeros parent) {
      this.parent = parent;
    }

    static Zeros of(Set<Adjoint> zero) {
      Zeros z = new Zeros(null);
      z.added.addAll(zero);
      return z;
    }

    boolean contains(Adjoint a) {
      if (added.contains(a)) {
        return true;
      }
      if (removed.contains(a)) {
        return false;
      }
      return parent != null && parent.contains(a);
    }

    void add(Adjoint a) {
      added.add(a);
      removed.remove(a);
    }

    void remove(Adjoint a) {
      removed.add(a);
      added.remove(a);
    }

    /** A block starting from what holds here. */
    Zeros child() {
      return new Zeros(this);
    }

    /** What a descendant removed since it began here (some may be back). */
    private Set<Adjoint> removedSince(Zeros ancestor) {
      Set<Adjoint> all = new HashSet<>();
      for (Zeros z = this; z != ancestor; z = z.parent) {
        all.addAll(z.removed);
      }
      return all;
    }

    /** Keeps only what is zero in every one of {@code outcomes}, descendants of this set. */
    void retainCommon(List<Zeros> outcomes) {
      retainCommon(outcomes, this);
    }

    /**
     * Keeps only what is zero in every one of {@code outcomes}, descendants of {@code since}, which
     * holds what this set holds.
     */
    void retainCommon(List<Zeros> outcomes, Zeros since) {
      Set<Adjoint> candidates = new HashSet<>();
      outcomes.forEach(o -> candidates.addAll(o.removedSince(since)));
      for (Adjoint a : candidates) {
        if (contains(a) && outcomes.stream().anyMatch(o -> !o.contains(a))) {
          remove(a);
        }
      }
    }

    Set<Adjoint> removedHere() {
      return removed;
    }
  }

  static AdjointSweep fold(AdjointSweep sweep) {
    Set<Adjoint> declared = new HashSet<>();
    for (AdjointSweep.Declaration d : sweep.declarations()) {
      if (d.start() == AdjointSweep.Start.ZERO) {
        declared.add(new Adjoint.Of(d.var()));
      }
    }
    Zeros zero = Zeros.of(declared);
    List<Node> body = transform(sweep.body(), zero, true);
    return sweep.with(sweep.declarations(), body,
        sweep.transfers().stream().filter(p -> !zero.contains(new Adjoint.Of(p))).toList());
  }

  /** Turns {@code zero}, what is certainly zero before {@code n}, into what is after it. */
  private static void step(Node n, Zeros zero) {
    if (n instanceof Node.Guard g) {
      if (!zero.contains(g.upstream())) { // else the body never runs
        zero.retainCommon(List.of(after(g.body(), zero)));
      }
    } else if (n instanceof Node.RetraceBranch b) {
      zero.retainCommon(List.of(after(b.then(), zero), after(b.otherwise(), zero)));
    } else if (n instanceof Node.RetraceLoop l) {
      zero.retainCommon(List.of(loopHead(l, zero)));
    } else if (n instanceof Node.Chunk c) {
      for (Node m : c.body()) {
        step(m, zero);
      }
    } else {
      Adjoint written = Nodes.written(n);
      boolean takesZero = n instanceof Node.Take t && zero.contains(t.source());
      if (written != null && !contributesNothing(n, zero)) {
        zero.remove(written);
      }
      if (n instanceof Node.Zero z && z.target() instanceof Adjoint.Of) {
        zero.add(z.target());
      }
      if (takesZero) {
        zero.add(((Node.Take) n).copy());
      }
    }
  }

  /** What is certainly zero after {@code nodes}, as a child of {@code before}. */
  private static Zeros after(List<Node> nodes, Zeros before) {
    Zeros zero = before.child();
    for (Node n : nodes) {
      step(n, zero);
    }
    return zero;
  }

  /** Zero where each pass starts: before the loop, and after every pass. */
  private static Zeros loopHead(Node.RetraceLoop l, Zeros before) {
    Zeros head = before.child();
    while (true) {
      Zeros next = before.child();
      next.retainCommon(List.of(after(DeadZeros.pass(l), head)), before);
      if (next.removedHere().equals(head.removedHere())) {
        return head;
      }
      head = next;
    }
  }

  /** An accumulation or buffer update whose upstream is zero: it adds nothing. */
  private static boolean contributesNothing(Node n, Zeros zero) {
    return (n instanceof Node.Accumulate a && zero.contains(a.term().upstream()))
        || (n instanceof Node.AddScaled s && zero.contains(s.upstream()));
  }

  /**
   * {@code topLevel}: the sweep's own list, where {@code dv = t} becomes a declaration. Nested, only
   * a temporary's copy {@code dt = du} is folded (copy propagation may remove it); {@code +=} reads
   * better there.
   */
  private static List<Node> transform(List<Node> nodes, Zeros zero, boolean topLevel) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      Node folded = fold(n, zero, topLevel);
      if (folded != null) {
        out.add(folded);
      }
      step(n, zero);
    }
    return out;
  }

  /** The node folded where {@code zero} holds before it; null when it does nothing. */
  private static Node fold(Node n, Zeros zero, boolean topLevel) {
    if (contributesNothing(n, zero)
        || (n instanceof Node.Guard g && zero.contains(g.upstream()))
        || (n instanceof Node.Zero z && zero.contains(z.target()))) {
      return null;
    }
    if (n instanceof Node.Accumulate a
        && zero.contains(a.target())
        && (topLevel || (a.term() instanceof Term.Rule r && r.isCopy() && isTemporary(a.target())))) {
      return new Node.Assign(a.note(), a.target(), a.term(), a.subtract(), false);
    }
    if (n instanceof Node.RetraceLoop l) {
      Zeros head = loopHead(l, zero);
      List<Node> update = transform(l.update(), head.child(), false);
      return Nodes.withChildren(n, List.of(update, transform(l.body(), after(l.update(), head), false)));
    }
    if (n instanceof Node.Chunk c) {
      // A chunk runs in line: it continues the top level's list (its changes are stepped after).
      return Nodes.withChildren(n, List.of(transform(c.body(), zero.child(), topLevel)));
    }
    if (n instanceof Node.RetraceBranch || n instanceof Node.Guard) {
      // Both branches and a guard's body start from what holds before them.
      return Nodes.mapChildren(n, c -> transform(c, zero.child(), false));
    }
    return n;
  }

  private static boolean isTemporary(Adjoint a) {
    return a instanceof Adjoint.Of o && o.var().kind() == Var.Kind.TEMP;
  }
}
