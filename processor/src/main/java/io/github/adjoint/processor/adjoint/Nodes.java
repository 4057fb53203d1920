package io.github.adjoint.processor.adjoint;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** What each node reads and writes of the adjoints, and nodes rebuilt around new parts. */
final class Nodes {
  private Nodes() {}

  /** The adjoints a node reads itself (not its children); {@code +=} reads its target. */
  static List<Adjoint> reads(Node n) {
    if (n instanceof Node.Accumulate a) {
      return List.of(a.term().upstream(), a.target());
    }
    if (n instanceof Node.Assign a) {
      return List.of(a.term().upstream());
    }
    if (n instanceof Node.Take t) {
      return List.of(t.source());
    }
    if (n instanceof Node.AddScaled s) {
      return List.of(s.upstream(), s.array());
    }
    if (n instanceof Node.Guard g) {
      return List.of(g.upstream());
    }
    return List.of();
  }

  /** The adjoint a node writes itself, or null. */
  static Adjoint written(Node n) {
    if (n instanceof Node.Accumulate a) {
      return a.target();
    }
    if (n instanceof Node.Assign a) {
      return a.target();
    }
    if (n instanceof Node.Zero z) {
      return z.target();
    }
    if (n instanceof Node.Take t) {
      return t.copy();
    }
    if (n instanceof Node.AddScaled s) {
      return s.array();
    }
    return null;
  }

  /** The adjoint a node overwrites whatever it held before ({@code =}, not {@code +=}), or null. */
  static Adjoint overwritten(Node n) {
    if (n instanceof Node.Assign a) {
      return a.target();
    }
    if (n instanceof Node.Zero z) {
      return z.target();
    }
    return null;
  }

  /** Whether a node reads {@code x} itself. */
  static boolean readsItself(Node n, Adjoint x) {
    return reads(n).contains(x);
  }

  /** Whether a node or any node nested in it satisfies {@code test}. */
  static boolean any(Node n, Predicate<Node> test) {
    boolean[] found = {false};
    Node.walk(List.of(n), m -> found[0] |= test.test(m));
    return found[0];
  }

  /** Whether any node of {@code nodes}, nested ones too, reads {@code x}. */
  static boolean anyReads(List<Node> nodes, Adjoint x) {
    return nodes.stream().anyMatch(n -> any(n, m -> readsItself(m, x)));
  }

  /** Whether any node of {@code nodes}, nested ones too, writes {@code x}. */
  static boolean anyWrites(List<Node> nodes, Adjoint x) {
    return nodes.stream().anyMatch(n -> any(n, m -> x.equals(written(m))));
  }

  /** The node with its nested lists replaced, in the order of {@link Node#children}. */
  static Node withChildren(Node n, List<List<Node>> children) {
    if (n instanceof Node.Guard g) {
      return new Node.Guard(g.note(), g.upstream(), children.get(0), children.size() > 1 ? children.get(1) : List.of());
    }
    if (n instanceof Node.RetraceBranch b) {
      return new Node.RetraceBranch(b.note(), b.branch(), b.outcome(), children.get(0), children.get(1));
    }
    if (n instanceof Node.RetraceLoop l) {
      return new Node.RetraceLoop(l.note(), l.loop(), l.trips(), l.order(), children.get(0), children.get(1));
    }
    if (n instanceof Node.Chunk c) {
      return new Node.Chunk(c.note(), children.get(0));
    }
    return n;
  }

  /** The node with {@code f} applied to its nested lists. */
  static Node mapChildren(Node n, UnaryOperator<List<Node>> f) {
    List<List<Node>> children = Node.children(n);
    if (children.isEmpty()) {
      return n;
    }
    List<List<Node>> mapped = new ArrayList<>();
    for (List<Node> c : children) {
      mapped.add(f.apply(c));
    }
    return withChildren(n, mapped);
  }

  /**
   * Every node with the upstreams it reads mapped by {@code f} (targets stay): the adjoint one
   * replaced by the adjoint or constant it equals.
   */
  static List<Node> mapUpstreams(List<Node> nodes, UnaryOperator<Adjoint> f) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      Node m = n;
      if (n instanceof Node.Accumulate a) {
        m = new Node.Accumulate(a.note(), a.target(), a.term().withUpstream(f.apply(a.term().upstream())), a.subtract());
      } else if (n instanceof Node.Assign a) {
        m = new Node.Assign(a.note(), a.target(), a.term().withUpstream(f.apply(a.term().upstream())), a.negate(),
            a.declares());
      } else if (n instanceof Node.AddScaled s) {
        m = new Node.AddScaled(s.note(), s.array(), f.apply(s.upstream()), s.call(), s.parameter());
      } else if (n instanceof Node.Guard g) {
        m = new Node.Guard(g.note(), f.apply(g.upstream()), g.body(), g.otherwise());
      } else if (n instanceof Node.Take t) {
        m = new Node.Take(t.note(), t.copy(), f.apply(t.source()));
      }
      out.add(mapChildren(m, c -> mapUpstreams(c, f)));
    }
    return out;
  }
}
