package io.github.adjoint.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import io.github.adjoint.processor.ir.Pos;
import java.util.List;

/** Where a statement is: its line and how the comment above its generated code spells it. */
final class StatementPositions {
  private final SourcePositions positions;
  private final CompilationUnitTree unit;

  StatementPositions(SourcePositions positions, CompilationUnitTree unit) {
    this.positions = positions;
    this.unit = unit;
  }

  /** The line of {@code t} and the text its comment in generated code shows. */
  Pos of(Tree t) {
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

  private static String join(List<? extends Tree> trees) {
    return String.join(", ", trees.stream().map(x -> x.toString().replaceAll(";$", "")).toList());
  }
}
