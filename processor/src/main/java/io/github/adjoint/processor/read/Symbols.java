package io.github.adjoint.processor.read;

import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/** The reader's symbol table: nested scopes of names, and what is known of each variable. */
final class Symbols {
  final Deque<Map<String, Var>> scopes = new ArrayDeque<>();

  /**
   * Variables whose declaration was reported (a parameter or local of an unsupported type, a local
   * whose initializer was rejected): declared all the same, so that their uses resolve, but every
   * use reads as an error already reported and reports nothing more. One error per mistake.
   */
  final Set<Var> unusable = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Owned local arrays, and aliases of their rows, may be written. */
  final Map<Var, Var> aliasRoots = new IdentityHashMap<>();

  /** Aliases of local arrays stand for the expression they name. */
  final Map<Var, Expr> expansions = new IdentityHashMap<>();

  /** The variables an alias's source reads (its indices): they must not change while it lives. */
  final Map<Var, Set<Var>> aliasDependencies = new IdentityHashMap<>();

  Var lookup(String name) {
    for (Map<String, Var> scope : scopes) {
      Var v = scope.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  boolean writable(Var array) {
    Var root = array;
    while (root.kind() == Var.Kind.ALIAS && aliasRoots.containsKey(root)) {
      root = aliasRoots.get(root);
    }
    return root.kind() == Var.Kind.LOCAL;
  }

  /** An alias in scope whose source reads {@code v} (its index), or null. */
  Var aliasIndexedBy(Var v) {
    for (Map<String, Var> scope : scopes) {
      for (Var alias : scope.values()) {
        Set<Var> deps = aliasDependencies.get(alias);
        if (deps != null && deps.contains(v)) {
          return alias;
        }
      }
    }
    return null;
  }
}
