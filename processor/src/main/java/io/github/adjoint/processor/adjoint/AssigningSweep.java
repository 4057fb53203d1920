package io.github.adjoint.processor.adjoint;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.RecordPlan;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sweep {@code compute} runs, where the gradient fields start from nothing rather than from
 * what earlier calls added. A gradient array that one loop nest writes entry by entry, each entry
 * once, is assigned ({@code dW[k][j] = …}) instead of zeroed first and added to: one store per
 * entry instead of a store, a load and a store. Entries past the loops' passes are zeroed after
 * them ({@link Node.ZeroFrom}); a guard that skips an entry sets it to zero ({@link
 * Node.Guard#otherwise}). Scalar gradients are assigned where the sweep hands them over.
 *
 * <p>An array qualifies when exactly one node of the sweep mentions its adjoint, an accumulation
 * into a whole entry, reached from the top only through retraced loops (and a guard right around
 * it); its i-th index is the counter of the i-th of those loops, a loop counted from 0 whose trip
 * count is recounted from a bound that does not change. Those loops visit distinct index tuples,
 * so each entry is written at most once; the rest are zeroed. A row alias of the array ({@code
 * double[] wk = W[k]}, rebound inside the loop over {@code k}) counts as its first indices.
 */
public final class AssigningSweep {
  /** The assigning sweep, and the parameters whose gradients it assigns rather than adds to. */
  public record Result(AdjointSweep sweep, Set<Var> assigned) {}

  /** Stands in the nesting path for a loop's update list. */
  private static final Node IN_UPDATE = new Node.Chunk(new Node.Note(null, Node.Role.NONE), List.of());

  private final AdjointSweep sweep;
  private final Map<Var, Stmt.Assign> aliasBindings = new IdentityHashMap<>();
  private final Map<Node, Node> replaced = new IdentityHashMap<>();
  private final Map<Node, List<Node>> zeroedWhenSkipped = new IdentityHashMap<>();
  private final Map<Node, List<Node>> zeroedAfter = new IdentityHashMap<>();

  private AssigningSweep(AdjointSweep sweep) {
    this.sweep = sweep;
  }

  /**
   * The assigning form of a simplified (not split) sweep over {@code parameters}, or null when no
   * gradient array qualifies: {@code compute} then zeroes and accumulates as before.
   */
  public static Result of(AdjointSweep sweep, List<Var> parameters) {
    AssigningSweep a = new AssigningSweep(sweep);
    Node.walk(sweep.body(), n -> {
      if (n instanceof Node.Rebind r) {
        a.aliasBindings.put(r.alias().target(), r.alias());
      }
    });
    for (AdjointSweep.Declaration d : sweep.declarations()) {
      if (d.binding() != null) {
        a.aliasBindings.put(d.var(), d.binding());
      }
    }
    Set<Var> assigned = new LinkedHashSet<>();
    for (AdjointSweep.Declaration d : sweep.declarations()) {
      if (d.start() == AdjointSweep.Start.GRADIENT_FIELD && parameters.contains(d.var()) && a.plan(d.var())) {
        assigned.add(d.var());
      }
    }
    if (assigned.isEmpty()) {
      return null;
    }
    assigned.addAll(sweep.transfers());
    return new Result(sweep.with(sweep.declarations(), a.rewrite(sweep.body()), sweep.transfers()), assigned);
  }

  /** A node with the loops and guard it is nested in, outermost first. */
  private record Site(Node node, List<Node> enclosing) {}

  /** Plans the assignments of {@code p}'s gradient; false, planning nothing, if it does not qualify. */
  private boolean plan(Var p) {
    List<Site> mentions = new ArrayList<>();
    List<Site> rebinds = new ArrayList<>();
    sites(sweep.body(), new ArrayList<>(), p, mentions, rebinds);
    if (mentions.size() != 1 || !(mentions.get(0).node() instanceof Node.Accumulate write)) {
      return false;
    }
    if (!(write.target() instanceof Adjoint.Element target) || baseOf(write.term().upstream()) == p) {
      return false;
    }
    List<Node> enclosing = mentions.get(0).enclosing();
    Node.Guard guard = null;
    if (!enclosing.isEmpty() && enclosing.get(enclosing.size() - 1) instanceof Node.Guard g) {
      guard = g;
      enclosing = enclosing.subList(0, enclosing.size() - 1);
    }
    List<Node.RetraceLoop> loops = new ArrayList<>();
    for (Node n : enclosing) {
      if (!(n instanceof Node.RetraceLoop l)) {
        return false;
      }
      loops.add(l);
    }
    // The full index of the entry: an alias's row indices, then the write's own.
    List<Expr> indices = new ArrayList<>();
    int aliasDepth = 0;
    if (target.array() != p) {
      Stmt.Assign binding = aliasBindings.get(target.array());
      if (!(binding.value() instanceof Expr.ArrayRead row) || row.array() != p || !reboundOnlyIn(rebinds, target.array(),
          loops, row.indices().size())) {
        return false;
      }
      indices.addAll(row.indices());
      aliasDepth = row.indices().size();
    }
    indices.addAll(target.indices());
    int rank = p.type() == Type.DOUBLE_MATRIX ? 2 : 1;
    if (indices.size() != rank || loops.size() != rank) {
      return false;
    }
    for (int m = 0; m < rank; m++) {
      if (!(loops.get(m).trips() instanceof RecordPlan.Recounted count)
          || !count.fromZero()
          || !(indices.get(m) instanceof Expr.Ref r && r.var() == count.start().target())) {
        return false;
      }
    }
    replaced.put(write, new Node.Assign(write.note(), write.target(), write.term(), write.subtract(), false));
    if (guard != null) {
      zeroedWhenSkipped.computeIfAbsent(guard, g -> new ArrayList<>()).add(new Node.Zero(write.note(), write.target()));
    }
    for (int m = 0; m < rank; m++) {
      Node.RetraceLoop loop = loops.get(m);
      Adjoint entries = aliasDepth == 0 || m < aliasDepth
          ? part(p, indices.subList(0, m))
          : part(target.array(), indices.subList(aliasDepth, m));
      RecordPlan.Recounted count = (RecordPlan.Recounted) loop.trips();
      if (!runsOverAll(count, entries)) {
        zeroedAfter.computeIfAbsent(loop, l -> new ArrayList<>()).add(
            new Node.ZeroFrom(new Node.Note(loop.note().pos(), Node.Role.ZERO_REST), entries, count));
      }
    }
    return true;
  }

  /**
   * Whether a loop up to {@code v.length} reaches every entry of {@code dv}: a gradient field or
   * alias row has the shape of the array it belongs to.
   */
  private static boolean runsOverAll(RecordPlan.Recounted count, Adjoint entries) {
    return count.offset() == 0
        && count.bound() instanceof Expr.Length n
        && n.array() instanceof Expr.Ref r
        && entries.equals(new Adjoint.Of(r.var()));
  }

  /** {@code d(array)} itself, or its sub-array at {@code indices}. */
  private static Adjoint part(Var array, List<Expr> indices) {
    return indices.isEmpty() ? new Adjoint.Of(array) : new Adjoint.Element(array, List.copyOf(indices));
  }

  /**
   * Whether the alias is rebound (with its adjoint) once, directly in the body of the loop whose
   * counter is its last row index, so that it names this pass's row.
   */
  private static boolean reboundOnlyIn(List<Site> rebinds, Var alias, List<Node.RetraceLoop> loops, int depth) {
    List<Site> own = rebinds.stream()
        .filter(s -> ((Node.Rebind) s.node()).alias().target() == alias)
        .toList();
    if (depth < 1 || depth > loops.size() || own.size() != 1 || own.get(0).enclosing().size() != depth) {
      return false;
    }
    for (int m = 0; m < depth; m++) {
      if (own.get(0).enclosing().get(m) != loops.get(m)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Collects the nodes that read or write {@code p}'s adjoint (through an alias too) and the
   * rebinds of {@code p}'s aliases, each with the nodes it is nested in.
   */
  private void sites(List<Node> nodes, List<Node> enclosing, Var p, List<Site> mentions, List<Site> rebinds) {
    for (Node n : nodes) {
      if (n instanceof Node.Rebind r) {
        if (baseOf(new Adjoint.Of(r.alias().target())) == p) {
          rebinds.add(new Site(n, List.copyOf(enclosing)));
        }
      } else {
        // An accumulation's reads include its upstream and its target.
        boolean mentioned = Nodes.reads(n).stream().anyMatch(a -> baseOf(a) == p) || baseOf(Nodes.written(n)) == p;
        if (mentioned) {
          mentions.add(new Site(n, List.copyOf(enclosing)));
        }
      }
      List<List<Node>> children = Node.children(n);
      for (int c = 0; c < children.size(); c++) {
        // A loop's update list runs on every pass: marked so that nothing in it qualifies.
        enclosing.add(n instanceof Node.RetraceLoop && c == 0 ? IN_UPDATE : n);
        sites(children.get(c), enclosing, p, mentions, rebinds);
        enclosing.remove(enclosing.size() - 1);
      }
    }
  }

  /** The array an adjoint belongs to, through row aliases; null for scalars and copies. */
  private Var baseOf(Adjoint a) {
    Var v = a instanceof Adjoint.Of o ? o.var() : a instanceof Adjoint.Element e ? e.array() : null;
    for (int hops = 0; v != null && aliasBindings.containsKey(v) && hops < 16; hops++) {
      Expr source = aliasBindings.get(v).value();
      v = source instanceof Expr.ArrayRead r ? r.array() : source instanceof Expr.Ref r ? r.var() : null;
    }
    return v;
  }

  /** The sweep with the planned assignments, zeroing branches and zeroing after loops. */
  private List<Node> rewrite(List<Node> nodes) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      Node m = replaced.getOrDefault(n, n);
      m = Nodes.mapChildren(m, this::rewrite);
      if (zeroedWhenSkipped.containsKey(n) && m instanceof Node.Guard g) {
        m = new Node.Guard(g.note(), g.upstream(), g.body(), List.copyOf(zeroedWhenSkipped.get(n)));
      }
      out.add(m);
      out.addAll(zeroedAfter.getOrDefault(n, List.of()));
    }
    return out;
  }
}
