package io.github.adjoint.processor.emit;

import static io.github.adjoint.processor.emit.ForwardWriter.BUFFERS;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.github.adjoint.processor.adjoint.Adjoint;
import io.github.adjoint.processor.adjoint.AdjointSweep;
import io.github.adjoint.processor.adjoint.Node;
import io.github.adjoint.processor.adjoint.Term;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.MathFunction;
import io.github.adjoint.processor.ir.Pos;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.RecordPlan;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Renders a simplified {@link AdjointSweep}: names its adjoints and records, decides nothing. */
final class ReverseWriter {
  private static final ClassName DROPOUT = ClassName.bestGuess(MathFunction.DROPOUT_STREAM);
  private final Names names;
  private final Renderer renderer;
  private final Comments comments;
  private final Chunks chunks;
  private final Map<Object, String> locals = new IdentityHashMap<>();

  ReverseWriter(Names names, Comments comments, Chunks chunks) {
    this.names = names;
    this.renderer = names.renderer;
    this.comments = comments;
    this.chunks = chunks;
  }

  /**
   * The whole sweep: the adjoints it starts from, its nodes, the gradients it hands over (added to
   * the fields, or assigned to them by an {@code assigning} sweep).
   */
  CodeBlock write(AdjointSweep sweep, boolean assigning) {
    CodeBlock.Builder body = CodeBlock.builder();
    comments.resume(null);
    nodes(sweep.body(), body);
    CodeBlock.Builder out = CodeBlock.builder();
    out.add("// Reverse sweep: each adjoint dv = ∂result/∂v; every block adds upstream × local gradient.\n");
    if (assigning) {
      out.add("// For compute: a gradient entry that one pass of a loop nest writes is assigned, not added to.\n");
    }
    for (AdjointSweep.Declaration d : sweep.declarations()) {
      declaration(d, out);
    }
    out.add(body.build());
    for (int i = 0; i < sweep.transfers().size(); i++) {
      Var p = sweep.transfers().get(i);
      out.add(i == 0 ? "\n" : "").addStatement("this.$N $L $L", p.name(), assigning ? "=" : "+=", names.adjoint(p));
    }
    return out.build();
  }

  private void declaration(AdjointSweep.Declaration d, CodeBlock.Builder out) {
    Var v = d.var();
    String adjoint = names.adjoint(v);
    switch (d.start()) {
      case GRADIENT_FIELD -> declare(out, v.type(), adjoint, "this." + v.name());
      case ZEROED_BUFFER -> {
        String buffer = names.adjointBuffer(v);
        declare(out, v.type(), adjoint,
            CodeBlock.of("this.$L = $T.zeroedLike(this.$L, $L)", buffer, BUFFERS, buffer, names.name(v)));
      }
      case ALIAS_ROW -> declare(out, v.type(), adjoint, adjointOfSource(d.binding()));
      case ZERO, ONE -> {
        if (!names.split()) {
          out.addStatement("double $L = $L", adjoint, d.start() == AdjointSweep.Start.ONE ? "1.0" : "0.0");
        }
      }
    }
  }

  private void nodes(List<Node> nodes, CodeBlock.Builder out) {
    for (Node n : nodes) {
      if (!(n instanceof Node.RetraceBranch) && n.note().role() != Node.Role.NONE) {
        comments.comment(out, n.note().pos(), n.note().role().prefix);
      }
      node(n, out);
    }
  }

  private void node(Node n, CodeBlock.Builder out) {
    if (n instanceof Node.Accumulate a) {
      out.addStatement("$L $L $L", adjoint(a.target()), a.subtract() ? "-=" : "+=", term(a.term()));
    } else if (n instanceof Node.Assign a) {
      out.addStatement("$L$L = $L$L", a.declares() ? "double " : "", adjoint(a.target()), a.negate() ? "-" : "",
          term(a.term()));
    } else if (n instanceof Node.Zero z) {
      out.addStatement("$L = 0.0", adjoint(z.target()));
    } else if (n instanceof Node.Take t) {
      locals.put(t.copy(), names.variableName("upstream"));
      out.addStatement("double $L = $L", locals.get(t.copy()), adjoint(t.source()));
    } else if (n instanceof Node.Capture c) {
      Var v = c.write() instanceof Stmt.Assign a ? a.target() : ((Stmt.ArrayAssign) c.write()).array();
      locals.put(c, names.variableName(names.name(v) + "Value"));
      out.addStatement("double $L = $L", locals.get(c), current(c.write()));
    } else if (n instanceof Node.Restore r) {
      out.addStatement("$L = $L", current(r.write()), restore(names.record(r.write())));
    } else if (n instanceof Node.StepBack s) {
      Expr.Binary b = (Expr.Binary) s.step().value();
      String op = b.op() == Expr.BinaryOp.ADD ? " - " : " + ";
      out.addStatement("$L = $L", names.name(s.step().target()), renderer.render(b.left()) + op + renderer.atom(b.right()));
    } else if (n instanceof Node.Recompute r) {
      recompute(r.call(), out);
    } else if (n instanceof Node.AddScaled s) {
      out.addStatement("$T.addScaled($L, $L, this.$L.$L)", BUFFERS, adjoint(s.array()), adjoint(s.upstream()),
          names.callSite(s.call()), s.call().callee().gradientFields().get(s.parameter()));
    } else if (n instanceof Node.Guard g) {
      out.beginControlFlow("if ($L != 0.0)", adjoint(g.upstream()));
      nodes(g.body(), out);
      if (!g.otherwise().isEmpty()) {
        out.nextControlFlow("else");
        nodes(g.otherwise(), out);
      }
      out.endControlFlow();
    } else if (n instanceof Node.ZeroFrom z) {
      out.addStatement("$T.zeroFrom($L, $L)", BUFFERS, adjoint(z.array()), TripCounts.recount(z.count(), renderer));
    } else if (n instanceof Node.RetraceBranch b) {
      branch(b, out);
    } else if (n instanceof Node.RetraceLoop l) {
      loop(l, out);
    } else if (n instanceof Node.Rebind r) {
      Stmt.Assign a = r.alias();
      declare(out, a.target().type(), names.name(a.target()), renderer.code(a.value()));
      if (r.withAdjoint()) {
        declare(out, a.target().type(), names.adjoint(a.target()), adjointOfSource(a));
      }
    } else if (n instanceof Node.Chunk c) {
      CodeBlock.Builder chunk = CodeBlock.builder();
      comments.resume(null);
      nodes(c.body(), chunk);
      out.addStatement("$N()", chunks.add("reverse", chunk.build()));
    }
  }

  /** A call in a loop runs again for its pass's gradient. */
  private void recompute(Expr.DiffCall call, CodeBlock.Builder out) {
    String rerun = "this." + names.callSite(call) + "().compute("
        + String.join(", ", call.args().stream().map(renderer::render).toList()) + ")";
    if (call.streamState() == null) {
      out.addStatement("$L", rerun);
      return;
    }
    // It draws dropout masks: this pass's again, and the stream resumes where it was.
    String resume = names.variableName("resume");
    out.addStatement("long $L = $T.state()", resume, DROPOUT);
    out.addStatement("$T.state($L)", DROPOUT, names.name(call.streamState()));
    out.addStatement("$L", rerun);
    out.addStatement("$T.state($L)", DROPOUT, resume);
  }

  private void branch(Node.RetraceBranch b, CodeBlock.Builder out) {
    CodeBlock.Builder then = CodeBlock.builder();
    CodeBlock.Builder otherwise = CodeBlock.builder();
    Pos before = comments.last();
    nodes(b.then(), then);
    comments.resume(before);
    nodes(b.otherwise(), otherwise);
    comments.comment(out, b.note().pos(), b.note().role().prefix);
    CodeBlock thenCode = then.build();
    CodeBlock elseCode = otherwise.build();
    String taken = restore(names.branch(b.branch()));
    if (thenCode.isEmpty()) {
      out.beginControlFlow("if (!$L)", taken).add(elseCode).endControlFlow();
    } else {
      out.beginControlFlow("if ($L)", taken).add(thenCode);
      if (!elseCode.isEmpty()) {
        out.nextControlFlow("else").add(elseCode);
      }
      out.endControlFlow();
    }
  }

  private void loop(Node.RetraceLoop l, CodeBlock.Builder out) {
    Names.Record count = names.trips(l.loop());
    if (count.onTape()) {
      out.addStatement("$L = $L.pop()", count.slot(), names.tapeField(count.tape()));
    }
    if (l.order() instanceof Node.ForwardFromStart f) {
      // Passes that commute run forwards from the constant start: nothing saved the counter.
      String i = names.name(f.start().target());
      out.beginControlFlow("for ($L = $L; $L < $L; $L++)", i, renderer.atom(f.start().value()), i,
          TripCounts.end(f.start(), count.slot(), renderer), i);
      nodes(l.body(), out);
      out.endControlFlow();
    } else if (l.order() instanceof Node.Forward f) {
      // Passes that commute run forwards: the counted loop the JIT vectorizes.
      String end = names.variableName("end");
      String i = names.name(f.counter());
      out.addStatement("int $L = $L", end, i);
      out.beginControlFlow("for ($L = $L - $L; $L < $L; $L++)", i, end, count.slot(), i, end, i);
      nodes(l.body(), out);
      out.endControlFlow();
      out.addStatement("$L = $L - $L", i, end, count.slot());
    } else {
      Stmt.Assign init = ((Node.Reversed) l.order()).counterFromStart();
      if (init != null) {
        String end = TripCounts.end(init, count.slot(), renderer);
        boolean fromZero = l.trips() instanceof RecordPlan.Recounted && TripCounts.startsAtZero(init);
        out.addStatement("$L = $L", names.name(init.target()),
            fromZero ? TripCounts.nonNegative(end, (RecordPlan.Recounted) l.trips()) : end);
      }
      String pass = names.locals.newName("pass");
      out.beginControlFlow("for (int $L = $L; $L > 0; $L--)", pass, count.slot(), pass, pass);
      Pos before = comments.last();
      nodes(l.update(), out);
      comments.resume(before);
      nodes(l.body(), out);
      out.endControlFlow();
    }
  }

  private CodeBlock term(Term t) {
    if (t instanceof Term.Callee c) {
      String field = "this." + names.callSite(c.call()) + "." + c.call().callee().gradientFields().get(c.parameter());
      return c.upstream() instanceof Adjoint.One
          ? CodeBlock.of("$L", field)
          : CodeBlock.of("$L * $L", adjoint(c.upstream()), field);
    }
    Term.Rule r = (Term.Rule) t;
    List<CodeBlock> operands = r.operands().stream().map(o -> CodeBlock.of("$L", renderer.atom(o))).toList();
    CodeBlock result = r.result() instanceof Term.Captured c
        ? CodeBlock.of("$L", locals.get(c.capture()))
        : CodeBlock.of("$L", renderer.render(((Term.Current) r.result()).atom()));
    return r.upstream() instanceof Adjoint.One
        ? r.gradient().emitForUnitUpstream(operands, result)
        : r.gradient().emit(CodeBlock.of("$L", adjoint(r.upstream())), operands, result);
  }

  private String adjoint(Adjoint a) {
    if (a instanceof Adjoint.Of o) {
      return names.adjoint(o.var());
    }
    if (a instanceof Adjoint.Element e) {
      return renderer.element(names.adjoint(e.array()), e.indices());
    }
    if (a instanceof Adjoint.One) {
      return "1.0";
    }
    return locals.get(a);
  }

  /** The variable or element a write stores into, as it reads now. */
  private String current(Stmt write) {
    if (write instanceof Stmt.ArrayAssign w) {
      return renderer.element(names.name(w.array()), w.indices());
    }
    return names.name(((Stmt.Assign) write).target());
  }

  private String restore(Names.Record r) {
    return r.onTape() ? names.tapeField(r.tape()) + ".pop()" : r.pass() != null ? r.entry() : r.slot();
  }

  /** The adjoint of an alias's source: {@code dm[i]} for {@code row = m[i]}. */
  private String adjointOfSource(Stmt.Assign binding) {
    Expr source = binding.value();
    if (source instanceof Expr.Ref r) {
      return names.adjoint(r.var());
    }
    Expr.ArrayRead row = (Expr.ArrayRead) source;
    return renderer.element(names.adjoint(row.array()), row.indices());
  }

  private void declare(CodeBlock.Builder out, Type type, String name, Object value) {
    ForwardWriter.declare(out, names, type, name, value);
  }
}
