package io.github.adjoint.processor.fuzz;

import io.github.adjoint.processor.fuzz.Ast.Assign;
import io.github.adjoint.processor.fuzz.Ast.Decl;
import io.github.adjoint.processor.fuzz.Ast.Expr;
import io.github.adjoint.processor.fuzz.Ast.For;
import io.github.adjoint.processor.fuzz.Ast.ForEach;
import io.github.adjoint.processor.fuzz.Ast.Idx;
import io.github.adjoint.processor.fuzz.Ast.If;
import io.github.adjoint.processor.fuzz.Ast.Int;
import io.github.adjoint.processor.fuzz.Ast.Method;
import io.github.adjoint.processor.fuzz.Ast.Num;
import io.github.adjoint.processor.fuzz.Ast.Program;
import io.github.adjoint.processor.fuzz.Ast.Return;
import io.github.adjoint.processor.fuzz.Ast.Stmt;
import io.github.adjoint.processor.fuzz.Ast.T;
import io.github.adjoint.processor.fuzz.Ast.While;
import io.github.adjoint.processor.fuzz.FuzzRunner.Kind;
import io.github.adjoint.processor.fuzz.FuzzRunner.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Delta debugging of a failing program: drop helpers, parameters, runs of statements and single
 * statements, replace an {@code if} or a loop by its body, shrink loops (bound 1, one iteration
 * of a while), turn compound assignments into {@code =}, replace subexpressions by an operand of
 * the same type or a constant, indices by 0 (so a shrunk program stays in bounds). Candidates are tried smallest first, in javac batches;
 * the first one that still fails with the same kind of failure becomes the program, until no
 * candidate fails or the time budget is spent.
 */
final class Shrinker {
  private static final int BATCH = 30;

  private final FuzzRunner runner;
  private final long inputSeed;
  private final long deadline;
  private int names;

  private Shrinker(FuzzRunner runner, long inputSeed, long millis) {
    this.runner = runner;
    this.inputSeed = inputSeed;
    this.deadline = System.currentTimeMillis() + millis;
  }

  record Result(Program program, Outcome outcome) {}

  /** The smallest program found that fails like {@code failing} did ({@code failure}'s kind). */
  static Result shrink(FuzzRunner runner, Program failing, Outcome failure, long inputSeed, long millis) {
    return new Shrinker(runner, inputSeed, millis).run(failing, failure);
  }

  private Result run(Program program, Outcome outcome) {
    Result best = new Result(program, outcome);
    boolean progress = true;
    while (progress && System.currentTimeMillis() < deadline) {
      progress = false;
      List<Program> candidates = new ArrayList<>(candidates(best.program()).stream().filter(Trees::valid).toList());
      int current = Trees.size(best.program());
      candidates.removeIf(c -> Trees.size(c) >= current);
      candidates.sort(Comparator.comparingInt(Trees::size));
      for (int at = 0; at < candidates.size() && !progress && System.currentTimeMillis() < deadline; at += BATCH) {
        List<Program> batch = candidates.subList(at, Math.min(candidates.size(), at + BATCH));
        List<String> batchNames = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
          batchNames.add(FuzzRunner.className('S', names++ % 100_000));
        }
        List<Outcome> outcomes = runner.run(batchNames, batch, Collections.nCopies(batch.size(), inputSeed));
        for (int i = 0; i < batch.size() && !progress; i++) {
          if (outcomes.get(i).kind() == outcome.kind()) {
            best = new Result(batch.get(i), outcomes.get(i));
            progress = true;
          }
        }
      }
    }
    return best;
  }

  // ---- candidates --------------------------------------------------------------------------------

  static List<Program> candidates(Program p) {
    List<Program> out = new ArrayList<>();
    for (int h = 0; h < p.helpers().size(); h++) {
      List<Method> helpers = new ArrayList<>(p.helpers());
      helpers.remove(h);
      out.add(new Program(helpers, p.main()));
    }
    Method main = p.main();
    for (int i = 0; i < main.params().size(); i++) {
      List<Ast.Param> params = new ArrayList<>(main.params());
      params.remove(i);
      out.add(new Program(p.helpers(), new Method(main.name(), params, main.body())));
    }
    List<Method> methods = p.methods();
    for (int m = 0; m < methods.size(); m++) {
      Method method = methods.get(m);
      for (List<Stmt> body : block(method.body())) {
        List<Method> changed = new ArrayList<>(methods);
        changed.set(m, new Method(method.name(), method.params(), body));
        out.add(new Program(changed.subList(0, changed.size() - 1), changed.get(changed.size() - 1)));
      }
    }
    return out;
  }

  /** Variants of a block: runs of statements removed (halves, quarters, ..., single), one statement changed. */
  static List<List<Stmt>> block(List<Stmt> b) {
    List<List<Stmt>> out = new ArrayList<>();
    for (int run = Math.max(1, b.size() / 2); run >= 1; run /= 2) {
      for (int start = 0; start + run <= b.size(); start += run) {
        List<Stmt> shorter = new ArrayList<>(b.subList(0, start));
        shorter.addAll(b.subList(start + run, b.size()));
        out.add(shorter);
      }
      if (run == 1) {
        break;
      }
    }
    for (int j = 0; j < b.size(); j++) {
      for (List<Stmt> alternative : stmt(b.get(j))) {
        List<Stmt> changed = new ArrayList<>(b.subList(0, j));
        changed.addAll(alternative);
        changed.addAll(b.subList(j + 1, b.size()));
        out.add(changed);
      }
    }
    return out;
  }

  /** Replacements of one statement (each a list: a body may replace its loop). */
  static List<List<Stmt>> stmt(Stmt s) {
    List<List<Stmt>> out = new ArrayList<>();
    if (s instanceof Decl d) {
      expr(d.init()).forEach(e -> out.add(List.of(new Decl(d.type(), d.name(), e))));
    } else if (s instanceof Assign a) {
      if (!a.op().equals("=")) {
        out.add(List.of(new Assign(a.target(), "=", a.value())));
      }
      expr(a.value()).forEach(e -> out.add(List.of(new Assign(a.target(), a.op(), e))));
      if (a.target() instanceof Idx i) {
        expr(i.index()).forEach(e -> out.add(List.of(new Assign(new Idx(i.array(), e), a.op(), a.value()))));
      }
    } else if (s instanceof If i) {
      out.add(i.then());
      if (i.otherwise() != null) {
        out.add(i.otherwise());
        out.add(List.of(new If(i.c(), i.then(), null)));
        block(i.otherwise()).forEach(b -> out.add(List.of(new If(i.c(), i.then(), b))));
      }
      expr(i.c()).forEach(c -> out.add(List.of(new If(c, i.then(), i.otherwise()))));
      block(i.then()).forEach(b -> out.add(List.of(new If(i.c(), b, i.otherwise()))));
    } else if (s instanceof For f) {
      out.add(f.body());
      out.add(List.of(f.withBound(new Int(1))));
      block(f.body()).forEach(b -> out.add(List.of(f.withBody(b))));
    } else if (s instanceof ForEach f) {
      block(f.body()).forEach(b -> out.add(List.of(new ForEach(f.type(), f.var(), f.array(), b))));
    } else if (s instanceof While w) {
      out.add(w.body());
      if (w.limit() > 1) {
        out.add(List.of(new While(w.guard(), 1, w.cond(), w.body(), w.isDo())));
      }
      expr(w.cond()).forEach(c -> out.add(List.of(new While(w.guard(), w.limit(), c, w.body(), w.isDo()))));
      block(w.body()).forEach(b -> out.add(List.of(new While(w.guard(), w.limit(), w.cond(), b, w.isDo()))));
    } else if (s instanceof Return r) {
      expr(r.value()).forEach(e -> out.add(List.of(new Return(e))));
    }
    return out;
  }

  /** Simpler versions of an expression: an operand of its type, a constant, or one child simplified. */
  static List<Expr> expr(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Ast.NewArr) {
      return out;
    }
    if (e instanceof Idx i) {
      // An index becomes 0 (in bounds for every array), never an operand (i + 1 must not become a.length).
      if (!(i.index() instanceof Int)) {
        out.add(new Idx(i.array(), new Int(0)));
      }
      expr(i.array()).forEach(a -> out.add(new Idx(a, i.index())));
      return out;
    }
    List<Expr> children = Trees.children(e);
    for (Expr c : children) {
      if (c.type() == e.type()) {
        out.add(c);
      }
    }
    if (e.type() == T.DOUBLE && !(e instanceof Num)) {
      out.add(new Num(1.0));
    } else if (e.type() == T.INT && !(e instanceof Int)) {
      out.add(new Int(0));
    }
    for (int i = 0; i < children.size(); i++) {
      for (Expr simpler : expr(children.get(i))) {
        List<Expr> changed = new ArrayList<>(children);
        changed.set(i, simpler);
        out.add(Trees.with(e, changed));
      }
    }
    return out;
  }
}
