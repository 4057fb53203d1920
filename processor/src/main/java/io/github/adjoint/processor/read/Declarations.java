package io.github.adjoint.processor.read;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import io.github.adjoint.processor.diag.Message;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.type.TypeKind;

/**
 * Reads a local's declaration: a scalar, an owned array ({@code new double[n]}, {@code {a, b}}) or
 * an alias of another array or a matrix row; a declaration outside the fence is reported once and
 * its local declared unusable, so that its uses report nothing more.
 */
final class Declarations {
  private static final Expr ERROR = ExpressionReader.ERROR;

  private final ExpressionReader expressions;
  private final Reporter reporter;
  private final Symbols symbols;
  private final StatementPositions positions;

  Declarations(ExpressionReader expressions, Reporter reporter, Symbols symbols, StatementPositions positions) {
    this.expressions = expressions;
    this.reporter = reporter;
    this.symbols = symbols;
    this.positions = positions;
  }

  /** A local's declaration; {@code loopDepth}: how many loops it is in (arrays are allocated outside them). */
  void read(VariableTree t, List<Stmt> out, int loopDepth) {
    Tree typeTree = t.getType();
    Type type;
    Expr init;
    if (typeTree == null || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"))) {
      if (t.getInitializer() != null
          && ExpressionReader.unparenthesize(t.getInitializer()) instanceof NewArrayTree n
          && newArrayType(n).isPresent()) {
        arrayDeclaration(t, newArrayType(n).get(), out, loopDepth);
        return;
      }
      init = t.getInitializer() == null ? null : expressions.expr(t.getInitializer());
      if (init == ERROR) {
        // The initializer's error is the mistake; its type is unknown, so uses must not guess it.
        declareUnusable(t.getName().toString(), Type.DOUBLE);
        return;
      }
      type = init == null ? Type.DOUBLE : init.type();
    } else if (typeTree instanceof PrimitiveTypeTree p && MethodReader.primitive(p.getPrimitiveTypeKind()).isPresent()) {
      type = MethodReader.primitive(p.getPrimitiveTypeKind()).get();
      init = t.getInitializer() == null ? null : expressions.converted(type, expressions.expr(t.getInitializer()), t.getInitializer());
    } else if (arrayType(typeTree).isPresent()) {
      arrayDeclaration(t, arrayType(typeTree).get(), out, loopDepth);
      return;
    } else {
      ExpressionTree initTree = t.getInitializer() == null ? null : ExpressionReader.unparenthesize(t.getInitializer());
      if (initTree != null
          && (initTree.getKind() == Tree.Kind.LAMBDA_EXPRESSION || initTree.getKind() == Tree.Kind.MEMBER_REFERENCE)) {
        // The lambda is the mistake, and its message names the alternative; the type only holds it.
        expressions.expr(initTree);
      } else {
        // The type is the mistake: its initializer ("abc", new int[2], new Foo()) would only repeat it.
        reporter.error(typeTree, Message.UNSUPPORTED_TYPE, typeTree);
      }
      declareUnusable(t.getName().toString(), Type.DOUBLE);
      return;
    }
    if (init != null && init.type().isArray()) {
      arrayDeclaration(t, init.type(), out, loopDepth);
      return;
    }
    Var v = new Var(t.getName().toString(), type, Var.Kind.LOCAL, false);
    symbols.scopes.peek().put(v.name(), v);
    if (init != null) {
      out.add(new Stmt.Assign(v, init, true, positions.of(t)));
    }
  }

  /** Declares a local whose declaration was reported: its uses report nothing more. */
  private void declareUnusable(String name, Type type) {
    Var v = new Var(name, type, Var.Kind.LOCAL, false);
    symbols.unusable.add(v);
    symbols.scopes.peek().put(name, v);
  }

  /** The type {@code new double[n]} or {@code new double[n][m]} creates, for {@code var}. */
  private static Optional<Type> newArrayType(NewArrayTree n) {
    Tree element = n.getType();
    int rank = n.getDimensions().size();
    while (element instanceof ArrayTypeTree a) {
      rank++;
      element = a.getType();
    }
    if (!(element instanceof PrimitiveTypeTree p) || p.getPrimitiveTypeKind() != TypeKind.DOUBLE) {
      return Optional.empty();
    }
    return rank == 1 ? Optional.of(Type.DOUBLE_ARRAY) : rank == 2 ? Optional.of(Type.DOUBLE_MATRIX) : Optional.empty();
  }

  private static Optional<Type> arrayType(Tree typeTree) {
    if (typeTree instanceof ArrayTypeTree a) {
      if (a.getType() instanceof PrimitiveTypeTree p && p.getPrimitiveTypeKind() == TypeKind.DOUBLE) {
        return Optional.of(Type.DOUBLE_ARRAY);
      }
      if (a.getType() instanceof ArrayTypeTree inner
          && inner.getType() instanceof PrimitiveTypeTree p
          && p.getPrimitiveTypeKind() == TypeKind.DOUBLE) {
        return Optional.of(Type.DOUBLE_MATRIX);
      }
    }
    return Optional.empty();
  }

  /**
   * An array local is either owned ({@code new double[n]}, {@code {a, b}}: its elements are
   * written as separate assignments) or an alias of another array or of a matrix row.
   */
  private void arrayDeclaration(VariableTree t, Type type, List<Stmt> out, int loopDepth) {
    ExpressionTree initTree = t.getInitializer();
    String name = t.getName().toString();
    if (initTree == null) {
      reporter.error(t, Message.ARRAY_REASSIGN, name, "is declared without an initializer");
      // Its later assignment is the same mistake: uses and assignments report nothing more.
      declareUnusable(name, type);
      return;
    }
    ExpressionTree init = ExpressionReader.unparenthesize(initTree);
    if (init instanceof NewArrayTree newArray) {
      if (loopDepth > 0) {
        reporter.error(init, Message.ARRAY_IN_LOOP, "new " + type.javaName());
        // Declared all the same, so its uses report nothing more.
        symbols.scopes.peek().put(name, new Var(name, type, Var.Kind.LOCAL, false));
        return;
      }
      Var v = new Var(name, type, Var.Kind.LOCAL, false);
      ownedArray(v, newArray, out, t);
      symbols.scopes.peek().put(name, v);
      return;
    }
    Expr source = expressions.expr(initTree);
    if (source == ERROR) {
      // Declared all the same (w.clone(), say): the initializer's error is the only one.
      declareUnusable(name, type);
      return;
    }
    if (source.type() != type || !(source instanceof Expr.Ref || source instanceof Expr.ArrayRead)) {
      reporter.error(init, Message.UNSUPPORTED_EXPRESSION, "this array initializer (" + init + ")",
          "use new " + type.javaName() + ", an initializer {...}, another array or a matrix row m[i]");
      declareUnusable(name, type);
      return;
    }
    Var v = new Var(name, type, Var.Kind.ALIAS, false);
    Var root = source instanceof Expr.Ref r ? r.var() : ((Expr.ArrayRead) source).array();
    Set<Var> deps = new HashSet<>();
    io.github.adjoint.processor.analyze.Activity.refs(source, deps::add);
    deps.remove(root);
    symbols.aliasDependencies.put(v, deps);
    symbols.scopes.peek().put(name, v);
    if (root.kind() == Var.Kind.LOCAL) {
      // A name for part of a local array: read and written as that array itself, so every
      // analysis sees one array.
      symbols.expansions.put(v, source);
      return;
    }
    symbols.aliasRoots.put(v, root);
    out.add(new Stmt.Assign(v, source, true, positions.of(t)));
  }

  private void ownedArray(Var v, NewArrayTree n, List<Stmt> out, Tree at) {
    if (n.getInitializers() != null) {
      if (v.type() != Type.DOUBLE_ARRAY) {
        reporter.error(n, Message.UNSUPPORTED_EXPRESSION, "a matrix initializer", "allocate new double[n][m] and write its elements");
        return;
      }
      List<Expr> values = new ArrayList<>();
      for (ExpressionTree e : n.getInitializers()) {
        values.add(expressions.numeric(e));
      }
      out.add(new Stmt.Assign(v, new Expr.NewArray(List.of(new Expr.Literal(Type.INT, Integer.toString(values.size()))), v.type()), true, positions.of(at)));
      for (int i = 0; i < values.size(); i++) {
        out.add(new Stmt.ArrayAssign(v, List.of(new Expr.Literal(Type.INT, Integer.toString(i))), values.get(i), positions.of(at)));
      }
      return;
    }
    int rank = v.type() == Type.DOUBLE_MATRIX ? 2 : 1;
    if (n.getDimensions().size() != rank) {
      reporter.error(n, Message.UNSUPPORTED_EXPRESSION, "a partly sized array (" + n + ")",
          "give every dimension: new double[n][m]");
      return;
    }
    List<Expr> dimensions = new ArrayList<>();
    for (ExpressionTree d : n.getDimensions()) {
      dimensions.add(expressions.index(d));
    }
    out.add(new Stmt.Assign(v, new Expr.NewArray(dimensions, v.type()), true, positions.of(at)));
  }
}
