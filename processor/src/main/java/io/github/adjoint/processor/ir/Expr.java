package io.github.adjoint.processor.ir;

import java.util.List;

/** An expression of the fenced subset, typed syntactically by the reader. */
public sealed interface Expr {
  Type type();

  /**
   * The same node over operands mapped by {@code f}, in evaluation order (a conditional maps its
   * condition and both branches; an array read its indices); leaves are returned as they are.
   */
  static Expr mapOperands(Expr e, java.util.function.UnaryOperator<Expr> f) {
    if (e instanceof Unary u) {
      return new Unary(u.op(), f.apply(u.operand()), u.type());
    }
    if (e instanceof Binary b) {
      Expr left = f.apply(b.left());
      return new Binary(b.op(), left, f.apply(b.right()), b.type());
    }
    if (e instanceof Conditional c) {
      Expr condition = f.apply(c.condition());
      Expr ifTrue = f.apply(c.ifTrue());
      return new Conditional(condition, ifTrue, f.apply(c.ifFalse()), c.type());
    }
    if (e instanceof Cast c) {
      return new Cast(c.type(), f.apply(c.operand()));
    }
    if (e instanceof MathCall m) {
      return new MathCall(m.owner(), m.function(), m.args().stream().map(f).toList(), m.type());
    }
    if (e instanceof DiffCall d) {
      return new DiffCall(d.callee(), d.args().stream().map(f).toList(), d.streamState());
    }
    if (e instanceof ArrayRead r) {
      return new ArrayRead(r.array(), r.indices().stream().map(f).toList(), r.type());
    }
    return e;
  }

  /** Visits an expression and every subexpression of it, parents first. */
  static void visit(Expr e, java.util.function.Consumer<Expr> visitor) {
    visitor.accept(e);
    if (e instanceof Unary u) {
      visit(u.operand(), visitor);
    } else if (e instanceof Binary b) {
      visit(b.left(), visitor);
      visit(b.right(), visitor);
    } else if (e instanceof Conditional c) {
      visit(c.condition(), visitor);
      visit(c.ifTrue(), visitor);
      visit(c.ifFalse(), visitor);
    } else if (e instanceof Cast c) {
      visit(c.operand(), visitor);
    } else if (e instanceof MathCall m) {
      m.args().forEach(a -> visit(a, visitor));
    } else if (e instanceof DiffCall d) {
      d.args().forEach(a -> visit(a, visitor));
    } else if (e instanceof ArrayRead r) {
      r.indices().forEach(a -> visit(a, visitor));
    } else if (e instanceof Length l) {
      visit(l.array(), visitor);
    } else if (e instanceof NewArray n) {
      n.dimensions().forEach(a -> visit(a, visitor));
    }
  }

  /** A literal, already in the Java spelling the generated code uses ({@code 2.0}, {@code 3L}). */
  record Literal(Type type, String text) implements Expr {}

  record Ref(Var var) implements Expr {
    @Override
    public Type type() {
      return var.type();
    }
  }

  /**
   * A {@code static final} field: {@code access} is how generated code reads it (a qualified name,
   * or the literal value of a compile-time constant the generated class cannot see).
   */
  record Constant(Type type, String access, String display) implements Expr {}

  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {}

  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {}

  record Conditional(Expr condition, Expr ifTrue, Expr ifFalse, Type type) implements Expr {}

  record Cast(Type type, Expr operand) implements Expr {}

  /** A call of {@code java.lang.Math} or {@code StrictMath} ({@code owner} is the simple name). */
  record MathCall(String owner, MathFunction function, List<Expr> args, Type type) implements Expr {}

  /**
   * A call of another {@code @Differentiable} method, through its generated backward class. {@code
   * streamState}: for a callee that draws dropout masks, called in a loop, the variable that holds
   * the dropout stream's state right before the call (the reverse sweep runs the call again from
   * it, to draw the same masks); null otherwise.
   */
  record DiffCall(Callee callee, List<Expr> args, Var streamState) implements Expr {
    public DiffCall(Callee callee, List<Expr> args) {
      this(callee, args, null);
    }

    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }

  /**
   * {@code array[i]} or {@code matrix[i][j]} (type double), or the row {@code matrix[i]} (type
   * double[]). The array is a variable: parameters, local arrays and aliases.
   */
  record ArrayRead(Var array, List<Expr> indices, Type type) implements Expr {}

  /** {@code array.length}, {@code matrix[i].length}. */
  record Length(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /** {@code new double[n]}, {@code new double[n][m]}: only as a local array's declaration. */
  record NewArray(List<Expr> dimensions, Type type) implements Expr {}

  /** The unary operators of the subset. */
  enum UnaryOp {
    NEG("-"),
    PLUS("+"),
    NOT("!"),
    BIT_NOT("~");

    public final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** The binary operators of the subset. */
  enum BinaryOp {
    ADD("+", true),
    SUB("-", true),
    MUL("*", true),
    DIV("/", true),
    REM("%", true),
    LT("<", false),
    GT(">", false),
    LE("<=", false),
    GE(">=", false),
    EQ("==", false),
    NE("!=", false),
    AND("&&", false),
    OR("||", false),
    BIT_AND("&", false),
    BIT_OR("|", false),
    BIT_XOR("^", false),
    SHL("<<", false),
    SHR(">>", false),
    USHR(">>>", false);

    public final String symbol;
    /** Arithmetic on doubles, with a derivative rule. */
    public final boolean arithmetic;

    BinaryOp(String symbol, boolean arithmetic) {
      this.symbol = symbol;
      this.arithmetic = arithmetic;
    }
  }
}
