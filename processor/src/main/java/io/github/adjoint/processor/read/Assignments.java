package io.github.adjoint.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import io.github.adjoint.processor.diag.Message;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Expr.BinaryOp;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.List;

/**
 * Reads the statements that write: assignments to locals and to elements of local arrays,
 * compound assignments with their implicit narrowing, {@code ++} and {@code --}. A write outside
 * the fence (a field, a parameter's array, a whole row) is reported at the statement.
 */
final class Assignments {
  private static final Expr ERROR = ExpressionReader.ERROR;

  private final ExpressionReader expressions;
  private final Reporter reporter;
  private final Symbols symbols;
  private final NameResolver names;
  private final StatementPositions positions;

  Assignments(
      ExpressionReader expressions, Reporter reporter, Symbols symbols, NameResolver names,
      StatementPositions positions) {
    this.expressions = expressions;
    this.reporter = reporter;
    this.symbols = symbols;
    this.names = names;
    this.positions = positions;
  }

  /** An expression statement: an assignment, a compound assignment, {@code ++}/{@code --}, or a call (checked, then dropped). */
  void read(ExpressionStatementTree s, List<Stmt> out) {
    ExpressionTree e = s.getExpression();
    switch (e.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree a = (AssignmentTree) e;
        if (ExpressionReader.unparenthesize(a.getVariable()) instanceof ArrayAccessTree access) {
          ElementTarget target = elementTarget(access);
          // Without a target (a row m[0] = m[1], say) the value's type is no second mistake.
          Expr value = target == null ? expressions.expr(a.getExpression()) : expressions.numeric(a.getExpression());
          if (target != null) {
            out.add(new Stmt.ArrayAssign(target.array(), target.indices(), value, positions.of(s)));
          }
          return;
        }
        Var target = assignable(a.getVariable());
        if (target == null) {
          return; // the statement is already reported
        }
        out.add(new Stmt.Assign(target, expressions.converted(target.type(), expressions.expr(a.getExpression()), a.getExpression()), false, positions.of(s)));
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
            out.add(new Stmt.ArrayAssign(target.array(), target.indices(), narrowTo(Type.DOUBLE, combined), positions.of(s)));
          }
          return;
        }
        Var target = assignable(a.getVariable());
        Expr value = expressions.expr(a.getExpression());
        if (target != null) {
          BinaryOp op = compoundOp(e.getKind());
          Expr combined = expressions.binary(op, new Expr.Ref(target), value, a);
          out.add(new Stmt.Assign(target, narrowTo(target.type(), combined), false, positions.of(s)));
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
            out.add(new Stmt.ArrayAssign(target.array(), target.indices(), step, positions.of(s)));
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
          out.add(new Stmt.Assign(target, step, false, positions.of(s)));
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

  /** An alias indexed by {@code v} would name another row once {@code v} changes: reported. */
  private void checkNoAliasDependsOn(Var v, Tree at) {
    Var alias = symbols.aliasIndexedBy(v);
    if (alias != null) {
      reporter.error(at, Message.UNSUPPORTED_STATEMENT,
          "an assignment to " + v.name() + ", which indexes the array alias " + alias.name(),
          "declare the alias after the last change of " + v.name() + ", or index the array directly");
    }
  }
}
