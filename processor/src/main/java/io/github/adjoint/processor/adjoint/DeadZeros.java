package io.github.adjoint.processor.adjoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Dead adjoints: a {@code dv = 0.0} that nothing reads afterwards is removed (liveness, backwards,
 * to a fixed point over loops). Only scalar adjoints are judged: an array's adjoint is storage that
 * outlives the sweep (a gradient field) or is read by index.
 */
final class DeadZeros {
  private DeadZeros() {}

  static AdjointSweep remove(AdjointSweep sweep) {
    Set<Adjoint> liveAtEnd = new HashSet<>();
    sweep.transfers().forEach(p -> liveAtEnd.add(new Adjoint.Of(p)));
    return sweep.with(sweep.declarations(), transform(sweep.body(), liveAtEnd), sweep.transfers());
  }

  /** The adjoints live before {@code nodes}, given those live after them. */
  static Set<Adjoint> liveBefore(List<Node> nodes, Set<Adjoint> liveAfter) {
    Set<Adjoint> live = new HashSet<>(liveAfter);
    for (int i = nodes.size() - 1; i >= 0; i--) {
      stepBack(nodes.get(i), live);
    }
    return live;
  }

  /** Turns {@code live}, the adjoints live after {@code n}, into those live before it. */
  private static void stepBack(Node n, Set<Adjoint> live) {
    if (n instanceof Node.Guard g) {
      live.addAll(liveBefore(g.body(), live)); // the body may not run
    } else if (n instanceof Node.RetraceBranch b) {
      Set<Adjoint> then = liveBefore(b.then(), live);
      Set<Adjoint> otherwise = liveBefore(b.otherwise(), live);
      live.clear();
      live.addAll(then);
      live.addAll(otherwise);
    } else if (n instanceof Node.RetraceLoop l) {
      Set<Adjoint> head = loopHead(l, live);
      live.clear();
      live.addAll(head);
    } else if (n instanceof Node.Chunk c) {
      Set<Adjoint> before = liveBefore(c.body(), live);
      live.clear();
      live.addAll(before);
    }
    Adjoint killed = Nodes.overwritten(n);
    if (killed != null) {
      live.remove(killed);
    }
    live.addAll(Nodes.reads(n));
  }

  /** Live where each pass starts: after the loop, or before another pass. */
  private static Set<Adjoint> loopHead(Node.RetraceLoop l, Set<Adjoint> after) {
    Set<Adjoint> head = new HashSet<>(after);
    while (true) {
      Set<Adjoint> next = new HashSet<>(after);
      next.addAll(liveBefore(pass(l), head));
      if (next.equals(head)) {
        return head;
      }
      head = next;
    }
  }

  /** One pass of a retraced loop: its update's reverse, then its body's. */
  static List<Node> pass(Node.RetraceLoop l) {
    List<Node> pass = new ArrayList<>(l.update());
    pass.addAll(l.body());
    return pass;
  }

  private static List<Node> transform(List<Node> nodes, Set<Adjoint> liveAfter) {
    List<Node> out = new ArrayList<>();
    Set<Adjoint> live = new HashSet<>(liveAfter);
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node n = nodes.get(i);
      if (n instanceof Node.Zero z && z.target() instanceof Adjoint.Of && !live.contains(z.target())) {
        continue;
      }
      if (n instanceof Node.RetraceLoop l) {
        Set<Adjoint> head = loopHead(l, live);
        out.add(Nodes.withChildren(n, List.of(
            transform(l.update(), liveBefore(l.body(), head)), transform(l.body(), head))));
      } else if (!Node.children(n).isEmpty()) {
        Set<Adjoint> after = Set.copyOf(live);
        out.add(Nodes.mapChildren(n, c -> transform(c, after)));
      } else {
        out.add(n);
      }
      stepBack(n, live);
    }
    Collections.reverse(out);
    return out;
  }
}
