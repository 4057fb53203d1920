package io.github.adjoint.processor.read;

import static io.github.adjoint.processor.read.MethodReader.describeKind;
import static io.github.adjoint.processor.read.MethodReader.primitive;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.Trees;
import io.github.adjoint.processor.diag.Message;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Expr.BinaryOp;
import io.github.adjoint.processor.ir.Expr.UnaryOp;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Reads the expressions of a {@code @Differentiable} body into the IR: typed as Java types them,
 * names resolved syntactically through the symbol table, constants through {@code Elements}, calls
 * through {@link CallReader}. Each construct outside the fence is reported at its own position and
 * read as {@link #ERROR}, so reading goes on to find more errors, and nothing follows from it.
 */
final class ExpressionReader {
  /** Stands in for an expression that was reported, so reading can go on to find more errors. */
  static final Expr ERROR = new Expr.Literal(Type.DOUBLE, "0.0");

  private final Elements elements;
  private final Reporter reporter;
  private final ExecutableElement method;
  private final NameResolver names;
  private final Symbols symbols;
  private final CallReader calls;
  private final Constants constants;
  private final Typing typing;

  ExpressionReader(
      Trees trees,
      Elements elements,
      Reporter reporter,
      ExecutableElement method,
      NameResolver names,
      Symbols symbols,
      java.util.function.UnaryOperator<String> claimedOrigin) {
    this.elements = elements;
    this.reporter = reporter;
    this.method = method;
    this.names = names;
    this.symbols = symbols;
    this.calls = new CallReader(trees, elements, reporter, names, symbols, this, claimedOrigin);
    this.constants = new Constants(elements, reporter, method);
    this.typing = new Typing(reporter);
  }

  CallReader calls() {
    return calls;
  }

  /** The value of a compile-time constant double expression; empty for any other. */
  java.util.OptionalDouble constantValue(Expr e) {
    return constants.values().of(e);
  }

  Expr condition(ExpressionTree e) {
    Expr c = expr(e);
    if (c != ERROR && c.type() != Type.BOOLEAN) {
      reporter.error(e, Message.UNSUPPORTED_EXPRESSION, "a non-boolean condition", "compare the value");
    }
    return c;
  }

  Expr numeric(ExpressionTree e) {
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

  static ExpressionTree unparenthesize(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e;
  }

  Expr expr(ExpressionTree e) {
    switch (e.getKind()) {
      case PARENTHESIZED:
        return expr(((ParenthesizedTree) e).getExpression());
      case INT_LITERAL:
        return new Expr.Literal(Type.INT, ((LiteralTree) e).getValue().toString());
      case LONG_LITERAL:
        return new Expr.Literal(Type.LONG, ((LiteralTree) e).getValue() + "L");
      case DOUBLE_LITERAL:
        return new Expr.Literal(Type.DOUBLE, Constants.doubleText((Double) ((LiteralTree) e).getValue()));
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
        return calls.call((MethodInvocationTree) e);
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

  Expr error(Tree at, Message message, Object... args) {
    return reported(reporter, at, message, args);
  }

  /** Reports the mistake at {@code at} and returns {@link #ERROR}, which reading goes on with. */
  static Expr reported(Reporter reporter, Tree at, Message message, Object... args) {
    reporter.error(at, message, args);
    return ERROR;
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
    Var v = symbols.lookup(name);
    if (v != null && symbols.unusable.contains(v)) {
      return ERROR; // its declaration is reported
    }
    if (v != null && symbols.expansions.containsKey(v)) {
      return symbols.expansions.get(v);
    }
    if (v != null) {
      return new Expr.Ref(v);
    }
    if (name.equals("this") || name.equals("super")) {
      return error(id, Message.UNSUPPORTED_EXPRESSION, name, "a @Differentiable method is static");
    }
    Optional<VariableElement> field = names.field(name);
    if (field.isPresent()) {
      return constants.read(field.get(), id);
    }
    return unknownName(id, name);
  }

  /** Names reported unknown: a missing declaration is one mistake, reported at its first use. */
  private final Set<String> unknownNames = new HashSet<>();

  Expr unknownName(Tree at, String name) {
    if (unknownNames.add(name)) {
      reporter.error(at, Message.UNKNOWN_NAME, name);
    }
    return ERROR;
  }

  Expr arrayAccess(ArrayAccessTree access) {
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
              && (symbols.lookup(id.getName().toString()) != null || names.field(id.getName().toString()).isPresent())
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
    if (qualifier instanceof IdentifierTree id && symbols.unusable.contains(symbols.lookup(id.getName().toString()))) {
      return ERROR; // its declaration is reported
    }
    if (qualifier instanceof IdentifierTree id && symbols.lookup(id.getName().toString()) != null) {
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
    return constants.read(field.get(), select);
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

  /** {@code left op right}, typed as Java types it ({@link Typing#binary}). */
  Expr binary(BinaryOp op, Expr left, Expr right, Tree at) {
    return typing.binary(op, left, right, at);
  }

  /** {@code value} if it converts to {@code to}, else {@link #ERROR} after reporting at {@code at}. */
  Expr converted(Type to, Expr value, Tree at) {
    return typing.converted(to, value, at);
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
          "?: choosing between " + Typing.article(a.type()) + " and " + Typing.article(b.type()), "choose values of one type");
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

  /** An index or a size: an int expression. */
  Expr index(ExpressionTree e) {
    Expr x = expr(e);
    if (x != ERROR && x.type() != Type.INT) {
      reporter.error(e, Message.UNSUPPORTED_EXPRESSION, "a " + x.type().javaName() + " index (" + e + ")",
          "index with an int");
      return new Expr.Literal(Type.INT, "0");
    }
    return x == ERROR ? new Expr.Literal(Type.INT, "0") : x;
  }

}
