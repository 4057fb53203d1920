package io.github.adjoint.processor.adjoint;

import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;

/**
 * The simplify pass over a reverse sweep, as Tangent's optimize step: dead adjoints ({@link
 * DeadZeros}), constant folding ({@link KnownZeros}, and the result's adjoint 1 where nothing adds
 * to it: {@code 1 * g} is {@code g}, its guard goes), copy propagation ({@link CopyPropagation}),
 * adjacent blocks under the same guard merged. Straight-line adjoints are then declared where they
 * are first assigned, and adjoints nothing mentions are not declared at all. Every rewrite keeps
 * the gradient the plain sweep computes, bit for bit.
 */
public final class Simplifier {
  /** Each round only removes or narrows nodes; a handful reach the fixed point. */
  private static final int MAX_ROUNDS = 10;

  private Simplifier() {}

  /**
   * The simplified sweep. {@code result}: the function's value; {@code split}: adjoints are fields
   * reset by the caller, so none is declared in place.
   */
  public static AdjointSweep simplify(AdjointSweep sweep, Var result, boolean split) {
    AdjointSweep s = sweep;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      AdjointSweep before = s;
      s = DeadZeros.remove(s);
      s = constantResult(s, result);
      s = KnownZeros.fold(s);
      s = DeadZeros.remove(s);
      s = CopyPropagation.apply(s);
      s = s.with(s.declarations(), mergeGuards(unwrapConstantGuards(s.body())), s.transfers());
      if (s.equals(before)) {
        break;
      }
    }
    return split ? s : placeDeclarations(s);
  }

  /**
   * The result's adjoint starts at 1; where no node writes it, it is the constant 1 wherever it is
   * read: its reads become the constant, and guards on it go.
   */
  static AdjointSweep constantResult(AdjointSweep sweep, Var result) {
    Adjoint dresult = new Adjoint.Of(result);
    boolean declared = sweep.declarations().stream().anyMatch(d -> d.var() == result);
    if (!declared || Nodes.anyWrites(sweep.body(), dresult)) {
      return sweep;
    }
    List<Node> body = unwrapConstantGuards(Nodes.mapUpstreams(sweep.body(), x -> x.equals(dresult) ? new Adjoint.One() : x));
    List<AdjointSweep.Declaration> declarations =
        sweep.declarations().stream().filter(d -> d.var() != result).toList();
    return sweep.with(declarations, body, sweep.transfers());
  }

  /** A guard on the constant 1 (a copy of the result's adjoint, propagated) always passes. */
  private static List<Node> unwrapConstantGuards(List<Node> nodes) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      Node m = Nodes.mapChildren(n, Simplifier::unwrapConstantGuards);
      if (m instanceof Node.Guard g && g.upstream() instanceof Adjoint.One) {
        out.addAll(g.body());
      } else {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * Adjacent guards on the same upstream become one, when the first does not write it: the test
   * would give the same answer twice.
   */
  static List<Node> mergeGuards(List<Node> nodes) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      Node m = Nodes.mapChildren(n, Simplifier::mergeGuards);
      if (m instanceof Node.Guard g
          && !out.isEmpty()
          && out.get(out.size() - 1) instanceof Node.Guard previous
          && previous.upstream().equals(g.upstream())
          && previous.otherwise().isEmpty()
          && g.otherwise().isEmpty()
          && !Nodes.anyWrites(previous.body(), g.upstream())) {
        List<Node> body = new ArrayList<>(previous.body());
        body.addAll(g.body());
        out.set(out.size() - 1, new Node.Guard(previous.note(), previous.upstream(), body));
      } else {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * A scalar adjoint whose first mention is an assignment at the top of the sweep is declared
   * there ({@code double dq = z}); one mentioned first anywhere else starts at zero before the
   * sweep; one never mentioned is not declared.
   */
  static AdjointSweep placeDeclarations(AdjointSweep sweep) {
    List<Node> body = new ArrayList<>(sweep.body());
    Map<Adjoint, Node> first = firstMentions(body);
    Map<Node, Integer> topLevel = new IdentityHashMap<>();
    for (int i = 0; i < body.size(); i++) {
      topLevel.put(body.get(i), i);
    }
    List<AdjointSweep.Declaration> declarations = new ArrayList<>();
    for (AdjointSweep.Declaration d : sweep.declarations()) {
      if (d.start() != AdjointSweep.Start.ZERO && d.start() != AdjointSweep.Start.ONE) {
        declarations.add(d);
        continue;
      }
      Node mention = first.get(new Adjoint.Of(d.var()));
      if (mention == null) {
        if (sweep.transfers().contains(d.var())) {
          declarations.add(d);
        }
      } else if (d.start() == AdjointSweep.Start.ZERO && mention instanceof Node.Assign a && topLevel.containsKey(a)) {
        body.set(topLevel.get(a), new Node.Assign(a.note(), a.target(), a.term(), a.negate(), true));
      } else {
        declarations.add(d);
      }
    }
    return sweep.with(declarations, body, sweep.transfers());
  }

  /** The node where each adjoint is first read or written, in running order. */
  private static Map<Adjoint, Node> firstMentions(List<Node> nodes) {
    Map<Adjoint, Node> first = new HashMap<>();
    Node.walk(nodes, n -> {
      Nodes.reads(n).forEach(r -> first.putIfAbsent(r, n));
      if (Nodes.written(n) != null) {
        first.putIfAbsent(Nodes.written(n), n);
      }
    });
    return first;
  }
}
