package io.github.adjoint.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import io.github.adjoint.processor.diag.Message;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.ir.Callee;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Expr.BinaryOp;
import io.github.adjoint.processor.ir.Expr.UnaryOp;
import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.ir.MathFunction;
import io.github.adjoint.processor.ir.Pos;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads the body of a {@code @Differentiable} method into the IR, resolving every name
 * syntactically, and reports each construct outside the fence at its own position.
 */
public final class MethodReader {
  public static final String DIFFERENTIABLE = "io.github.adjoint.Differentiable";
  public static final String NO_GRAD = "io.github.adjoint.NoGrad";

  /** Stands in for an expression that was reported, so reading can go on to find more errors. */
  private static final Expr ERROR = new Expr.Literal(Type.DOUBLE, "0.0");

  private final Trees trees;
  private final Elements elements;
  private final CompilationUnitTree unit;
  private final Reporter reporter;
  private final ExecutableElement method;
  private final NameResolver names;
  private final SourcePositions positions;
  private final Deque<Map<String, Var>> scopes = new ArrayDeque<>();
  private final java.util.function.UnaryOperator<String> claimedOrigin;

  /**
   * Variables whose declaration was reported (a parameter or local of an unsupported type, a local
   * whose initializer was rejected): declared all the same, so that their uses resolve, but every
   * use reads as {@link #ERROR} and reports nothing more. One error per mistake.
   */
  private final Set<Var> unusable = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** A double argument passed to a callee's @NoGrad parameter, checked once activity is known. */
  private record NoGradCheck(Expr argument, Tree at, int position, String callee) {}

  private final List<NoGradCheck> pendingNoGradChecks = new ArrayList<>();

  /** Reports the arguments that turned out to carry a derivative into a @NoGrad parameter. */
  public void reportNoGradArguments(java.util.function.Predicate<Expr> varied) {
    for (NoGradCheck c : pendingNoGradChecks) {
      if (varied.test(c.argument())) {
        reporter.error(c.at(), Message.NO_GRAD_ARGUMENT, c.position(), c.callee());
      }
    }
  }

  private static boolean mayDependOnParameters(Expr e) {
    return !(e instanceof Expr.Literal) && !(e instanceof Expr.Constant);
  }

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
        unusable.add(v);
      }
      parameters.put(v.name(), v);
      parameterVars.add(v);
    }
    scopes.push(parameters);
    List<Stmt> body = new ArrayList<>();
    if (tree.getBody() != null) {
      block(tree.getBody().getStatements(), body);
    }
    scopes.pop();
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
    scopes.push(new HashMap<>());
    for (StatementTree s : statements) {
      statement(s, out);
    }
    scopes.pop();
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
        Expr condition = condition(t.getCondition());
        out.add(
            new Stmt.If(
                condition, branch(t.getThenStatement()), branch(t.getElseStatement()), pos(s)));
      }
      case RETURN -> {
        ReturnTree t = (ReturnTree) s;
        Expr value = t.getExpression() == null ? ERROR : numeric(t.getExpression());
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
    scopes.push(new HashMap<>());
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
    scopes.pop();
  }

  /** {@code for (double v : a)} runs over a hidden index: {@code v = a[i]} starts each pass. */
  private void enhancedFor(EnhancedForLoopTree t, List<Stmt> out) {
    Expr iterable = expr(t.getExpression());
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
      aliasRoots.put(array, ((Expr.ArrayRead) iterable).array());
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
    if (elementType.isArray() && writable(array)) {
      // A row of a local matrix: written through the loop variable, it is that matrix's row, so
      // the variable stands for m[i] itself and every analysis sees one array.
      expansions.put(element, current);
      prefix = List.of();
    } else {
      aliasRoots.put(element, array);
      prefix = List.of(new Stmt.Assign(element, current, true, pos(t.getVariable())));
    }
    scopes.push(new HashMap<>());
    scopes.peek().put(element.name(), element);
    List<Stmt> body = loopBody(t.getStatement(), prefix);
    scopes.pop();
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
    Expr c = condition(e);
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

  private static String describeKind(Tree.Kind kind) {
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
          && unparenthesize(t.getInitializer()) instanceof NewArrayTree n
          && newArrayType(n).isPresent()) {
        arrayDeclaration(t, newArrayType(n).get(), out);
        return;
      }
      init = t.getInitializer() == null ? null : expr(t.getInitializer());
      if (init == ERROR) {
        // The initializer's error is the mistake; its type is unknown, so uses must not guess it.
        declareUnusable(t.getName().toString(), Type.DOUBLE);
        return;
      }
      type = init == null ? Type.DOUBLE : init.type();
    } else if (typeTree instanceof PrimitiveTypeTree p && primitive(p.getPrimitiveTypeKind()).isPresent()) {
      type = primitive(p.getPrimitiveTypeKind()).get();
      init = t.getInitializer() == null ? null : converted(type, expr(t.getInitializer()), t.getInitializer());
    } else if (arrayType(typeTree).isPresent()) {
      arrayDeclaration(t, arrayType(typeTree).get(), out);
      return;
    } else {
      ExpressionTree initTree = t.getInitializer() == null ? null : unparenthesize(t.getInitializer());
      if (initTree != null
          && (initTree.getKind() == Tree.Kind.LAMBDA_EXPRESSION || initTree.getKind() == Tree.Kind.MEMBER_REFERENCE)) {
        // The lambda is the mistake, and its message names the alternative; the type only holds it.
        expr(initTree);
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
    scopes.peek().put(v.name(), v);
    if (init != null) {
      out.add(new Stmt.Assign(v, init, true, pos(t)));
    }
  }

  /** Declares a local whose declaration was reported: its uses report nothing more. */
  private void declareUnusable(String name, Type type) {
    Var v = new Var(name, type, Var.Kind.LOCAL, false);
    unusable.add(v);
    scopes.peek().put(name, v);
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
    ExpressionTree init = unparenthesize(initTree);
    if (init instanceof NewArrayTree newArray) {
      if (loopDepth > 0) {
        reporter.error(init, Message.ARRAY_IN_LOOP, "new " + type.javaName());
        // Declared all the same, so its uses report nothing more.
        scopes.peek().put(name, new Var(name, type, Var.Kind.LOCAL, false));
        return;
      }
      Var v = new Var(name, type, Var.Kind.LOCAL, false);
      ownedArray(v, newArray, out, t);
      scopes.peek().put(name, v);
      return;
    }
    Expr source = expr(initTree);
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
    aliasDependencies.put(v, deps);
    scopes.peek().put(name, v);
    if (root.kind() == Var.Kind.LOCAL) {
      // A name for part of a local array: read and written as that array itself, so every
      // analysis sees one array.
      expansions.put(v, source);
      return;
    }
    aliasRoots.put(v, root);
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
        values.add(numeric(e));
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
      dimensions.add(index(d));
    }
    out.add(new Stmt.Assign(v, new Expr.NewArray(dimensions, v.type()), true, pos(at)));
  }

  /** An index or a size: an int expression. */
  private Expr index(ExpressionTree e) {
    Expr x = expr(e);
    if (x != ERROR && x.type() != Type.INT) {
      reporter.error(e, Message.UNSUPPORTED_EXPRESSION, "a " + x.type().javaName() + " index (" + e + ")",
          "index with an int");
      return new Expr.Literal(Type.INT, "0");
    }
    return x == ERROR ? new Expr.Literal(Type.INT, "0") : x;
  }

  private static Optional<Type> primitive(TypeKind kind) {
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
        if (unparenthesize(a.getVariable()) instanceof ArrayAccessTree access) {
          ElementTarget target = elementTarget(access);
          // Without a target (a row m[0] = m[1], say) the value's type is no second mistake.
          Expr value = target == null ? expr(a.getExpression()) : numeric(a.getExpression());
          if (target != null) {
            out.add(new Stmt.ArrayAssign(target.array(), target.indices(), value, pos(s)));
          }
          return;
        }
        Var target = assignable(a.getVariable());
        if (target == null) {
          return; // the statement is already reported
        }
        out.add(new Stmt.Assign(target, converted(target.type(), expr(a.getExpression()), a.getExpression()), false, pos(s)));
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT,
          REMAINDER_ASSIGNMENT, AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT,
          LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> {
        CompoundAssignmentTree a = (CompoundAssignmentTree) e;
        if (unparenthesize(a.getVariable()) instanceof ArrayAccessTree access) {
          ElementTarget target = elementTarget(access);
          Expr value = expr(a.getExpression());
          if (target != null) {
            Expr current = new Expr.ArrayRead(target.array(), target.indices(), Type.DOUBLE);
            Expr combined = binary(compoundOp(e.getKind()), current, value, a);
            out.add(new Stmt.ArrayAssign(target.array(), target.indices(), narrowTo(Type.DOUBLE, combined), pos(s)));
          }
          return;
        }
        Var target = assignable(a.getVariable());
        Expr value = expr(a.getExpression());
        if (target != null) {
          BinaryOp op = compoundOp(e.getKind());
          Expr combined = binary(op, new Expr.Ref(target), value, a);
          out.add(new Stmt.Assign(target, narrowTo(target.type(), combined), false, pos(s)));
        }
      }
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
        UnaryTree u = (UnaryTree) e;
        boolean up = e.getKind() == Tree.Kind.PREFIX_INCREMENT || e.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        if (unparenthesize(u.getExpression()) instanceof ArrayAccessTree access) {
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
      default -> expr(e);
    }
  }

  /**
   * Whether Java converts a {@code from} to a {@code to} without a cast (JLS 5.2: identity and
   * widening). javac reports the others too, but only after generation: checked here, the mistake
   * is one error at its line instead of a second one in generated code.
   */
  private static boolean converts(Type from, Type to) {
    return from == to
        || to == Type.DOUBLE && (from == Type.INT || from == Type.LONG)
        || to == Type.LONG && from == Type.INT;
  }

  /** {@code value} if it converts to {@code to}, else {@link #ERROR} after reporting at {@code at}. */
  private Expr converted(Type to, Expr value, Tree at) {
    if (value == ERROR || converts(value.type(), to)) {
      return value;
    }
    String instead;
    if (value.type().isArray() && !to.isArray()) {
      instead = "index the array to read an element";
    } else if (to.isArray() || value.type().isArray()) {
      instead = "pass a " + to.javaName();
    } else if (to == Type.BOOLEAN) {
      instead = "compare the value (x > 0)";
    } else if (value.type() == Type.BOOLEAN) {
      instead = "use ?: to choose a number";
    } else {
      instead = "cast it, (" + to.javaName() + ") ..., or use a " + value.type().javaName();
    }
    return error(at, Message.TYPE_MISMATCH, at, article(value.type()), article(to), instead);
  }

  private static String article(Type t) {
    return (t == Type.INT ? "an " : "a ") + t.javaName();
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
    ExpressionTree e = unparenthesize(lhs);
    if (e instanceof IdentifierTree id) {
      Var v = lookup(id.getName().toString());
      if (v != null && unusable.contains(v)) {
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
      unknownName(lhs, id.getName().toString());
      return null;
    }
    reporter.error(lhs, Message.FIELD_WRITE, e);
    return null;
  }

  /** An element a statement writes: the array variable and one index per dimension. */
  private record ElementTarget(Var array, List<Expr> indices) {}

  private ElementTarget elementTarget(ArrayAccessTree access) {
    Expr read = arrayAccess(access);
    if (read == ERROR) {
      return null;
    }
    if (!(read instanceof Expr.ArrayRead r) || r.type() != Type.DOUBLE) {
      reporter.error(access, Message.ARRAY_REASSIGN, access.getExpression(),
          "has its row " + access + " assigned as a whole");
      return null;
    }
    if (!writable(r.array())) {
      reporter.error(access, Message.PARAMETER_ARRAY_WRITE, access);
      return null;
    }
    return new ElementTarget(r.array(), r.indices());
  }

  /** Owned local arrays, and aliases of their rows, may be written. */
  private final Map<Var, Var> aliasRoots = new java.util.IdentityHashMap<>();

  /** Aliases of local arrays stand for the expression they name. */
  private final Map<Var, Expr> expansions = new java.util.IdentityHashMap<>();

  /** The variables an alias's source reads (its indices): they must not change while it lives. */
  private final Map<Var, Set<Var>> aliasDependencies = new java.util.IdentityHashMap<>();

  private void checkNoAliasDependsOn(Var v, Tree at) {
    for (Map<String, Var> scope : scopes) {
      for (Var alias : scope.values()) {
        Set<Var> deps = aliasDependencies.get(alias);
        if (deps != null && deps.contains(v)) {
          reporter.error(at, Message.UNSUPPORTED_STATEMENT,
              "an assignment to " + v.name() + ", which indexes the array alias " + alias.name(),
              "declare the alias after the last change of " + v.name() + ", or index the array directly");
          return;
        }
      }
    }
  }

  private boolean writable(Var array) {
    Var root = array;
    while (root.kind() == Var.Kind.ALIAS && aliasRoots.containsKey(root)) {
      root = aliasRoots.get(root);
    }
    return root.kind() == Var.Kind.LOCAL;
  }

  private Var lookup(String name) {
    for (Map<String, Var> scope : scopes) {
      Var v = scope.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- expressions

  private Expr condition(ExpressionTree e) {
    Expr c = expr(e);
    if (c != ERROR && c.type() != Type.BOOLEAN) {
      reporter.error(e, Message.UNSUPPORTED_EXPRESSION, "a non-boolean condition", "compare the value");
    }
    return c;
  }

  private Expr numeric(ExpressionTree e) {
    Expr x = expr(e);
    if (x != ERROR && x.type().isArray()) {
      reporter.error(e, Message.UNSUPPORTED_EXPRESSION, "an array (" + e + ") where a number is expected",
          "index it to read an element");
      return ERROR;
    }
    if (x != ERROR && !x.type().isNumeric()) {
      reporter.error(e, Message.UNSUPPORTED_EXPRESSION, "a boolean where a number is expected", "use ?: to choose a number");
      return ERROR;
    }
    return x;
  }

  private static ExpressionTree unparenthesize(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e;
  }

  private Expr expr(ExpressionTree e) {
    switch (e.getKind()) {
      case PARENTHESIZED:
        return expr(((ParenthesizedTree) e).getExpression());
      case INT_LITERAL:
        return new Expr.Literal(Type.INT, ((LiteralTree) e).getValue().toString());
      case LONG_LITERAL:
        return new Expr.Literal(Type.LONG, ((LiteralTree) e).getValue() + "L");
      case DOUBLE_LITERAL:
        return new Expr.Literal(Type.DOUBLE, doubleText((Double) ((LiteralTree) e).getValue()));
      case BOOLEAN_LITERAL:
        return new Expr.Literal(Type.BOOLEAN, ((LiteralTree) e).getValue().toString());
      case FLOAT_LITERAL:
        return error(e, Message.UNSUPPORTED_TYPE, "float");
      case CHAR_LITERAL:
        return error(e, Message.UNSUPPORTED_TYPE, "char");
      case STRING_LITERAL:
        return error(e, Message.UNSUPPORTED_EXPRESSION, "a String (" + e + ")", "compute with numbers");
      case NULL_LITERAL:
        return error(e, Message.UNSUPPORTED_EXPRESSION, "null", "use numbers");
      case IDENTIFIER:
        return identifier((IdentifierTree) e);
      case MEMBER_SELECT:
        return memberSelect((MemberSelectTree) e);
      case UNARY_MINUS:
      case UNARY_PLUS:
        return sign((UnaryTree) e);
      case LOGICAL_COMPLEMENT: {
        Expr operand = expr(((UnaryTree) e).getExpression());
        return new Expr.Unary(UnaryOp.NOT, operand, Type.BOOLEAN);
      }
      case BITWISE_COMPLEMENT: {
        Expr operand = expr(((UnaryTree) e).getExpression());
        return new Expr.Unary(UnaryOp.BIT_NOT, operand, Type.promote(operand.type(), Type.INT));
      }
      case PREFIX_INCREMENT:
      case POSTFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_DECREMENT:
        return error(e, Message.UNSUPPORTED_EXPRESSION, "++/-- inside an expression (" + e + ")",
            "write it as a statement of its own");
      case ASSIGNMENT:
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
      case AND_ASSIGNMENT:
      case OR_ASSIGNMENT:
      case XOR_ASSIGNMENT:
      case LEFT_SHIFT_ASSIGNMENT:
      case RIGHT_SHIFT_ASSIGNMENT:
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
        return error(e, Message.UNSUPPORTED_EXPRESSION, "an assignment inside an expression (" + e + ")",
            "write it as a statement of its own");
      case CONDITIONAL_EXPRESSION:
        return conditional((ConditionalExpressionTree) e);
      case TYPE_CAST:
        return cast((TypeCastTree) e);
      case METHOD_INVOCATION:
        return call((MethodInvocationTree) e);
      case LAMBDA_EXPRESSION:
        return error(e, Message.UNSUPPORTED_EXPRESSION, "a lambda",
            "write the function as a @Differentiable static method and call it");
      case MEMBER_REFERENCE:
        return error(e, Message.UNSUPPORTED_EXPRESSION, "a method reference",
            "call a @Differentiable static method directly");
      case NEW_CLASS:
        return error(e, Message.UNSUPPORTED_EXPRESSION, "object creation (" + e + ")",
            "compute with primitives");
      case ARRAY_ACCESS:
        return arrayAccess((ArrayAccessTree) e);
      case NEW_ARRAY:
        return error(e, Message.UNSUPPORTED_EXPRESSION, "an array allocation inside an expression",
            "declare it as a local: double[] a = new double[n];");
      case INSTANCE_OF:
        return error(e, Message.UNSUPPORTED_EXPRESSION, "instanceof", "compute with primitives");
      case SWITCH_EXPRESSION:
        return error(e, Message.UNSUPPORTED_EXPRESSION, "a switch expression", "use ?: or if/else");
      default:
        if (e instanceof BinaryTree b) {
          return binaryTree(b);
        }
        return error(e, Message.UNSUPPORTED_EXPRESSION, describeKind(e.getKind()),
            "rewrite it with the supported expressions");
    }
  }

  private Expr error(Tree at, Message message, Object... args) {
    reporter.error(at, message, args);
    return ERROR;
  }

  /** Spells a double so that it reads back as exactly the same value. */
  public static String doubleText(double value) {
    if (Double.isNaN(value)) {
      return "Double.NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    return Double.toString(value);
  }

  private Expr sign(UnaryTree u) {
    Expr operand = expr(u.getExpression());
    if (operand == ERROR) {
      return ERROR;
    }
    if (operand.type().isArray()) {
      return error(u, Message.UNSUPPORTED_EXPRESSION, "a sign on an array", "index it to compute with an element");
    }
    if (!operand.type().isNumeric()) {
      return error(u, Message.UNSUPPORTED_EXPRESSION, "a sign on a boolean", "use !");
    }
    UnaryOp op = u.getKind() == Tree.Kind.UNARY_MINUS ? UnaryOp.NEG : UnaryOp.PLUS;
    Type type = Type.promote(operand.type(), Type.INT);
    // -2.0 is one literal in generated code, as it reads in the source.
    if (op == UnaryOp.NEG && operand instanceof Expr.Literal lit && !lit.text().startsWith("-")
        && !lit.text().startsWith("Double.")) {
      return new Expr.Literal(type, "-" + lit.text());
    }
    return new Expr.Unary(op, operand, type);
  }

  private Expr identifier(IdentifierTree id) {
    String name = id.getName().toString();
    Var v = lookup(name);
    if (v != null && unusable.contains(v)) {
      return ERROR; // its declaration is reported
    }
    if (v != null && expansions.containsKey(v)) {
      return expansions.get(v);
    }
    if (v != null) {
      return new Expr.Ref(v);
    }
    if (name.equals("this") || name.equals("super")) {
      return error(id, Message.UNSUPPORTED_EXPRESSION, name, "a @Differentiable method is static");
    }
    Optional<VariableElement> field = names.field(name);
    if (field.isPresent()) {
      return constant(field.get(), id);
    }
    return unknownName(id, name);
  }

  /** Names reported unknown: a missing declaration is one mistake, reported at its first use. */
  private final Set<String> unknownNames = new HashSet<>();

  private Expr unknownName(Tree at, String name) {
    if (unknownNames.add(name)) {
      reporter.error(at, Message.UNKNOWN_NAME, name);
    }
    return ERROR;
  }

  private Expr arrayAccess(ArrayAccessTree access) {
    Expr base = expr(access.getExpression());
    Expr index = index(access.getIndex());
    if (base == ERROR) {
      return ERROR;
    }
    if (!base.type().isArray()) {
      return error(access, Message.UNSUPPORTED_EXPRESSION, "indexing a " + base.type().javaName(), "index an array");
    }
    if (base instanceof Expr.Ref r) {
      return new Expr.ArrayRead(r.var(), List.of(index), base.type().element());
    }
    Expr.ArrayRead row = (Expr.ArrayRead) base;
    List<Expr> indices = new ArrayList<>(row.indices());
    indices.add(index);
    return new Expr.ArrayRead(row.array(), indices, base.type().element());
  }

  private Expr memberSelect(MemberSelectTree select) {
    String member = select.getIdentifier().toString();
    ExpressionTree qualifier = unparenthesize(select.getExpression());
    if (member.equals("length")) {
      Expr array = qualifier instanceof IdentifierTree id
              && (lookup(id.getName().toString()) != null || names.field(id.getName().toString()).isPresent())
          || qualifier instanceof ArrayAccessTree
          || qualifier instanceof MemberSelectTree && names.type(qualifier).isEmpty()
          ? expr(qualifier)
          : null;
      if (array == ERROR) {
        return ERROR;
      }
      if (array != null && array.type().isArray()) {
        return new Expr.Length(array);
      }
    }
    if (qualifier instanceof IdentifierTree id && unusable.contains(lookup(id.getName().toString()))) {
      return ERROR; // its declaration is reported
    }
    if (qualifier instanceof IdentifierTree id && lookup(id.getName().toString()) != null) {
      return error(select, Message.UNSUPPORTED_EXPRESSION, "member access on a value (" + select + ")",
          "compute with primitives");
    }
    boolean self = qualifier instanceof IdentifierTree id
        && (id.getName().contentEquals("this") || id.getName().contentEquals("super"));
    if (self || !(qualifier instanceof IdentifierTree) && !(qualifier instanceof MemberSelectTree)) {
      // new Foo().x, f(x).y: the qualifier is an expression; its own error names it.
      Expr value = expr(qualifier);
      if (value == ERROR) {
        return ERROR;
      }
      return error(select, Message.UNSUPPORTED_EXPRESSION, "member access on a value (" + select + ")",
          "compute with primitives");
    }
    Optional<TypeElement> type = names.type(qualifier);
    if (type.isEmpty()) {
      return error(select, Message.UNKNOWN_NAME, select);
    }
    Optional<VariableElement> field = NameResolver.field(type.get(), member);
    if (field.isEmpty()) {
      return error(select, Message.UNKNOWN_NAME, select);
    }
    return constant(field.get(), select);
  }

  private Expr constant(VariableElement field, Tree at) {
    TypeElement owner = (TypeElement) field.getEnclosingElement();
    String display = owner.getSimpleName() + "." + field.getSimpleName();
    if (!field.getModifiers().contains(Modifier.STATIC) || !field.getModifiers().contains(Modifier.FINAL)) {
      return error(at, Message.UNSUPPORTED_FIELD, display);
    }
    Optional<Type> type = scalarType(field.asType());
    if (type.isEmpty() && valueType(field.asType()).isPresent()) {
      return error(at, Message.ARRAY_CONSTANT, display, field.asType());
    }
    if (type.isEmpty()) {
      return error(at, Message.UNSUPPORTED_TYPE, field.asType());
    }
    if (accessibleFromGeneratedCode(field)) {
      // Generated code lives in the method's package: spell the owner as that package sees it.
      String qualified = owner.getQualifiedName().toString();
      String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
      String here = elements.getPackageOf(method).getQualifiedName().toString();
      String ownerName =
          pkg.equals(here) || pkg.equals("java.lang")
              ? (pkg.isEmpty() ? qualified : qualified.substring(pkg.length() + 1))
              : qualified;
      String access = ownerName + "." + field.getSimpleName();
      return new Expr.Constant(type.get(), access, display);
    }
    Object value = field.getConstantValue();
    if (value == null) {
      return error(at, Message.INACCESSIBLE_CONSTANT, display);
    }
    String text = switch (type.get()) {
      case DOUBLE -> doubleText(((Number) value).doubleValue());
      case LONG -> value + "L";
      default -> value.toString();
    };
    return new Expr.Constant(type.get(), text, display);
  }

  /** Generated classes live in the method's package, outside the user's class. */
  private boolean accessibleFromGeneratedCode(Element member) {
    String here = elements.getPackageOf(method).getQualifiedName().toString();
    for (Element e = member; e instanceof VariableElement || e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!e.getModifiers().contains(Modifier.PUBLIC)
          && !elements.getPackageOf(e).getQualifiedName().contentEquals(here)) {
        return false;
      }
    }
    return true;
  }

  private Expr binaryTree(BinaryTree b) {
    BinaryOp op = switch (b.getKind()) {
      case PLUS -> BinaryOp.ADD;
      case MINUS -> BinaryOp.SUB;
      case MULTIPLY -> BinaryOp.MUL;
      case DIVIDE -> BinaryOp.DIV;
      case REMAINDER -> BinaryOp.REM;
      case LESS_THAN -> BinaryOp.LT;
      case GREATER_THAN -> BinaryOp.GT;
      case LESS_THAN_EQUAL -> BinaryOp.LE;
      case GREATER_THAN_EQUAL -> BinaryOp.GE;
      case EQUAL_TO -> BinaryOp.EQ;
      case NOT_EQUAL_TO -> BinaryOp.NE;
      case CONDITIONAL_AND -> BinaryOp.AND;
      case CONDITIONAL_OR -> BinaryOp.OR;
      case AND -> BinaryOp.BIT_AND;
      case OR -> BinaryOp.BIT_OR;
      case XOR -> BinaryOp.BIT_XOR;
      case LEFT_SHIFT -> BinaryOp.SHL;
      case RIGHT_SHIFT -> BinaryOp.SHR;
      default -> BinaryOp.USHR;
    };
    Expr left = expr(b.getLeftOperand());
    Expr right = expr(b.getRightOperand());
    return binary(op, left, right, b);
  }

  private Expr binary(BinaryOp op, Expr left, Expr right, Tree at) {
    if (left == ERROR || right == ERROR) {
      return ERROR;
    }
    if ((left.type().isArray() || right.type().isArray()) && op != BinaryOp.EQ && op != BinaryOp.NE) {
      return error(at, Message.UNSUPPORTED_EXPRESSION, "an array as an operand of " + op.symbol,
          "index it to compute with an element");
    }
    boolean booleans = left.type() == Type.BOOLEAN && right.type() == Type.BOOLEAN;
    boolean numbers = left.type().isNumeric() && right.type().isNumeric();
    Type type;
    switch (op) {
      case ADD, SUB, MUL, DIV, REM -> {
        if (!numbers) {
          return error(at, Message.UNSUPPORTED_EXPRESSION, "arithmetic on booleans", "use numbers");
        }
        type = Type.promote(left.type(), right.type());
      }
      case LT, GT, LE, GE -> {
        if (!numbers) {
          return error(at, Message.UNSUPPORTED_EXPRESSION, "an ordering of booleans", "use numbers");
        }
        type = Type.BOOLEAN;
      }
      case EQ, NE -> type = Type.BOOLEAN;
      case AND, OR -> {
        if (!booleans) {
          return error(at, Message.UNSUPPORTED_EXPRESSION, op.symbol + " on numbers", "compare first");
        }
        type = Type.BOOLEAN;
      }
      case BIT_AND, BIT_OR, BIT_XOR -> {
        if (booleans) {
          type = Type.BOOLEAN;
        } else if (numbers && left.type() != Type.DOUBLE && right.type() != Type.DOUBLE) {
          type = Type.promote(left.type(), right.type());
        } else {
          return error(at, Message.UNSUPPORTED_EXPRESSION, "bitwise " + op.symbol + " on doubles", "use int or long");
        }
      }
      default -> {
        if (left.type() == Type.DOUBLE || right.type() == Type.DOUBLE || !numbers) {
          return error(at, Message.UNSUPPORTED_EXPRESSION, "a shift of a double", "use int or long");
        }
        type = Type.promote(left.type(), Type.INT);
      }
    }
    return new Expr.Binary(op, left, right, type);
  }

  private Expr conditional(ConditionalExpressionTree c) {
    Expr condition = condition(c.getCondition());
    Expr a = expr(c.getTrueExpression());
    Expr b = expr(c.getFalseExpression());
    if (condition == ERROR || a == ERROR || b == ERROR) {
      return ERROR;
    }
    Type type;
    if (a.type() == b.type()) {
      type = a.type();
    } else if (a.type().isNumeric() && b.type().isNumeric()) {
      type = Type.promote(a.type(), b.type());
    } else if (a.type().isArray() || b.type().isArray()) {
      return error(c, Message.UNSUPPORTED_EXPRESSION,
          "?: choosing between " + article(a.type()) + " and " + article(b.type()), "choose values of one type");
    } else {
      return error(c, Message.UNSUPPORTED_EXPRESSION, "?: mixing booleans and numbers", "choose values of one type");
    }
    return new Expr.Conditional(condition, a, b, type);
  }

  private Expr cast(TypeCastTree c) {
    Expr operand = expr(c.getExpression());
    Tree typeTree = c.getType();
    if (typeTree instanceof PrimitiveTypeTree p) {
      Optional<Type> type = primitive(p.getPrimitiveTypeKind());
      if (type.isEmpty()) {
        return error(typeTree, Message.UNSUPPORTED_TYPE, typeTree);
      }
      if (operand == ERROR) {
        return ERROR;
      }
      if (type.get().isNumeric() != operand.type().isNumeric()) {
        return error(c, Message.UNSUPPORTED_EXPRESSION, "a cast between boolean and number", "use ?:");
      }
      return new Expr.Cast(type.get(), operand);
    }
    return error(c, Message.UNSUPPORTED_EXPRESSION, "a cast to " + typeTree, "compute with primitives");
  }

  // ---------------------------------------------------------------- calls

  private Expr call(MethodInvocationTree inv) {
    List<Expr> args = new ArrayList<>();
    boolean argError = false;
    for (ExpressionTree a : inv.getArguments()) {
      Expr x = expr(a);
      argError |= x == ERROR;
      args.add(x);
    }
    ExpressionTree select = inv.getMethodSelect();
    String name;
    TypeElement owner;
    if (select instanceof IdentifierTree id) {
      name = id.getName().toString();
      Optional<TypeElement> found = names.methodOwner(name);
      if (found.isEmpty()) {
        return error(inv, Message.UNSUPPORTED_CALL, name + "()");
      }
      owner = found.get();
    } else if (select instanceof MemberSelectTree ms) {
      name = ms.getIdentifier().toString();
      ExpressionTree qualifier = unparenthesize(ms.getExpression());
      if (qualifier instanceof IdentifierTree id && unusable.contains(lookup(id.getName().toString()))) {
        return ERROR; // s.length() on a String s: the declaration of s is reported
      }
      Optional<TypeElement> type =
          qualifier instanceof IdentifierTree id && lookup(id.getName().toString()) != null
              ? Optional.empty()
              : names.type(qualifier);
      if (type.isEmpty()) {
        return error(inv, Message.INSTANCE_CALL, ms.getExpression() + "." + name + "()");
      }
      owner = type.get();
    } else {
      return error(inv, Message.UNSUPPORTED_CALL, select + "()");
    }
    String qualified = owner.getQualifiedName().toString();
    String display = owner.getSimpleName() + "." + name + "()";
    boolean intrinsic = qualified.equals(MathFunction.INTRINSICS);
    if (intrinsic || qualified.equals("java.lang.Math") || qualified.equals("java.lang.StrictMath")) {
      Optional<MathFunction> function = MathFunction.named(name, intrinsic);
      if (function.isPresent() && function.get().arity() != args.size()) {
        return error(inv, Message.ARGUMENT_COUNT, owner.getSimpleName() + "." + name, function.get().arity(), args.size());
      }
      if (function.isEmpty()) {
        return error(inv, Message.UNSUPPORTED_CALL, display);
      }
      if (argError) {
        return ERROR;
      }
      return mathCall(intrinsic ? qualified : owner.getSimpleName().toString(), function.get(), args, inv);
    }
    List<ExecutableElement> differentiable =
        NameResolver.methods(owner, name).stream()
            .filter(m -> hasAnnotation(m, DIFFERENTIABLE))
            .filter(m -> m.getParameters().size() == args.size())
            .toList();
    if (differentiable.isEmpty()) {
      // A @Differentiable method of that name with another parameter count: the count is the mistake.
      List<ExecutableElement> named =
          NameResolver.methods(owner, name).stream().filter(m -> hasAnnotation(m, DIFFERENTIABLE)).toList();
      if (named.size() == 1) {
        return error(inv, Message.ARGUMENT_COUNT, owner.getSimpleName() + "." + name,
            named.get(0).getParameters().size(), args.size());
      }
    }
    if (differentiable.size() != 1) {
      return error(inv, Message.UNSUPPORTED_CALL, display);
    }
    for (int i = 0; i < args.size() && !argError; i++) {
      Optional<Type> parameterType = valueType(differentiable.get(0).getParameters().get(i).asType());
      if (parameterType.isPresent()) {
        argError |= converted(parameterType.get(), args.get(i), inv.getArguments().get(i)) == ERROR;
      }
    }
    Callee callee = callee(differentiable.get(0), inv);
    if (callee == null || argError) {
      return ERROR;
    }
    for (int i = 0; i < args.size(); i++) {
      VariableElement p = differentiable.get(0).getParameters().get(i);
      Optional<Type> type = valueType(p.asType());
      boolean carriesGradient = type.isPresent() && (type.get() == Type.DOUBLE || type.get().isArray());
      if (carriesGradient && !isDifferentiable(p) && mayDependOnParameters(args.get(i))) {
        pendingNoGradChecks.add(new NoGradCheck(args.get(i), inv.getArguments().get(i), i + 1, callee.display()));
      }
    }
    return new Expr.DiffCall(callee, args);
  }

  private Expr mathCall(String owner, MathFunction f, List<Expr> args, Tree at) {
    Type promoted = Type.INT;
    for (Expr a : args) {
      if (a.type().isArray()) {
        return error(at, Message.UNSUPPORTED_EXPRESSION, "an array argument of Math." + f.javaName(),
            "pass an element, or loop over the array");
      }
      if (!a.type().isNumeric()) {
        return error(at, Message.UNSUPPORTED_EXPRESSION, "a boolean argument of Math." + f.javaName(), "pass a number");
      }
      promoted = Type.promote(promoted, a.type());
    }
    Type type = switch (f.typing()) {
      case DOUBLE -> Type.DOUBLE;
      case PROMOTED -> promoted;
      case LONG -> Type.LONG;
      case PROMOTED_INTEGRAL -> {
        if (promoted == Type.DOUBLE) {
          yield null;
        }
        yield promoted;
      }
    };
    if (type == null) {
      return error(at, Message.UNSUPPORTED_EXPRESSION, "Math." + f.javaName() + " of a double", "pass int or long");
    }
    if (f == MathFunction.ROUND && promoted != Type.DOUBLE) {
      // Math.round(int) resolves to round(float): floats are outside the subset.
      return error(at, Message.UNSUPPORTED_EXPRESSION, "Math.round of an integer (Java rounds it as a float)",
          "an int or long is already whole: drop Math.round, or cast the argument to double");
    }
    return new Expr.MathCall(owner, f, args, type);
  }

  private Callee callee(ExecutableElement m, Tree at) {
    String pkg = GeneratedNames.packageName(elements, m);
    String simple = GeneratedNames.backwardSimpleName(m);
    String display = GeneratedNames.display(m);
    if (!m.getModifiers().contains(Modifier.STATIC)
        || m.getReturnType().getKind() != TypeKind.DOUBLE) {
      // The callee's own declaration error names the problem.
      reporter.error(at, Message.UNSUPPORTED_CALL, display + "()");
      return null;
    }
    List<String> fields = new ArrayList<>();
    if (trees.getTree(m) != null) {
      for (VariableElement p : m.getParameters()) {
        fields.add(isDifferentiable(p) ? p.getSimpleName().toString() : null);
      }
    } else {
      // Compiled earlier: parameter names may be gone, the generated class's fields are not.
      String qualified = GeneratedNames.backwardName(elements, m);
      TypeElement backward = elements.getTypeElement(qualified);
      if (backward == null) {
        reporter.error(at, Message.MISSING_BACKWARD, display, simple, m.getEnclosingElement().getSimpleName());
        return null;
      }
      String origin = GeneratedNames.origin(m);
      String recorded = GeneratedNames.recordedOrigin(backward).orElse(origin);
      String claimer = claimedOrigin.apply(qualified);
      // Another method's class of the same name would be called instead: its value and gradient.
      String other = !recorded.equals(origin) ? recorded : claimer != null && !claimer.equals(origin) ? claimer : null;
      if (other != null) {
        reporter.error(at, Message.NAME_COLLISION, qualified, display, other);
        return null;
      }
      List<String> gradientFields =
          ElementFilter.fieldsIn(backward.getEnclosedElements()).stream()
              .filter(f -> f.getModifiers().contains(Modifier.PUBLIC))
              .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
              .map(f -> f.getSimpleName().toString())
              .toList();
      int next = 0;
      for (VariableElement p : m.getParameters()) {
        if (isDifferentiable(p)) {
          if (next >= gradientFields.size()) {
            reporter.error(at, Message.MISSING_BACKWARD, display, simple, m.getEnclosingElement().getSimpleName());
            return null;
          }
          fields.add(gradientFields.get(next++));
        } else {
          fields.add(null);
        }
      }
    }
    return new Callee(display, pkg, simple, m.getSimpleName().toString(), fields);
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
