package io.github.adjoint.processor.emit;

import static io.github.adjoint.processor.emit.ForwardWriter.BUFFERS;
import static io.github.adjoint.processor.plan.Operations.targetOf;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.adjoint.processor.adjoint.AdjointBuilder;
import io.github.adjoint.processor.adjoint.AdjointSweep;
import io.github.adjoint.processor.adjoint.AssigningSweep;
import io.github.adjoint.processor.adjoint.GuardHoisting;
import io.github.adjoint.processor.adjoint.PrimalReads;
import io.github.adjoint.processor.adjoint.Simplifier;
import io.github.adjoint.processor.derive.Lowering;
import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.RecordPlan;
import io.github.adjoint.processor.plan.RecordPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes the backward class of one function: its gradient fields, {@code compute}, {@code
 * accumulate} (the forward sweep, then the reverse sweep) and {@code zero}. The plan, the adjoint
 * sweep and its simplification are made before; this class and the writers it calls only name and
 * render them.
 */
public final class BackwardWriter {
  private static final String TAPES = "io.github.adjoint.tape";

  /** What the class is generated for. */
  public record Target(
      String packageName,
      String simpleName,
      String sourceDisplay,
      Element originatingElement,
      boolean generatedAnnotationAvailable,
      String processorName,
      String originType,
      String originMethod,
      boolean drawsDropout,
      List<String> qualified) {}

  /**
   * Simple names of the runtime classes generated code refers to: a type of the user's package
   * with one of these names must not be shadowed by an import.
   */
  public static final List<String> RUNTIME_SIMPLE_NAMES =
      List.of("Functions", "Dropout", "Buffers", "DerivedFrom", "Generated", "DoubleTape", "IntTape", "LongTape",
          "BranchTape");

  private final Function function;
  private final Lowering.Lowered lowered;
  private final Target target;
  private final RecordPlan plan;
  private final AdjointSweep sweep;
  private final Names names;
  private final Chunks chunks;
  private final Comments comments;
  private final EntryPoints entryPoints;
  /** Whether the reverse sweep becomes a method of its own: a function with loops, not split. */
  private final boolean reverseMethodWanted;
  /** The sweep {@code compute} runs when it assigns gradients; null when it zeroes and accumulates. */
  private AssigningSweep.Result assigning;
  /** The method running both sweeps, and its parameter that says which reverse sweep runs. */
  private String sweepName;
  private String assigningFlag;

  public BackwardWriter(Function function, Lowering.Lowered lowered, Target target) {
    this.function = function;
    this.lowered = lowered;
    this.target = target;
    this.plan = RecordPlanner.plan(function.parameters(), lowered.body(), lowered.result());
    AdjointSweep simplified = Simplifier.simplify(
        AdjointBuilder.build(function.parameters(), lowered, plan), lowered.result(), plan.split());
    this.sweep = GuardHoisting.apply(simplified);
    this.names = new Names(function, lowered, plan);
    this.chunks = new Chunks(names.methods);
    this.comments = new Comments(function.fileName());
    this.entryPoints = new EntryPoints(function.parameters(), target.sourceDisplay());
    this.reverseMethodWanted = !plan.split() && containsLoop(lowered.body());
    this.assigning = GuardHoisting.apply(reverseMethodWanted ? AssigningSweep.of(simplified, function.parameters()) : null);
    if (assigning != null) {
      this.sweepName = chunks.newMethodName("sweep");
      this.assigningFlag = names.locals.newName("assigning");
    }
  }

  public JavaFile write() {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(target.simpleName())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addOriginatingElement(target.originatingElement())
            .alwaysQualify(target.qualified().toArray(String[]::new))
            .addJavadoc(
                "Value and reverse-mode gradient of {@code $L}, derived at compile time by Adjoint.\n"
                    + "\n<p>Not thread-safe: use one instance per thread.\n",
                target.sourceDisplay());
    if (target.generatedAnnotationAvailable()) {
      type.addAnnotation(
          AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
              .addMember("value", "$S", target.processorName())
              .addMember("comments", "$S", "from " + target.sourceDisplay())
              .build());
    }
    AnnotationSpec.Builder derivedFrom =
        AnnotationSpec.builder(ClassName.get("io.github.adjoint", "DerivedFrom"))
            .addMember("type", "$S", target.originType())
            .addMember("method", "$S", target.originMethod());
    if (target.drawsDropout()) {
      derivedFrom.addMember("drawsDropout", "true");
    }
    type.addAnnotation(derivedFrom.build());
    for (Var p : function.parameters()) {
      if (p.differentiable()) {
        type.addField(
            FieldSpec.builder(typeName(p.type()), p.name(), Modifier.PUBLIC)
                .addJavadoc(
                    p.type().isArray()
                        ? "∂/∂$L, of the argument's shape, summed over the calls since the last"
                            + " {@link #zero()}.\n"
                        : "∂/∂$L, summed over the calls since the last {@link #zero()}.\n",
                    p.name())
                .build());
      }
    }
    addCallSites(type);
    MethodSpec sweepMethod = sweepMethod(type);
    for (Names.Tape tape : tapes()) {
      ClassName tapeClass = ClassName.get(TAPES, tape.className);
      type.addField(
          FieldSpec.builder(tapeClass, names.tapeField(tape), Modifier.PRIVATE, Modifier.FINAL)
              .initializer("new $T()", tapeClass)
              .build());
    }
    for (Map.Entry<Var, String> b : names.orderedBuffers()) {
      type.addField(typeName(b.getKey().type()), b.getValue(), Modifier.PRIVATE);
    }
    names.passBufferFields().forEach((passes, entry) ->
        type.addField(ArrayTypeName.of(typeName(entry)), passes, Modifier.PRIVATE));
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).build());
    if (assigning == null) {
      type.addMethod(entryPoints.computeByZeroing());
    } else {
      type.addMethod(entryPoints.computeAssigning(assigning.assigned(), sweepName));
      type.addMethod(entryPoints.accumulateBySweep(sweepName));
    }
    type.addMethod(sweepMethod);
    type.addMethods(chunks.all());
    type.addMethod(entryPoints.zero());
    return JavaFile.builder(target.packageName(), type.build())
        .addFileComment("Generated by Adjoint from $L. Do not edit.", target.sourceDisplay())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  /** The tapes the plan uses, in a fixed order. */
  private java.util.Set<Names.Tape> tapes() {
    java.util.Set<Names.Tape> tapes = java.util.EnumSet.noneOf(Names.Tape.class);
    plan.tapeTypes().forEach(t -> tapes.add(Names.Tape.of(t)));
    return tapes;
  }

  private void addCallSites(TypeSpec.Builder type) {
    for (io.github.adjoint.processor.ir.Expr.DiffCall d : names.calls()) {
      ClassName backward = ClassName.get(d.callee().backwardPackage(), d.callee().backwardSimpleName());
      String field = names.callSite(d);
      type.addField(FieldSpec.builder(backward, field, Modifier.PRIVATE).build());
      // Created on first use: a recursive function would otherwise construct itself forever.
      type.addMethod(
          MethodSpec.methodBuilder(field)
              .addModifiers(Modifier.PRIVATE)
              .returns(backward)
              .beginControlFlow("if ($N == null)", field)
              .addStatement("$N = new $T()", field, backward)
              .endControlFlow()
              .addStatement("return $N", field)
              .build());
    }
  }

  /**
   * {@code accumulate}: the forward sweep, then the reverse sweep. When {@code compute} assigns
   * gradients, a private {@code sweep} with a flag choosing the reverse sweep that runs.
   */
  private MethodSpec sweepMethod(TypeSpec.Builder type) {
    CodeBlock.Builder body = CodeBlock.builder();
    if (plan.split()) {
      splitState(type, body);
    } else {
      hoistLocals(body);
    }
    for (Names.Tape tape : tapes()) {
      // Left over only if an earlier call threw half-way.
      body.addStatement("$L.clear()", names.tapeField(tape));
    }
    for (Var p : function.parameters()) {
      if (p.differentiable() && p.type().isArray() && plan.varied().contains(p)) {
        body.addStatement("this.$N = $T.shaped(this.$N, $L)", p.name(), BUFFERS, p.name(), p.name());
      }
    }
    if (plan.split()) {
      resets(body);
    }
    if (!body.isEmpty()) {
      body.add("\n");
    }
    body.add("// Forward sweep: the function's own operations, in order.\n");
    new ForwardWriter(names, plan, comments, chunks).write(lowered.body(), body);
    com.palantir.javapoet.NameAllocator localsBeforeReverse = names.localsSoFar();
    CodeBlock reverse = new ReverseWriter(names, comments, chunks).write(sweep, false);

    body.add("\n");
    String value = names.name(lowered.result());
    boolean[] restored = {false};
    Stmt.walk(lowered.body(), s -> restored[0] |= plan.saved(s) != null && targetOf(s) == lowered.result());
    if (restored[0]) {
      // The reverse sweep restores overwritten results: keep the one to return.
      value = names.locals.newName("value");
      body.addStatement("double $L = $L", value, names.name(lowered.result()));
    }
    PrimalReads reads =
        assigning != null ? PrimalReads.of(assigning.sweep()).and(PrimalReads.of(sweep)) : PrimalReads.of(sweep);
    MethodSpec reverseMethod =
        reverseMethodWanted ? reverseMethod(reverse, "reverse", reads) : null;
    if (reverseMethod == null) {
      assigning = null;
      body.add(reverse);
    } else if (assigning == null) {
      // In a method of its own: C2 optimises the loops of two smaller methods better.
      body.addStatement("$L", call(reverseMethod));
      chunks.addFirst(reverseMethod);
    } else {
      names.resumeLocals(localsBeforeReverse);
      MethodSpec assigningMethod = reverseMethod(
          new ReverseWriter(names, comments, chunks).write(assigning.sweep(), true), "reverseAssigning", reads);
      body.beginControlFlow("if ($L)", assigningFlag)
          .addStatement("$L", call(assigningMethod))
          .nextControlFlow("else")
          .addStatement("$L", call(reverseMethod))
          .endControlFlow();
      chunks.addFirst(assigningMethod);
      chunks.addFirst(reverseMethod);
    }
    body.addStatement("return $L", value);
    if (assigning != null) {
      return MethodSpec.methodBuilder(sweepName)
          .addJavadoc("The forward sweep, then the reverse sweep that assigns the gradients it can (for {@code"
              + " compute}) or the one that adds to them.\n")
          .addModifiers(Modifier.PRIVATE)
          .returns(TypeName.DOUBLE)
          .addParameters(entryPoints.parameters())
          .addParameter(TypeName.BOOLEAN, assigningFlag)
          .addCode(body.build())
          .build();
    }
    return entryPoints.builder("accumulate", "adds its gradient to")
        .addCode(body.build())
        .build();
  }

  /** A large function's values live in fields: declared there, and its parameters copied in. */
  private void splitState(TypeSpec.Builder type, CodeBlock.Builder body) {
    body.add("// A large function: its values live in fields, and each sweep is cut into methods.\n");
    for (Var v : names.variables()) {
      type.addField(typeName(v.type()), names.name(v), Modifier.PRIVATE);
    }
    for (Var v : names.variables()) {
      if (names.adjoint(v) != null) {
        type.addField(typeName(v.type()), names.adjoint(v), Modifier.PRIVATE);
      }
    }
    for (Map.Entry<String, Type> slot : names.slotDeclarations().entrySet()) {
      type.addField(typeName(slot.getValue()), slot.getKey(), Modifier.PRIVATE);
    }
    for (Var p : function.parameters()) {
      body.addStatement("this.$L = $L", names.name(p), p.name());
    }
  }

  /** Fields that must start each call afresh: the returned flag, the scalar adjoints. */
  private void resets(CodeBlock.Builder body) {
    List<String> resets = new ArrayList<>();
    for (Var v : names.variables()) {
      if (v.kind() == Var.Kind.RETURNED) {
        resets.add(names.name(v) + " = false");
      }
    }
    for (Var v : names.variables()) {
      if (names.adjoint(v) != null && !v.type().isArray()) {
        resets.add(names.adjoint(v) + " = " + (v == lowered.result() ? "1.0" : "0.0"));
      }
    }
    int perChunk = 10 * RecordPlanner.CHUNK_WRITES;
    for (int from = 0; from < resets.size(); from += perChunk) {
      CodeBlock.Builder reset = CodeBlock.builder();
      for (String r : resets.subList(from, Math.min(resets.size(), from + perChunk))) {
        reset.addStatement("$L", r);
      }
      body.addStatement("$N()", chunks.add("reset", reset.build()));
    }
  }

  /** Locals both sweeps use, declared at the method's top where both see them. */
  private void hoistLocals(CodeBlock.Builder body) {
    List<Var> hoisted = new ArrayList<>();
    for (Var v : names.variables()) {
      if (v.kind() != Var.Kind.PARAMETER && v.kind() != Var.Kind.ALIAS && !names.declaredInPlace(v)) {
        hoisted.add(v);
      }
    }
    Map<String, Type> slots = names.slotDeclarations();
    if (!hoisted.isEmpty() || !slots.isEmpty()) {
      body.add("// Locals both sweeps use, declared where both see them.\n");
      for (Var v : hoisted) {
        body.addStatement("$L $L = $L", v.type().javaName(), names.name(v), v.type().zero());
      }
      for (Map.Entry<String, Type> slot : slots.entrySet()) {
        body.addStatement("$L $L = $L", slot.getValue().javaName(), slot.getKey(), slot.getValue().zero());
      }
    }
  }

  private static boolean containsLoop(List<Stmt> body) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Loop
          || (s instanceof Stmt.If i && (containsLoop(i.then()) || containsLoop(i.otherwise())))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The reverse sweep as a private method: the function's parameters, then the forward sweep's
   * method-level locals whose values the adjoint sweep may read and the slots it reads ({@link
   * PrimalReads}); the locals it sets before it reads them are its own, declared without a value
   * (javac checks that they are set first). Null if the parameters would exceed the JVM's 255
   * parameter slots.
   */
  private MethodSpec reverseMethod(CodeBlock reverse, String name, PrimalReads reads) {
    List<ParameterSpec> params = new ArrayList<>(entryPoints.parameters());
    CodeBlock.Builder own = CodeBlock.builder();
    int slots = 1;
    for (Var p : function.parameters()) {
      slots += slotsOf(p.type());
    }
    for (Var v : names.variables()) {
      // Outside split mode every local but a nested alias is declared at the method's top level:
      // hoisted there, or in place by a top-level assignment.
      boolean topLevel = v.kind() != Var.Kind.ALIAS || lowered.body().stream()
          .anyMatch(s -> s instanceof Stmt.Assign a && a.target() == v);
      if (v.kind() == Var.Kind.PARAMETER || !topLevel || !reads.variables().contains(v)) {
        continue;
      }
      if (reads.fromForward().contains(v)) {
        params.add(ParameterSpec.builder(typeName(v.type()), names.name(v)).build());
        slots += slotsOf(v.type());
      } else {
        own.addStatement("$T $L", typeName(v.type()), names.name(v));
      }
    }
    Map<String, Type> slotTypes = names.slotDeclarations();
    for (Map.Entry<Stmt, String> slot : names.slotsByStatement()) {
      if (reads.records().contains(slot.getKey())) {
        Type t = slotTypes.get(slot.getValue());
        params.add(ParameterSpec.builder(typeName(t), slot.getValue()).build());
        slots += slotsOf(t);
      }
    }
    if (slots > 255) {
      return null;
    }
    MethodSpec.Builder method = MethodSpec.methodBuilder(chunks.newMethodName(name))
        .addModifiers(Modifier.PRIVATE)
        .addParameters(params);
    if (!own.isEmpty()) {
      method.addCode("// Set here before they are read: counters started afresh, values restored.\n")
          .addCode(own.build());
    }
    return method.addCode(reverse).build();
  }

  private static String call(MethodSpec method) {
    return method.name() + "(" + method.parameters().stream().map(p -> p.name()).collect(Collectors.joining(", ")) + ")";
  }

  /** JVM local-variable slots a parameter of this type takes: two for double and long. */
  private static int slotsOf(Type type) {
    return type == Type.DOUBLE || type == Type.LONG ? 2 : 1;
  }

  /** The JavaPoet type of an IR type; the trainer writer uses it too. */
  public static TypeName typeName(Type type) {
    return switch (type) {
      case DOUBLE -> TypeName.DOUBLE;
      case LONG -> TypeName.LONG;
      case INT -> TypeName.INT;
      case BOOLEAN -> TypeName.BOOLEAN;
      case DOUBLE_ARRAY -> ArrayTypeName.of(TypeName.DOUBLE);
      case DOUBLE_MATRIX -> ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE));
    };
  }
}
