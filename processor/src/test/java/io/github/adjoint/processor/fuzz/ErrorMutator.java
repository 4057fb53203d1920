package io.github.adjoint.processor.fuzz;

import io.github.adjoint.processor.fuzz.Ast.For;
import io.github.adjoint.processor.fuzz.Ast.ForEach;
import io.github.adjoint.processor.fuzz.Ast.If;
import io.github.adjoint.processor.fuzz.Ast.Method;
import io.github.adjoint.processor.fuzz.Ast.Param;
import io.github.adjoint.processor.fuzz.Ast.Program;
import io.github.adjoint.processor.fuzz.Ast.Raw;
import io.github.adjoint.processor.fuzz.Ast.Stmt;
import io.github.adjoint.processor.fuzz.Ast.T;
import io.github.adjoint.processor.fuzz.Ast.While;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid generated program into an invalid one: one statement outside the fence, inserted
 * at a random place of {@code f} (top level, inside a loop, nested loops, a branch), marked with
 * {@code // MUTATION}; for a failing callee the {@code @Differentiable} helper that calls {@code
 * Math.random()} is marked {@code // CALLEE} and is where the only error belongs.
 */
final class ErrorMutator {
  static final String MARK = "// MUTATION";
  static final String CALLEE = "// CALLEE";

  /** A mutation: the statement, members the class needs for it, the expected tag, and where the error is. */
  enum Kind {
    FIELD_WRITE("FieldWrite", "fuzzField = x;", "static double fuzzField;"),
    PARAMETER_ARRAY_WRITE("ParameterArrayWrite", "%s[0] = x;", null),
    RANDOM("UnsupportedCall", "x = x + Math.random();", null),
    PLAIN_HELPER("UnsupportedCall", "x = plainHelper(x);", "static double plainHelper(double u) { return u * 2; }"),
    TRY("UnsupportedStatement", "try { x = x + 1.0; } finally { x = x * 2.0; }", null),
    /** Reported as the lambda, or as the local of an object type that holds it. */
    LAMBDA("UnsupportedExpression|UnsupportedType", "java.util.function.DoubleUnaryOperator zzf = u -> u * 2;", null),
    CALLEE_IN_LOOP("UnsupportedCall", "for (int zz0 = 0; zz0 < 3; zz0++) { x = x + badCallee(x); }", null),
    CALLEE_IN_NESTED_LOOP("UnsupportedCall",
        "for (int zz0 = 0; zz0 < 2; zz0++) { for (int zz1 = 0; zz1 < 2; zz1++) { x = x * badCallee(x); } }", null),
    CALLEE_INTO_ELEMENT("UnsupportedCall", "double[] zz2 = new double[2]; zz2[1] = badCallee(x); x = x + zz2[1];", null);

    /** The expected tags: one of them must be reported. */
    final List<String> tags;
    final String statement;
    final String member;

    Kind(String tags, String statement, String member) {
      this.tags = java.util.Arrays.stream(tags.split("\\|")).map(t -> "[Adjoint:" + t + "]").toList();
      this.statement = statement;
      this.member = member;
    }

    boolean inCallee() {
      return name().startsWith("CALLEE");
    }
  }

  record Mutant(Kind kind, Program program, List<String> members) {}

  private final Random rnd;

  ErrorMutator(long seed) {
    this.rnd = new Random(seed);
  }

  /** {@code kind} applied to {@code program}; null if it does not apply (no array parameter to write). */
  Mutant mutate(Program program, Kind kind) {
    String statement = kind.statement;
    if (kind == Kind.PARAMETER_ARRAY_WRITE) {
      List<Param> arrays = program.main().params().stream().filter(p -> p.type() != T.DOUBLE && p.type() != T.INT).toList();
      if (arrays.isEmpty()) {
        return null;
      }
      Param p = arrays.get(rnd.nextInt(arrays.size()));
      statement = String.format(statement, p.type() == T.MATRIX ? p.name() + "[0]" : p.name());
    }
    List<String> members = new ArrayList<>();
    if (kind.member != null) {
      members.add(kind.member);
    }
    if (kind.inCallee()) {
      members.add("@Differentiable static double badCallee(double u) { return u * Math.random(); } " + CALLEE);
    }
    // A new array must not be allocated inside a loop: that would be a second, legitimate error.
    boolean inLoops = kind != Kind.CALLEE_INTO_ELEMENT;
    int blocks = count(program.main().body(), 0, inLoops);
    int target = rnd.nextInt(blocks);
    Raw raw = new Raw(statement + " " + MARK);
    Method main = program.main();
    List<Stmt> body = insert(main.body(), raw, new int[] {target}, 0, inLoops, true);
    return new Mutant(kind, new Program(program.helpers(), new Method(main.name(), main.params(), body)), members);
  }

  /** The blocks where the statement may go: the body and every nested block (inside loops only if allowed). */
  private static int count(List<Stmt> body, int loops, boolean inLoops) {
    int n = 1;
    for (Stmt s : body) {
      boolean loop = s instanceof For || s instanceof ForEach || s instanceof While;
      if (loop && !inLoops) {
        continue;
      }
      for (List<Stmt> b : Trees.blocks(s)) {
        n += count(b, loops + (loop ? 1 : 0), inLoops);
      }
    }
    return n;
  }

  /** Inserts {@code raw} into block number {@code target[0]} (depth-first order), before a random statement. */
  private List<Stmt> insert(List<Stmt> body, Raw raw, int[] target, int loops, boolean inLoops, boolean top) {
    List<Stmt> out = new ArrayList<>();
    if (target[0]-- == 0) {
      // Before a statement that does not follow a jump (else the insertion would be unreachable),
      // and before the final return of the method body.
      List<Integer> places = new ArrayList<>();
      for (int j = 0; j < body.size(); j++) {
        if (j == 0 || !(body.get(j - 1) instanceof Ast.Return || body.get(j - 1) instanceof Ast.Break
            || body.get(j - 1) instanceof Ast.Continue)) {
          places.add(j);
        }
      }
      if (!top && (body.isEmpty() || !isJump(body.get(body.size() - 1)))) {
        places.add(body.size());
      }
      int at = places.isEmpty() ? 0 : places.get(rnd.nextInt(places.size()));
      out.addAll(body);
      out.add(at, raw);
      return out;
    }
    for (Stmt s : body) {
      out.add(target[0] < 0 ? s : insertInto(s, raw, target, loops, inLoops));
    }
    return out;
  }

  private static boolean isJump(Stmt s) {
    return s instanceof Ast.Return || s instanceof Ast.Break || s instanceof Ast.Continue;
  }

  private Stmt insertInto(Stmt s, Raw raw, int[] target, int loops, boolean inLoops) {
    if (s instanceof If i) {
      List<Stmt> then = insert(i.then(), raw, target, loops, inLoops, false);
      List<Stmt> otherwise = i.otherwise() == null || target[0] < 0 ? i.otherwise()
          : insert(i.otherwise(), raw, target, loops, inLoops, false);
      return new If(i.c(), then, otherwise);
    }
    if (!inLoops) {
      return s;
    }
    if (s instanceof For f) {
      return f.withBody(insert(f.body(), raw, target, loops + 1, true, false));
    } else if (s instanceof ForEach f) {
      return new ForEach(f.type(), f.var(), f.array(), insert(f.body(), raw, target, loops + 1, true, false));
    } else if (s instanceof While w) {
      return new While(w.guard(), w.limit(), w.cond(), insert(w.body(), raw, target, loops + 1, true, false), w.isDo());
    }
    return s;
  }
}
