package io.github.adjoint.processor.read;

import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.Trees;
import io.github.adjoint.processor.diag.Message;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Expr.BinaryOp;
import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
  private final StatementPositions positions;
  private final Declarations declarations;
  private final Assignments assignments;
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
    this.positions = new StatementPositions(trees.getSourcePositions(), unit);
    this.expressions = new ExpressionReader(trees, elements, reporter, method, names, symbols, claimedOrigin);
    this.declarations = new Declarations(expressions, reporter, symbols, positions);
    this.assignments = new Assignments(expressions, reporter, symbols, names, positions);
  }

  /** Reports the arguments that turned out to carry a derivative into a @NoGrad parameter. */
  public void reportNoGradArguments(java.util.function.Predicate<Expr> varied) {
    expressions.calls().reportNoGradArguments(varied);
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
      case VARIABLE -> declarations.read((VariableTree) s, out, loopDepth);
      case EXPRESSION_STATEMENT -> assignments.read((ExpressionStatementTree) s, out);
      case BLOCK -> block(((BlockTree) s).getStatements(), out);
      case IF -> {
        IfTree t = (IfTree) s;
        Expr condition = expressions.condition(t.getCondition());
        out.add(
            new Stmt.If(
                condition, branch(t.getThenStatement()), branch(t.getElseStatement()), positions.of(s)));
      }
      case RETURN -> {
        ReturnTree t = (ReturnTree) s;
        Expr value = t.getExpression() == null ? ERROR : expressions.numeric(t.getExpression());
        out.add(new Stmt.Return(value, positions.of(s)));
      }
      case EMPTY_STATEMENT -> {}
      case FOR_LOOP -> forLoop((ForLoopTree) s, out);
      case ENHANCED_FOR_LOOP -> enhancedFor((EnhancedForLoopTree) s, out);
      case WHILE_LOOP -> {
        WhileLoopTree t = (WhileLoopTree) s;
        Expr condition = loopCondition(t.getCondition());
        out.add(new Stmt.Loop(condition, loopBody(t.getStatement(), List.of()), List.of(), true, positions.of(s)));
      }
      case DO_WHILE_LOOP -> {
        DoWhileLoopTree t = (DoWhileLoopTree) s;
        List<Stmt> body = loopBody(t.getStatement(), List.of());
        Expr condition = loopCondition(t.getCondition());
        out.add(new Stmt.Loop(condition, body, List.of(), false, positions.of(s)));
      }
      case BREAK -> {
        if (((com.sun.source.tree.BreakTree) s).getLabel() != null) {
          unsupported(s, "a labeled break", "use a flag, or return from a @Differentiable helper");
        } else {
          out.add(new Stmt.Break(positions.of(s)));
        }
      }
      case CONTINUE -> {
        if (((com.sun.source.tree.ContinueTree) s).getLabel() != null) {
          unsupported(s, "a labeled continue", "use a flag");
        } else {
          out.add(new Stmt.Continue(positions.of(s)));
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
    out.add(new Stmt.Loop(condition, body, update, true, positions.of(t)));
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
      setup.add(new Stmt.Assign(array, iterable, true, positions.of(t)));
    }
    out.addAll(setup);
    Var index = new Var("i", Type.INT, Var.Kind.LOCAL, false);
    out.add(new Stmt.Assign(index, new Expr.Literal(Type.INT, "0"), true, positions.of(t)));
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
      prefix = List.of(new Stmt.Assign(element, current, true, positions.of(t.getVariable())));
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
                positions.of(t)));
    out.add(new Stmt.Loop(condition, body, update, true, positions.of(t)));
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

  static Optional<Type> primitive(TypeKind kind) {
    return switch (kind) {
      case DOUBLE -> Optional.of(Type.DOUBLE);
      case INT -> Optional.of(Type.INT);
      case LONG -> Optional.of(Type.LONG);
      case BOOLEAN -> Optional.of(Type.BOOLEAN);
      default -> Optional.empty();
    };
  }

}
