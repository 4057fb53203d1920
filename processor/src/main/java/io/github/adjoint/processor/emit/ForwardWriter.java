package io.github.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.Operations;
import io.github.adjoint.processor.plan.RecordPlan;
import java.util.List;

/**
 * Renders the forward sweep: the function's own operations in order, one per line, keeping the
 * user's counted loops as {@code for} loops, with the values, branch outcomes and trip counts the
 * plan keeps saved before they are lost.
 */
final class ForwardWriter {
  static final ClassName BUFFERS = ClassName.get("io.github.adjoint", "Buffers");

  private final Names names;
  private final RecordPlan plan;
  private final Renderer renderer;
  private final Comments comments;
  private final Chunks chunks;

  ForwardWriter(Names names, RecordPlan plan, Comments comments, Chunks chunks) {
    this.names = names;
    this.plan = plan;
    this.renderer = names.renderer;
    this.comments = comments;
    this.chunks = chunks;
  }

  void write(List<Stmt> body, CodeBlock.Builder out) {
    comments.resume(null);
    block(body, out);
  }

  private void block(List<Stmt> body, CodeBlock.Builder out) {
    if (Operations.isChunked(plan, body)) {
      for (List<Stmt> group : Operations.chunks(body)) {
        CodeBlock.Builder chunk = CodeBlock.builder();
        comments.resume(null);
        statements(group, chunk);
        out.addStatement("$N()", chunks.add("forward", chunk.build()));
      }
      return;
    }
    statements(body, out);
  }

  private void statements(List<Stmt> body, CodeBlock.Builder out) {
    for (int k = 0; k < body.size(); k++) {
      Stmt s = body.get(k);
      if (k + 1 < body.size() && body.get(k + 1) instanceof Stmt.Loop l && plan.forLoopStart(l) != null) {
        continue; // the loop's header starts its counter
      }
      if (s instanceof Stmt.Assign a) {
        assign(a, out);
      } else if (s instanceof Stmt.ArrayAssign w) {
        comments.comment(out, w.pos(), "");
        String element = renderer.element(names.name(w.array()), w.indices());
        saveBeforeOverwrite(w, element, out);
        out.addStatement("$L = $L", element, renderer.code(w.value()));
      } else if (s instanceof Stmt.If i) {
        branch(i, out);
      } else if (s instanceof Stmt.Loop l) {
        loop(l, out);
      }
      for (Stmt write : plan.keptAfter(s)) {
        String name = names.name(((Stmt.Assign) write).target());
        out.add("// $L as this pass leaves it, for the pass's reverse\n", name);
        out.addStatement("$L = $L", names.record(write).entry(), name);
      }
    }
  }

  private void assign(Stmt.Assign a, CodeBlock.Builder out) {
    comments.comment(out, a.pos(), "");
    saveBeforeOverwrite(a, names.name(a.target()), out);
    Object value;
    if (a.target().kind() == Var.Kind.ALIAS) {
      declare(out, a.target().type(), names.name(a.target()), renderer.code(a.value()));
      return;
    } else if (a.value() instanceof Expr.NewArray n) {
      String buffer = names.buffer(a.target());
      CodeBlock dims = n.dimensions().stream().map(renderer::code).collect(CodeBlock.joining(", "));
      if (plan.filledFirst(a)) {
        out.add("// the loop below writes every entry before anything reads one: not zeroed\n");
      }
      value = CodeBlock.of("this.$L = $T.$L(this.$L, $L)", buffer, BUFFERS,
          plan.filledFirst(a) ? "ofLength" : "zeroed", buffer, dims);
    } else {
      value = renderer.code(a.value());
    }
    if (names.declaresInPlace(a)) {
      out.addStatement("$L $L = $L", a.target().type().javaName(), names.name(a.target()), value);
    } else {
      out.addStatement("$L = $L", names.name(a.target()), value);
    }
  }

  private void branch(Stmt.If i, CodeBlock.Builder out) {
    comments.comment(out, i.pos(), "");
    CodeBlock condition = renderer.code(i.condition());
    Names.Record branch = names.branch(i);
    if (branch != null && branch.onTape()) {
      // The outcome goes on the tape after the branch's own records, so the reverse sweep pops it
      // first.
      String tape = names.tapeField(branch.tape());
      out.beginControlFlow("if ($L)", condition);
      comments.resume(i.pos());
      block(i.then(), out);
      out.addStatement("$L.push(true)", tape);
      out.nextControlFlow("else");
      comments.resume(i.pos());
      block(i.otherwise(), out);
      out.addStatement("$L.push(false)", tape);
      out.endControlFlow();
      return;
    }
    if (branch != null) {
      out.addStatement("$L = $L", branch.slot(), condition);
      condition = CodeBlock.of("$L", branch.slot());
    }
    out.beginControlFlow("if ($L)", condition);
    comments.resume(i.pos());
    block(i.then(), out);
    if (!i.otherwise().isEmpty()) {
      out.nextControlFlow("else");
      comments.resume(i.pos());
      block(i.otherwise(), out);
    }
    out.endControlFlow();
  }

  private void loop(Stmt.Loop l, CodeBlock.Builder out) {
    comments.comment(out, l.pos(), "");
    Names.Record count = plan.trips(l) instanceof RecordPlan.Recounted ? null : names.trips(l);
    if (count != null) {
      out.addStatement("$L = 0", count.slot());
    }
    for (Names.PassBuffer buffer : names.passBuffers(l)) {
      // One entry per pass, kept for the reverse sweep: reused while large enough.
      out.addStatement("this.$L = $T.atLeast(this.$L, $L)", buffer.field(), BUFFERS,
          buffer.field(), buffer.length());
    }
    CodeBlock condition = renderer.code(l.condition());
    Stmt.Assign init = plan.forLoopStart(l);
    if (init != null) {
      String i = names.name(init.target());
      out.beginControlFlow("for ($L = $L; $L; $L++)", i, renderer.code(init.value()), condition, i);
    } else if (l.testFirst()) {
      out.beginControlFlow("while ($L)", condition);
    } else {
      out.beginControlFlow("do");
    }
    if (count != null) {
      out.addStatement("$L++", count.slot());
    }
    comments.resume(l.pos());
    block(l.body(), out);
    if (init == null) {
      block(l.update(), out);
    }
    if (l.testFirst()) {
      out.endControlFlow();
    } else {
      out.endControlFlow("while ($L)", condition);
    }
    if (count != null && count.onTape()) {
      out.addStatement("$L.push($L)", names.tapeField(count.tape()), count.slot());
    }
  }

  private void saveBeforeOverwrite(Stmt s, String current, CodeBlock.Builder out) {
    Names.Record r = names.record(s);
    if (r == null || plan.saved(s).atPassEnd()) {
      return;
    }
    if (r.onTape()) {
      out.addStatement("$L.push($L)", names.tapeField(r.tape()), current);
    } else if (r.pass() != null) {
      out.addStatement("$L = $L", r.entry(), current);
    } else {
      out.addStatement("$L = $L", r.slot(), current);
    }
  }

  /** A declaration in non-split mode ({@code double x = v}), an assignment of a field otherwise. */
  static void declare(CodeBlock.Builder out, Names names, Type type, String name, Object value) {
    if (names.split()) {
      out.addStatement("$L = $L", name, value);
    } else {
      out.addStatement("$L $L = $L", type.javaName(), name, value);
    }
  }

  private void declare(CodeBlock.Builder out, Type type, String name, Object value) {
    declare(out, names, type, name, value);
  }
}
