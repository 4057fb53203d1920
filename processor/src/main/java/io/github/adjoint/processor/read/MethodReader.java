package io.github.adjoint.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import io.github.adjoint.processor.diag.Message;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Expr.BinaryOp;
import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.ir.Pos;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads the body of a {@code @Differentiable} method into the IR, resolving every name
 * syntactically, and reports each construct outside the fence at its own position.
 */
public final class MethodReader {
  public static final String DIFFERENTIABLE = "io.github.adjoint.Differentiable";
  public static final String NO_GRAD = "io.github.adjoint.NoGrad";

  private static final Expr ERROR = ExpressionReader.ERROR;

  private final Trees trees;
  private final Elements elements;
  private final CompilationUnitTree unit;
  private final Reporter reporter;
  private final ExecutableElement method;
  private final NameResolver names;
  private final SourcePositions positions;
  private final Symbols symbols = new Symbols();
  private final ExpressionReader expressions;
  private final java.util.function.UnaryOperator<String> claimedOrigin;

  /**
   * {@code claimedOrigin}: for a generated class name, the origin ({@code pkg.Type.method}) of the
   * method of this compilation that will generate it, or null.
   */
  public MethodReader(
      Trees trees,
      Elements elements,
      CompilationUnitTree unit,
      Reporter reporter,
      ExecutableElement method,
      java.util.function.UnaryOperator<String> claimedOrigin) {
    this.claimedOrigin = claimedOrigin;
    this.trees = trees;
    this.elements = elements;
    this.unit = unit;
    this.reporter = reporter;
    this.method = method;
    this.names = new NameResolver(elements, (TypeElement) method.getEnclosingElement(), unit);
    this.positions = trees.getSourcePositions();
    this.expressions = new ExpressionReader(trees, elements, reporter, method, names, symbols, claimedOrigin);
  }

  /** Reports the arguments that turned out to carry a derivative into a @NoGrad parameter. */
  public void reportNoGradArguments(java.util.function.Predicate<Expr> varied) {
    expressions.calls().reportNoGradArguments(varied);
  }

  private void checkNoAliasDependsOn(Var v, Tree at) {
    Var alias = symbols.aliasIndexedBy(v);
    if (alias != null) {
      reporter.error(at, Message.UNSUPPORTED_STATEMENT,
          "an assignment to " + v.name() + ", which indexes the array alias " + alias.name(),
          "declare the alias after the last change of " + v.name() + ", or index the array directly");
    }
  }

  /** Whether a parameter of a {@code @Differentiable} method gets a gradient. */
  public static boolean isDifferentiable(VariableElement parameter) {
    Optional<Type> type = valueType(parameter.asType());
    return type.isPresent()
        && (type.get() == Type.DOUBLE || type.get().isArray())
        && !hasAnnotation(parameter, NO_GRAD);
  }

  public static boolean hasAnnotation(Element element, String qualifiedName) {
    return element.getAnnotationMirrors().stream()
        .anyMatch(
            a ->
                ((TypeElement) a.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(qualifiedName));
  }

  /** The subset's type of a declared type (scalars, double[], double[][]), or empty. */
  public static Optional<Type> valueType(TypeMirror type) {
    return switch (type.getKind()) {
      case DOUBLE -> Optional.of(Type.DOUBLE);
      case INT -> Optional.of(Type.INT);
      case LONG -> Optional.of(Type.LONG);
      case BOOLEAN -> Optional.of(Type.BOOLEAN);
      case ARRAY -> {
        TypeMirror component = ((ArrayType) type).getComponentType();
        if (component.getKind() == TypeKind.DOUBLE) {
          yield Optional.of(Type.DOUBLE_ARRAY);
        }
        if (component.getKind() == TypeKind.ARRAY
            && ((ArrayType) component).getComponentType().getKind() == TypeKind.DOUBLE) {
          yield Optional.of(Type.DOUBLE_MATRIX);
        }
        yield Optional.empty();
      }
      default -> Optional.empty();
    };
  }

  /** A scalar type: what fields of other classes (constants) may have. */
  public static Optional<Type> scalarType(TypeMirror type) {
    return valueType(type).filter(t -> !t.isArray());
  }

  public Function read(MethodTree tree) {
    Map<String, Var> parameters = new HashMap<>();
    List<Var> parameterVars = new ArrayList<>();
    List<? extends VariableElement> elements = method.getParameters();
    for (int i = 0; i < elements.size(); i++) {
      VariableElement p = elements.get(i);
      Tree at = i < tree.getParameters().size() ? tree.getParameters().get(i) : null;
      Optional<Type> type = valueType(p.asType());
      if (type.isEmpty()) {
        reporter.error(at, Message.PARAMETER_TYPE, p.getSimpleName(), p.asType());
      }
      Var v =
          new Var(
              p.getSimpleName().toString(),
              type.orElse(Type.DOUBLE),
              Var.Kind.PARAMETER,
              isDifferentiable(p));
      if (type.isEmpty()) {
        symbols.unusable.add(v);
      }
      parameters.put(v.name(), v);
      parameterVars.add(v);
    }
    symbols.scopes.push(parameters);
    List<Stmt> body = new ArrayList<>();
    if (tree.getBody() != null) {
      block(tree.getBody().getStatements(), body);
    }
    symbols.scopes.pop();
    String file = unit == null ? "" : fileName(unit);
    return new Function(
        GeneratedNames.display(method), method.getSimpleName().toString(), file, parameterVars, body);
  }

  private static String fileName(CompilationUnitTree unit) {
    String path = unit.getSourceFile().getName();
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }

  // ---------------------------------------------------------------- statements

  private void block(List<? extends StatementTree> statements, List<Stmt> out) {
    symbols.scopes.push(new HashMap<>());
    for (StatementTree s : statements) {
      statement(s, out);
    }
    symbols.scopes.pop();
  }

  private List<Stmt> branch(StatementTree s) {
    List<Stmt> out = new ArrayList<>();
    if (s != null) {
      block(List.of(s), out);
    }
    return out;
  }

  private void statement(StatementTree s, List<Stmt> out) {
    switch (s.getKind()) {
      case VARIABLE -> declaration((VariableTree) s, out);
      case EXPRESSION_STATEMENT -> expressionStatement((ExpressionStatementTree) s, out);
      case BLOCK -> block(((BlockTree) s).getStatements(), out);
      case IF -> {
        IfTree t = (IfTree) s;
        Expr condition = expressions.condition(t.getCondition());
        out.add(
            new Stmt.If(
                condition, branch(t.getThenStatement()), branch(t.getElseStatement()), pos(s)));
      }
      case RETURN -> {
        ReturnTree t = (ReturnTree) s;
        Expr value = t.getExpression() == null ? ERROR : expressions.numeric(t.getExpression());
        out.add(new Stmt.Return(value, pos(s)));
      }
      case EMPTY_STATEMENT -> {}
      case FOR_LOOP -> forLoop((ForLoopTree) s, out);
      case ENHANCED_FOR_LOOP -> enhancedFor((EnhancedForLoopTree) s, out);
      case WHILE_LOOP -> {
        WhileLoopTree t = (WhileLoopTree) s;
        Expr condition = loopCondition(t.getCondition());
        out.add(new Stmt.Loop(condition, loopBody(t.getStatement(), List.of()), List.of(), true, pos(s)));
      }
      case DO_WHILE_LOOP -> {
        DoWhileLoopTree t = (DoWhileLoopTree) s;
        List<Stmt> body = loopBody(t.getStatement(), List.of());
        Expr condition = loopCondition(t.getCondition());
        out.add(new Stmt.Loop(condition, body, List.of(), false, pos(s)));
      }
      case BREAK -> {
        if (((com.sun.source.tree.BreakTree) s).getLabel() != null) {
          unsupported(s, "a labeled break", "use a flag, or return from a @Differentiable helper");
        } else {
          out.add(new Stmt.Break(pos(s)));
        }
      }
      case CONTINUE -> {
        if (((com.sun.source.tree.ContinueTree) s).getLabel() != null) {
          unsupported(s, "a labeled continue", "use a flag");
        } else {
          out.add(new Stmt.Continue(pos(s)));
        }
      }
      case TRY -> unsupported(s, "try", "a derivative cannot pass through a catch; check inputs before the call");
      case SWITCH -> unsupported(s, "switch", "use if/else");
      case THROW -> unsupported(s, "throw", "check inputs before calling the method");
      case SYNCHRONIZED -> unsupported(s, "synchronized", "a @Differentiable method has no shared state");
      case LABELED_STATEMENT -> unsupported(s, "a labeled statement", "remove the label");
      case CLASS -> unsupported(s, "a local class", "move it out of the method");
      case ASSERT -> unsupported(s, "assert", "check inputs before calling the method");
      default -> unsupported(s, describeKind(s.getKind()), "rewrite it with the supported statements");
    }
  }

  private int loopDepth;

  private void forLoop(ForLoopTree t, List<Stmt> out) {
    symbols.scopes.push(new HashMap<>());
    for (StatementTree init : t.getInitializer()) {
      statement(init, out);
    }
    Expr condition =
        t.getCondition() == null ? new Expr.Literal(Type.BOOLEAN, "true") : loopCondition(t.getCondition());
    List<Stmt> update = new ArrayList<>();
    loopDepth++;
    for (ExpressionStatementTree u : t.getUpdate()) {
      statement(u, update);
    }
    loopDepth--;
    List<Stmt> body = loopBody(t.getStatement(), List.of());
    out.add(new Stmt.Loop(condition, body, update, true, pos(t)));
    symbols.scopes.pop();
  }

  /** {@code for (double v : a)} runs over a hidden index: {@code v = a[i]} starts each pass. */
  private void enhancedFor(EnhancedForLoopTree t, List<Stmt> out) {
    Expr iterable = expressions.expr(t.getExpression());
    if (iterable == ERROR) {
      return;
    }
    if (!iterable.type().isArray()) {
      unsupported(t.getExpression(), "a loop over " + t.getExpression(), "loop over a double[] or double[][]");
      return;
    }
    Var array;
    List<Stmt> setup = new ArrayList<>();
    if (iterable instanceof Expr.Ref r) {
      array = r.var();
    } else {
      // A row such as m[i]: iterate over an alias of it, bound before the loop.
      array = new Var("row", iterable.type(), Var.Kind.ALIAS, false);
      symbols.aliasRoots.put(array, ((Expr.ArrayRead) iterable).array());
      setup.add(new Stmt.Assign(array, iterable, true, pos(t)));
    }
    out.addAll(setup);
    Var index = new Var("i", Type.INT, Var.Kind.LOCAL, false);
    out.add(new Stmt.Assign(index, new Expr.Literal(Type.INT, "0"), true, pos(t)));
    Expr condition =
        new Expr.Binary(BinaryOp.LT, new Expr.Ref(index), new Expr.Length(new Expr.Ref(array)), Type.BOOLEAN);
    Type elementType = array.type().element();
    Var element =
        new Var(
            t.getVariable().getName().toString(),
            elementType,
            elementType.isArray() ? Var.Kind.ALIAS : Var.Kind.LOCAL,
            false);
    Expr.ArrayRead current = new Expr.ArrayRead(array, List.of(new Expr.Ref(index)), elementType);
    List<Stmt> prefix;
    if (elementType.isArray() && symbols.writable(array)) {
      // A row of a local matrix: written through the loop variable, it is that matrix's row, so
      // the variable stands for m[i] itself and every analysis sees one array.
      symbols.expansions.put(element, current);
      prefix = List.of();
    } else {
      symbols.aliasRoots.put(element, array);
      prefix = List.of(new Stmt.Assign(element, current, true, pos(t.getVariable())));
    }
    symbols.scopes.push(new HashMap<>());
    symbols.scopes.peek().put(element.name(), element);
    List<Stmt> body = loopBody(t.getStatement(), prefix);
    symbols.scopes.pop();
    List<Stmt> update =
        List.of(
            new Stmt.Assign(
                index,
                new Expr.Binary(BinaryOp.ADD, new Expr.Ref(index), new Expr.Literal(Type.INT, "1"), Type.INT),
                false,
                pos(t)));
    out.add(new Stmt.Loop(condition, body, update, true, pos(t)));
  }

  private List<Stmt> loopBody(StatementTree body, List<Stmt> prefix) {
    loopDepth++;
    List<Stmt> out = new ArrayList<>(prefix);
    block(List.of(body), out);
    loopDepth--;
    return out;
  }

  private Expr loopCondition(ExpressionTree e) {
    Expr c = expressions.condition(e);
    boolean[] call = {false};
    Expr.visit(c, x -> call[0] |= x instanceof Expr.DiffCall);
    if (call[0]) {
      reporter.error(e, Message.UNSUPPORTED_EXPRESSION, "a @Differentiable call in a loop condition",
          "compute it into a variable before the loop and again at the end of the body");
    }
    return c;
  }

  private void unsupported(Tree at, String what, String instead) {
    reporter.error(at, Message.UNSUPPORTED_STATEMENT, what, instead);
  }

  static String describeKind(Tree.Kind kind) {
    return switch (kind) {
      case FOR_LOOP -> "a for loop";
      case ENHANCED_FOR_LOOP -> "an enhanced for loop";
      case WHILE_LOOP -> "a while loop";
      case DO_WHILE_LOOP -> "a do/while loop";
      case BREAK -> "break";
      case CONTINUE -> "continue";
      default -> kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  private void declaration(VariableTree t, List<Stmt> out) {
    Tree typeTree = t.getType();
    Type type;
    Expr init;
    if (typeTree == null || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"))) {
      if (t.getInitializer() != null
          && ExpressionReader.unparenthesize(t.getInitializer()) instanceof NewArrayTree n
          && newArrayType(n).isPresent()) {
        arrayDeclaration(t, newArrayType(n).get(), out);
        return;
      }
      init = t.getInitializer() == null ? null : expressions.expr(t.getInitializer());
      if (init == ERROR) {
        // The initializer's error is the mistake; its type is unknown, so uses must not guess it.
        declareUnusable(t.getName().toString(), Type.DOUBLE);
        return;
      }
      type = init == null ? Type.DOUBLE : init.type();
    } else if (typeTree instanceof PrimitiveTypeTree p && primitive(p.getPrimitiveTypeKind()).isPresent()) {
      type = primitive(p.getPrimitiveTypeKind()).get();
      init = t.getInitializer() == null ? null : expressions.converted(type, expressions.expr(t.getInitializer()), t.getInitializer());
    } else if (arrayType(typeTree).isPresent()) {
      arrayDeclaration(t, arrayType(typeTree).get(), out);
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
      arrayDeclaration(t, init.type(), out);
      return;
    }
    Var v = new Var(t.getName().toString(), type, Var.Kind.LOCAL, false);
    symbols.scopes.peek().put(v.name(), v);
    if (init != null) {
      out.add(new Stmt.Assign(v, init, true, pos(t)));
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
  private void arrayDeclaration(VariableTree t, Type type, List<Stmt> out) {
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
    out.add(new Stmt.Assign(v, source, true, pos(t)));
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
      out.add(new Stmt.Assign(v, new Expr.NewArray(List.of(new Expr.Literal(Type.INT, Integer.toString(values.size()))), v.type()), true, pos(at)));
      for (int i = 0; i < values.size(); i++) {
        out.add(new Stmt.ArrayAssign(v, List.of(new Expr.Literal(Type.INT, Integer.toString(i))), values.get(i), pos(at)));
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
    out.add(new Stmt.Assign(v, new Expr.NewArray(dimensions, v.type()), true, pos(at)));
  }

  static Optional<Type> primitive(TypeKind kind) {
    return switch (kind) {
      case DOUBLE -> Optional.of(Type.DOUBLE);
      case INT -> Optional.of(Type.INT);
      case LONG -> Optional.of(Type.LONG);
      case BOOLEAN -> Optional.of(Type.BOOLEAN);
      default -> Optional.empty();
    };
  }

  private void expressionStatement(ExpressionStatementTree s, List<Stmt> out) {
    ExpressionTree e = s.getExpression();
    switch (e.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree a = (AssignmentTree) e;
        if (ExpressionReader.unparenthesize(a.getVariable()) instanceof ArrayAccessTree access) {
          ElementTarget target = elementTarget(access);
          // Without a target (a row m[0] = m[1], say) the value's type is no second mistake.
          Expr value = target == null ? expressions.expr(a.getExpression()) : expressions.numeric(a.getExpression());
          if (target != null) {
            out.add(new Stmt.ArrayAssign(target.array(), target.indices(), value, pos(s)));
          }
          return;
        }
        Var target = assignable(a.getVariable());
        if (target == null) {
          return; // the statement is already reported
        }
        out.add(new Stmt.Assign(target, expressions.converted(target.type(), expressions.expr(a.getExpression()), a.getExpression()), false, pos(s)));
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT,
          REMAINDER_ASSIGNMENT, AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT,
          LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> {
        CompoundAssignmentTree a = (CompoundAssignmentTree) e;
        if (ExpressionReader.unparenthesize(a.getVariable()) instanceof ArrayAccessTree access) {
          ElementTarget target = elementTarget(access);
          Expr value = expressions.expr(a.getExpression());
          if (target != null) {
            Expr current = new Expr.ArrayRead(target.array(), target.indices(), Type.DOUBLE);
            Expr combined = expressions.binary(compoundOp(e.getKind()), current, value, a);
            out.add(new Stmt.ArrayAssign(target.array(), target.indices(), narrowTo(Type.DOUBLE, combined), pos(s)));
          }
          return;
        }
        Var target = assignable(a.getVariable());
        Expr value = expressions.expr(a.getExpression());
        if (target != null) {
          BinaryOp op = compoundOp(e.getKind());
          Expr combined = expressions.binary(op, new Expr.Ref(target), value, a);
          out.add(new Stmt.Assign(target, narrowTo(target.type(), combined), false, pos(s)));
        }
      }
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
        UnaryTree u = (UnaryTree) e;
        boolean up = e.getKind() == Tree.Kind.PREFIX_INCREMENT || e.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        if (ExpressionReader.unparenthesize(u.getExpression()) instanceof ArrayAccessTree access) {
          ElementTarget target = elementTarget(access);
          if (target != null) {
            Expr current = new Expr.ArrayRead(target.array(), target.indices(), Type.DOUBLE);
            Expr step = new Expr.Binary(up ? BinaryOp.ADD : BinaryOp.SUB, current, new Expr.Literal(Type.INT, "1"), Type.DOUBLE);
            out.add(new Stmt.ArrayAssign(target.array(), target.indices(), step, pos(s)));
          }
          return;
        }
        Var target = assignable(u.getExpression());
        if (target != null) {
          if (!target.type().isNumeric()) {
            reporter.error(e, Message.UNSUPPORTED_EXPRESSION, "++/-- on a boolean", "use a number");
            return;
          }
          Expr step =
              new Expr.Binary(
                  up ? BinaryOp.ADD : BinaryOp.SUB,
                  new Expr.Ref(target),
                  new Expr.Literal(Type.INT, "1"),
                  target.type());
          out.add(new Stmt.Assign(target, step, false, pos(s)));
        }
      }
      // A call has no side effect in the subset: check it, then drop it.
      default -> expressions.expr(e);
    }
  }

  /** The compound operator's implicit narrowing cast (JLS 15.26.2). */
  private static Expr narrowTo(Type target, Expr value) {
    return value.type() == target ? value : new Expr.Cast(target, value);
  }

  private static BinaryOp compoundOp(Tree.Kind kind) {
    return switch (kind) {
      case PLUS_ASSIGNMENT -> BinaryOp.ADD;
      case MINUS_ASSIGNMENT -> BinaryOp.SUB;
      case MULTIPLY_ASSIGNMENT -> BinaryOp.MUL;
      case DIVIDE_ASSIGNMENT -> BinaryOp.DIV;
      case REMAINDER_ASSIGNMENT -> BinaryOp.REM;
      case AND_ASSIGNMENT -> BinaryOp.BIT_AND;
      case OR_ASSIGNMENT -> BinaryOp.BIT_OR;
      case XOR_ASSIGNMENT -> BinaryOp.BIT_XOR;
      case LEFT_SHIFT_ASSIGNMENT -> BinaryOp.SHL;
      case RIGHT_SHIFT_ASSIGNMENT -> BinaryOp.SHR;
      default -> BinaryOp.USHR;
    };
  }

  /** The local or parameter an assignment writes, or null after reporting why it cannot. */
  private Var assignable(ExpressionTree lhs) {
    ExpressionTree e = ExpressionReader.unparenthesize(lhs);
    if (e instanceof IdentifierTree id) {
      Var v = symbols.lookup(id.getName().toString());
      if (v != null && symbols.unusable.contains(v)) {
        return null; // its declaration is reported
      }
      if (v != null && v.type().isArray()) {
        reporter.error(lhs, Message.ARRAY_REASSIGN, id.getName(), "is assigned again");
        return null;
      }
      if (v != null) {
        checkNoAliasDependsOn(v, lhs);
        return v;
      }
      if (names.field(id.getName().toString()).isPresent()) {
        reporter.error(lhs, Message.FIELD_WRITE, id.getName());
        return null;
      }
      expressions.unknownName(lhs, id.getName().toString());
      return null;
    }
    reporter.error(lhs, Message.FIELD_WRITE, e);
    return null;
  }

  /** An element a statement writes: the array variable and one index per dimension. */
  private record ElementTarget(Var array, List<Expr> indices) {}

  private ElementTarget elementTarget(ArrayAccessTree access) {
    Expr read = expressions.arrayAccess(access);
    if (read == ERROR) {
      return null;
    }
    if (!(read instanceof Expr.ArrayRead r) || r.type() != Type.DOUBLE) {
      reporter.error(access, Message.ARRAY_REASSIGN, access.getExpression(),
          "has its row " + access + " assigned as a whole");
      return null;
    }
    if (!symbols.writable(r.array())) {
      reporter.error(access, Message.PARAMETER_ARRAY_WRITE, access);
      return null;
    }
    return new ElementTarget(r.array(), r.indices());
  }

  // ---------------------------------------------------------------- positions

  private static String join(List<? extends Tree> trees) {
    return String.join(", ", trees.stream().map(x -> x.toString().replaceAll(";$", "")).toList());
  }

  private Pos pos(Tree t) {
    long start = positions.getStartPosition(unit, t);
    long line = start < 0 ? 0 : unit.getLineMap().getLineNumber(start);
    return new Pos(line, describe(t));
  }

  /** The statement as its comment in generated code shows it: a header for compound ones. */
  private static String describe(Tree t) {
    String text;
    if (t instanceof IfTree i) {
      text = "if " + i.getCondition();
    } else if (t instanceof ForLoopTree f) {
      text = "for (" + join(f.getInitializer()) + "; " + (f.getCondition() == null ? "" : f.getCondition())
          + "; " + join(f.getUpdate()) + ")";
    } else if (t instanceof EnhancedForLoopTree f) {
      text = "for (" + f.getVariable() + " : " + f.getExpression() + ")";
    } else if (t instanceof WhileLoopTree w) {
      text = "while " + w.getCondition();
    } else if (t instanceof DoWhileLoopTree d) {
      text = "do ... while " + d.getCondition();
    } else {
      text = t.toString();
    }
    text = text.replaceAll("\\s+", " ").trim();
    return text.length() > 100 ? text.substring(0, 97) + "..." : text;
  }
}
