package io.github.adjoint.processor.adjoint;

import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copy propagation of adjoints assigned once: {@code dt5 = dt6}, where {@code t5} is a temporary
 * of lowering, goes, and what reads {@code dt5} reads {@code dt6}. It is sound when that copy is
 * the only write of {@code dt5} in the sweep, and every read of {@code dt5} follows it in the same
 * block (inside guards at most) before anything writes {@code dt6}. User variables keep their
 * adjoints ({@code dx = dq} is the chain rule a reader looks for).
 */
final class CopyPropagation {
  private final Map<Adjoint, Integer> writes = new HashMap<>();
  private final Map<Adjoint, Integer> reads = new HashMap<>();
  /** Each propagated copy's source, itself resolved. */
  private final Map<Adjoint, Adjoint> replaced = new HashMap<>();

  private CopyPropagation(List<Node> body) {
    Node.walk(body, n -> {
      if (Nodes.written(n) != null) {
        writes.merge(Nodes.written(n), 1, Integer::sum);
      }
      Nodes.reads(n).forEach(r -> reads.merge(r, 1, Integer::sum));
    });
  }

  static AdjointSweep apply(AdjointSweep sweep) {
    CopyPropagation p = new CopyPropagation(sweep.body());
    List<Node> body = p.propagate(sweep.body());
    if (p.replaced.isEmpty()) {
      return sweep;
    }
    return sweep.with(sweep.declarations(), Nodes.mapUpstreams(body, p::resolve), sweep.transfers());
  }

  private Adjoint resolve(Adjoint a) {
    Adjoint r = replaced.get(a);
    return r == null ? a : r;
  }

  /** {@code nodes} without the copies that are propagated (their reads are renamed afterwards). */
  private List<Node> propagate(List<Node> nodes) {
    List<Node> out = new ArrayList<>();
    for (int k = 0; k < nodes.size(); k++) {
      Node n = nodes.get(k);
      if (n instanceof Node.Assign a && isPropagatable(a, nodes.subList(k + 1, nodes.size()))) {
        Adjoint source = resolve(a.term().upstream());
        replaced.put(a.target(), source);
        reads.merge(source, reads.getOrDefault(a.target(), 0) - 1, Integer::sum);
        continue;
      }
      out.add(Nodes.mapChildren(n, this::propagate));
    }
    return out;
  }

  private boolean isPropagatable(Node.Assign a, List<Node> rest) {
    if (!(a.term() instanceof Term.Rule r) || !r.isCopy() || a.negate()
        || !(a.target() instanceof Adjoint.Of of) || of.var().kind() != Var.Kind.TEMP
        || writes.getOrDefault(a.target(), 0) != 1) {
      return false;
    }
    Adjoint source = resolve(a.term().upstream());
    if (source instanceof Adjoint.Element || source.equals(a.target())) {
      return false;
    }
    int expected = reads.getOrDefault(a.target(), 0);
    int[] seen = {0};
    boolean[] sourceWritten = {false};
    return walkInOrder(rest, a.target(), source, expected, seen, sourceWritten) && seen[0] == expected;
  }

  /**
   * Walks {@code nodes} in running order until all {@code expected} reads of {@code copy} are
   * seen: false if one is read after {@code source} was written (a node that reads it and then
   * writes {@code source} is fine: it evaluates before it stores), or inside a nested block other
   * than a guard.
   */
  private boolean walkInOrder(
      List<Node> nodes, Adjoint copy, Adjoint source, int expected, int[] seen, boolean[] written) {
    for (Node n : nodes) {
      if (seen[0] == expected) {
        return true;
      }
      long own = Nodes.reads(n).stream().map(this::resolve).filter(copy::equals).count();
      if (own > 0 && written[0]) {
        return false;
      }
      seen[0] += (int) own;
      if (n instanceof Node.Guard g) {
        if (!walkInOrder(g.body(), copy, source, expected, seen, written)) {
          return false;
        }
      } else if (!Node.children(n).isEmpty()) {
        List<Node> nested = Node.children(n).stream().flatMap(List::stream).toList();
        if (Nodes.anyReads(nested, copy)) {
          return false;
        }
        written[0] |= Nodes.anyWrites(nested, source);
      }
      written[0] |= source.equals(Nodes.written(n));
    }
    return true;
  }
}
