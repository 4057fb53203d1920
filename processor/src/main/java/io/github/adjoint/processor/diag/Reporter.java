package io.github.adjoint.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Collects the errors found in one method, so that every unsupported construct is reported at its
 * own line before the method is skipped, and prints them through javac with their positions.
 */
public final class Reporter {
  private record Pending(String text, Tree tree) {}

  private final Trees trees;
  private final CompilationUnitTree unit;
  private final Messager messager;
  private final Element element;
  private final List<Pending> pending = new ArrayList<>();

  public Reporter(Trees trees, CompilationUnitTree unit, Messager messager, Element element) {
    this.trees = trees;
    this.unit = unit;
    this.messager = messager;
    this.element = element;
  }

  /**
   * Records an error at {@code tree}, or at the method when {@code tree} is null. The same message
   * on the same line is reported once (a declaration's type and its initializer, say).
   */
  public void error(Tree tree, Message message, Object... args) {
    String text = message.format(args);
    long line = line(tree);
    for (Pending p : pending) {
      if (p.text().equals(text) && line(p.tree()) == line) {
        return;
      }
    }
    pending.add(new Pending(text, tree));
  }

  private long line(Tree tree) {
    if (tree == null || unit == null) {
      return -1;
    }
    long start = trees.getSourcePositions().getStartPosition(unit, tree);
    return start < 0 ? -1 : unit.getLineMap().getLineNumber(start);
  }

  public boolean hasErrors() {
    return !pending.isEmpty();
  }

  /** Prints the recorded errors; returns whether there were any. */
  public boolean flush() {
    for (Pending p : pending) {
      if (p.tree() == null || unit == null) {
        messager.printMessage(Diagnostic.Kind.ERROR, p.text(), element);
      } else {
        trees.printMessage(Diagnostic.Kind.ERROR, p.text(), p.tree(), unit);
      }
    }
    boolean any = !pending.isEmpty();
    pending.clear();
    return any;
  }
}
