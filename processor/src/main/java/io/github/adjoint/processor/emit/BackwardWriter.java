package io.github.adjoint.processor.emit;

import static io.github.adjoint.processor.plan.Operations.operandsOf;
import static io.github.adjoint.processor.plan.Operations.ruleOf;
import static io.github.adjoint.processor.plan.Operations.targetOf;
import static io.github.adjoint.processor.plan.Operations.valueOf;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.adjoint.processor.analyze.Activity;
import io.github.adjoint.processor.rules.DerivativeRules.Rule;
import io.github.adjoint.processor.rules.LocalGradient;
import io.github.adjoint.processor.derive.Lowering;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.ir.MathFunction;
import io.github.adjoint.processor.ir.Pos;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import io.github.adjoint.processor.plan.Operations;
import io.github.adjoint.processor.plan.RecordPlan;
import io.github.adjoint.processor.plan.RecordPlanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Emits the backward class of one function: the forward sweep (the method's own statements, one
 * operation per line), then the reverse sweep, where each statement's adjoint block adds "upstream
 * gradient × local gradient" into the adjoints of its operands, in reverse order.
 *
 * <p>Straight-line code keeps every intermediate in a local: nothing is recorded. A value that the
 * reverse sweep needs and a later statement overwrites is saved first (to-be-recorded analysis):
 * in a local slot outside loops, on a primitive tape inside them. Branches the reverse sweep must
 * retrace keep their outcome the same way, loops their trip count; loop counters stepped by a
 * constant are stepped back instead of recorded, and aliases of array rows are bound again.
 */
public final class BackwardWriter {
  private static final ClassName BUFFERS = ClassName.get("io.github.adjoint", "Buffers");
  private static final ClassName DROPOUT = ClassName.bestGuess(MathFunction.DROPOUT_STREAM);
  private static final String TAPES = "io.github.adjoint.tape";

  /**
   * A split function's sweeps are cut into methods of at most this many writes each (see {@link
   * RecordPlanner#SPLIT_THRESHOLD}).
   */
  static final int CHUNK = 40;

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

  /** Where a value or a branch outcome is kept for the reverse sweep. */
  private record Record(String slot, Tape tape) {
    boolean onTape() {
      return tape != null;
    }
  }

  /** The runtime tapes, one field each when used. */
  private enum Tape {
    DOUBLES("DoubleTape", "doubles"),
    INTS("IntTape", "ints"),
    LONGS("LongTape", "longs"),
    BRANCHES("BranchTape", "branches");

    final String className;
    final String field;

    Tape(String className, String field) {
      this.className = className;
      this.field = field;
    }

    static Tape of(Type type) {
      return switch (type) {
        case DOUBLE -> DOUBLES;
        case INT -> INTS;
        case LONG -> LONGS;
        case BOOLEAN -> BRANCHES;
        default -> throw new IllegalStateException("arrays are never recorded whole: " + type);
      };
    }
  }

  private final Function function;
  private final Lowering.Lowered lowered;
  private final Target target;
  private final RecordPlan plan;
  private final Set<Var> varied;
  /** Scalars declared where first assigned (at the top level), with that assignment. */
  private final Map<Var, Stmt.Assign> declaredInPlace = new IdentityHashMap<>();
  private final Map<Var, String> names = new IdentityHashMap<>();
  private final Map<Var, String> adjoints = new IdentityHashMap<>();
  private final Map<Var, String> buffers = new IdentityHashMap<>();
  private final Map<Var, String> adjointBuffers = new IdentityHashMap<>();
  private final Map<Stmt, Record> records = new IdentityHashMap<>();
  private final Map<Stmt.If, Record> branches = new IdentityHashMap<>();
  /**
   * Trip counts: a counter's slot, or for a recounted loop the expression that computes the count
   * again from its bound ({@code b.length} for {@code for (int j = 0; j < b.length; j++)}).
   */
  private final Map<Stmt.Loop, Record> trips = new IdentityHashMap<>();
  private final Map<Expr.DiffCall, String> callSites = new IdentityHashMap<>();
  private final Map<Var, Boolean> adjointDeclaredInPlace = new IdentityHashMap<>();
  /** Temporaries whose adjoint is the upstream gradient of the increment that reads them. */
  private final Map<Var, String> sharedAdjoints = new IdentityHashMap<>();
  private final Map<Tape, String> tapeFields = new java.util.EnumMap<>(Tape.class);
  private final NameAllocator locals = new NameAllocator();
  private final NameAllocator fields = new NameAllocator();
  private final NameAllocator methods = new NameAllocator();
  private final Renderer renderer;
  /** Large functions keep their state in fields and split their sweeps into methods. */
  private final boolean split;
  private final Set<Tape> tapesUsed = java.util.EnumSet.noneOf(Tape.class);
  private final List<MethodSpec> chunks = new ArrayList<>();

  /** Adjoint bookkeeping of one pass over the reverse sweep. */
  private final Set<Var> adjointsDeclared = identitySet();
  private boolean planning;
  private Pos lastCommented;

  public BackwardWriter(Function function, Lowering.Lowered lowered, Target target) {
    this.function = function;
    this.lowered = lowered;
    this.target = target;
    this.plan = RecordPlanner.plan(function.parameters(), lowered.body(), lowered.result());
    this.varied = plan.varied();
    this.renderer = new Renderer(this::name, d -> "this." + callSites.get(d) + "()");
    this.split = plan.split();
    plan.tapeTypes().forEach(t -> tapesUsed.add(Tape.of(t)));
    for (String reserved : List.of("compute", "accumulate", "zero")) {
      methods.newName(reserved);
    }
    // Gradient fields carry the parameters' own names: claimed before any generated field.
    for (Var p : function.parameters()) {
      fields.newName(p.name(), p);
    }
    for (Tape t : Tape.values()) {
      tapeFields.put(t, fields.newName(t.field, t));
    }
  }

  private static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** Allocates the name of a variable of the sweeps: a local, or a field in split mode. */
  private String variableName(String suggestion) {
    return (split ? fields : locals).newName(suggestion);
  }

  public JavaFile write() {
    allocateNames();
    Activity.forEachAssign(
        lowered.body(),
        a -> {
          if (a.value() instanceof Expr.DiffCall d) {
            callSites.put(d, fields.newName(d.callee().methodName() + "Call"));
          }
        });
    collectInPlace(lowered.body(), true, parameterSet());
    nameRecords();

    // Dry run: find where each adjoint is first touched, so that straight-line code declares it at
    // its first contribution instead of zero-initialising it up front.
    planning = true;
    reverse(lowered.body(), CodeBlock.builder(), 0, 0);
    planning = false;
    sharedAdjoints.clear();

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
    MethodSpec accumulate = accumulateMethod(type);
    for (Tape t : tapesUsed) {
      ClassName tapeClass = ClassName.get(TAPES, t.className);
      type.addField(
          FieldSpec.builder(tapeClass, tapeFields.get(t), Modifier.PRIVATE, Modifier.FINAL)
              .initializer("new $T()", tapeClass)
              .build());
    }
    for (Map.Entry<Var, String> b : orderedBuffers()) {
      type.addField(typeName(b.getKey().type()), b.getValue(), Modifier.PRIVATE);
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).build());
    type.addMethod(computeMethod());
    type.addMethod(accumulate);
    type.addMethods(chunks);
    type.addMethod(zeroMethod());
    return JavaFile.builder(target.packageName(), type.build())
        .addFileComment("Generated by Adjoint from $L. Do not edit.", target.sourceDisplay())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  // ---------------------------------------------------------------- planning

  /**
   * Names the plan's slots, in program order: saved values first, then branch outcomes and trip
   * counts. A {@code for} loop's counter is declared up front, where both sweeps see it.
   */
  private void nameRecords() {
    Stmt.walk(lowered.body(), s -> {
      RecordPlan.Saved saved = plan.saved(s);
      if (saved != null) {
        records.put(s, saved.storage() == RecordPlan.Storage.TAPE
            ? new Record(null, Tape.of(saved.type()))
            : new Record(variableName(
                (s instanceof Stmt.Assign a ? name(a.target()) : name(targetOf(s)) + "Element") + "Before"), null));
      }
    });
    Stmt.walk(lowered.body(), s -> {
      if (s instanceof Stmt.If i && plan.branch(i) != null) {
        branches.put(i, plan.branch(i) == RecordPlan.Storage.TAPE
            ? new Record(null, Tape.BRANCHES)
            : new Record(variableName("branch" + (branches.size() + 1)), null));
      } else if (s instanceof Stmt.Loop l && plan.trips(l) != null) {
        if (plan.trips(l) instanceof RecordPlan.Recounted r) {
          trips.put(l, new Record(recount(r), null));
        } else {
          long counted = trips.keySet().stream().filter(x -> plan.trips(x) instanceof RecordPlan.Counted).count();
          String name = variableName("trips" + (counted + 1));
          boolean onTape = ((RecordPlan.Counted) plan.trips(l)).storage() == RecordPlan.Storage.TAPE;
          trips.put(l, new Record(name, onTape ? Tape.INTS : null));
        }
      }
      if (s instanceof Stmt.Loop l && plan.forLoopStart(l) != null) {
        declaredInPlace.remove(plan.forLoopStart(l).target());
      }
    });
  }

  /**
   * A recounted trip count: the bound from a start of 0, else compared first so the subtraction
   * cannot overflow.
   */
  private String recount(RecordPlan.Recounted r) {
    String start = ((Expr.Literal) r.start().value()).text();
    if (start.matches("0+")) {
      return renderer.render(r.bound());
    }
    String b = renderer.atom(r.bound());
    return "(" + b + " > " + start + " ? " + b + " - " + start + " : 0)";
  }

  /**
   * Where the counter of a loop recounted from 0 ended, {@code max(count, 0)}: clamped only when
   * the count may be negative (a length never is).
   */
  private static String nonNegative(String count, RecordPlan.Recounted r) {
    if (r.bound() instanceof Expr.Length) {
      return count;
    }
    if (r.bound() instanceof Expr.Literal literal) {
      return Integer.toString(Math.max(Integer.parseInt(literal.text()), 0));
    }
    return "Math.max(" + count + ", 0)";
  }

  private Set<Var> parameterSet() {
    Set<Var> seen = identitySet();
    seen.addAll(function.parameters());
    return seen;
  }

  private List<Var> variables() {
    return new ArrayList<>(Activity.variablesInOrder(function.parameters(), lowered.body()));
  }

  private void allocateNames() {
    for (Var v : variables()) {
      names.put(v, variableName(v.name()));
    }
    for (Var v : variables()) {
      if (varied.contains(v) || v == lowered.result()) {
        adjoints.put(v, variableName("d" + v.name()));
      }
    }
    Activity.forEachAssign(
        lowered.body(),
        a -> {
          if (a.value() instanceof Expr.NewArray) {
            buffers.put(a.target(), fields.newName(names.get(a.target()) + "Buffer"));
            if (varied.contains(a.target())) {
              adjointBuffers.put(a.target(), fields.newName(adjoints.get(a.target()) + "Buffer"));
            }
          }
        });
  }

  private List<Map.Entry<Var, String>> orderedBuffers() {
    Map<Var, String> ordered = new LinkedHashMap<>();
    for (Var v : variables()) {
      if (buffers.containsKey(v)) {
        ordered.put(v, buffers.get(v));
      }
    }
    List<Map.Entry<Var, String>> all = new ArrayList<>(ordered.entrySet());
    for (Var v : variables()) {
      if (adjointBuffers.containsKey(v)) {
        all.add(Map.entry(v, adjointBuffers.get(v)));
      }
    }
    return all;
  }

  private String name(Var v) {
    String n = names.get(v);
    if (n == null) {
      n = variableName(v.name());
      names.put(v, n);
    }
    return n;
  }

  /** Scalars first assigned at the top level are declared there; the rest at the method's top. */
  private void collectInPlace(List<Stmt> body, boolean topLevel, Set<Var> seen) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a) {
        if (seen.add(a.target()) && topLevel && !split && a.target().kind() != Var.Kind.ALIAS) {
          declaredInPlace.put(a.target(), a);
        }
      } else if (s instanceof Stmt.If i) {
        collectInPlace(i.then(), false, seen);
        collectInPlace(i.otherwise(), false, seen);
      } else if (s instanceof Stmt.Loop l) {
        collectInPlace(l.body(), false, seen);
        collectInPlace(l.update(), false, seen);
      }
    }
  }

  private boolean isInPlaceDeclaration(Stmt.Assign a) {
    return declaredInPlace.get(a.target()) == a;
  }

  private Stmt.Assign firstAssignOf(Var v) {
    Stmt.Assign[] first = {null};
    Activity.forEachAssign(
        lowered.body(),
        a -> {
          if (first[0] == null && a.target() == v) {
            first[0] = a;
          }
        });
    return first[0];
  }

  private boolean isVariedArray(Expr e) {
    return (e instanceof Expr.Ref r && varied.contains(r.var()))
        || (e instanceof Expr.ArrayRead a && varied.contains(a.array()));
  }

  /** The adjoint of an array argument: {@code dw}, or the row {@code dm[i]}. */
  private String adjointOfArray(Expr e) {
    if (e instanceof Expr.Ref r) {
      return adjoints.get(r.var());
    }
    Expr.ArrayRead row = (Expr.ArrayRead) e;
    return renderer.element(adjoints.get(row.array()), row.indices());
  }

  private static String inverse(Stmt.Assign a, Renderer renderer) {
    Expr.Binary b = (Expr.Binary) a.value();
    String op = b.op() == Expr.BinaryOp.ADD ? " - " : " + ";
    return renderer.render(b.left()) + op + renderer.atom(b.right());
  }

  private void addCallSites(TypeSpec.Builder type) {
    List<Expr.DiffCall> calls = new ArrayList<>();
    Activity.forEachAssign(
        lowered.body(),
        a -> {
          if (a.value() instanceof Expr.DiffCall d) {
            calls.add(d);
          }
        });
    for (Expr.DiffCall d : calls) {
      ClassName backward = ClassName.get(d.callee().backwardPackage(), d.callee().backwardSimpleName());
      String field = callSites.get(d);
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

  // ---------------------------------------------------------------- methods

  private List<ParameterSpec> parameters() {
    List<ParameterSpec> params = new ArrayList<>();
    for (Var p : function.parameters()) {
      params.add(ParameterSpec.builder(typeName(p.type()), p.name()).build());
    }
    return params;
  }

  private String argumentList() {
    return String.join(", ", function.parameters().stream().map(Var::name).toList());
  }

  private MethodSpec computeMethod() {
    return MethodSpec.methodBuilder("compute")
        .addJavadoc("Returns {@code $L($L)} and stores its gradient in the fields.\n",
            target.sourceDisplay(), argumentList())
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.DOUBLE)
        .addParameters(parameters())
        .addStatement("zero()")
        .addStatement("return accumulate($L)", argumentList())
        .build();
  }

  private MethodSpec zeroMethod() {
    MethodSpec.Builder zero =
        MethodSpec.methodBuilder("zero")
            .addJavadoc("Sets every gradient field to zero.\n")
            .addModifiers(Modifier.PUBLIC);
    for (Var p : function.parameters()) {
      if (p.differentiable() && p.type().isArray()) {
        zero.addStatement("$T.zero(this.$N)", BUFFERS, p.name());
      } else if (p.differentiable()) {
        zero.addStatement("this.$N = 0.0", p.name());
      }
    }
    return zero.build();
  }

  /** A declaration in non-split mode ({@code double x = v}), an assignment of a field otherwise. */
  private void declare(CodeBlock.Builder out, Type type, String name, Object value) {
    if (split) {
      out.addStatement("$L = $L", name, value);
    } else {
      out.addStatement("$L $L = $L", type.javaName(), name, value);
    }
  }

  private MethodSpec accumulateMethod(TypeSpec.Builder type) {
    CodeBlock.Builder body = CodeBlock.builder();
    List<String> resets = new ArrayList<>();
    if (split) {
      body.add("// A large function: its values live in fields, and each sweep is cut into methods.\n");
      for (Var v : variables()) {
        type.addField(typeName(v.type()), name(v), Modifier.PRIVATE);
        if (v.kind() == Var.Kind.RETURNED) {
          resets.add(name(v) + " = false");
        }
      }
      for (Var v : variables()) {
        if (adjoints.containsKey(v)) {
          type.addField(typeName(v.type()), adjoints.get(v), Modifier.PRIVATE);
          if (!v.type().isArray()) {
            resets.add(adjoints.get(v) + " = " + (v == lowered.result() ? "1.0" : "0.0"));
          }
        }
      }
      for (Map.Entry<String, Type> slot : slotDeclarations().entrySet()) {
        type.addField(typeName(slot.getValue()), slot.getKey(), Modifier.PRIVATE);
      }
      for (Var p : function.parameters()) {
        body.addStatement("this.$L = $L", name(p), p.name());
      }
    } else {
      List<Var> hoisted = new ArrayList<>();
      for (Var v : variables()) {
        if (v.kind() != Var.Kind.PARAMETER && v.kind() != Var.Kind.ALIAS && !declaredInPlace.containsKey(v)) {
          hoisted.add(v);
        }
      }
      Map<String, Type> slots = slotDeclarations();
      if (!hoisted.isEmpty() || !slots.isEmpty()) {
        body.add("// Locals both sweeps use, declared where both see them.\n");
        for (Var v : hoisted) {
          body.addStatement("$L $L = $L", v.type().javaName(), name(v), v.type().zero());
        }
        for (Map.Entry<String, Type> slot : slots.entrySet()) {
          body.addStatement("$L $L = $L", slot.getValue().javaName(), slot.getKey(), slot.getValue().zero());
        }
      }
    }
    for (Tape t : tapesUsed) {
      // Left over only if an earlier call threw half-way.
      body.addStatement("$L.clear()", tapeFields.get(t));
    }
    for (Var p : function.parameters()) {
      if (p.differentiable() && p.type().isArray() && varied.contains(p)) {
        body.addStatement("this.$N = $T.shaped(this.$N, $L)", p.name(), BUFFERS, p.name(), p.name());
      }
    }
    for (int from = 0; from < resets.size(); from += 10 * CHUNK) {
      CodeBlock.Builder reset = CodeBlock.builder();
      for (String r : resets.subList(from, Math.min(resets.size(), from + 10 * CHUNK))) {
        reset.addStatement("$L", r);
      }
      body.addStatement("$N()", chunkMethod("reset", reset.build()));
    }
    if (!body.isEmpty()) {
      body.add("\n");
    }
    body.add("// Forward sweep: the function's own operations, in order.\n");
    lastCommented = null;
    forward(lowered.body(), body, 0);

    CodeBlock.Builder reverse = CodeBlock.builder();
    lastCommented = null;
    reverse(lowered.body(), reverse, 0, 0);
    CodeBlock.Builder sweep = CodeBlock.builder();
    sweep.add("// Reverse sweep: each adjoint dv = ∂result/∂v; every block adds upstream × local"
        + " gradient.\n");
    declareAdjoints(sweep);
    sweep.add(reverse.build());
    boolean any = false;
    for (Var p : function.parameters()) {
      if (p.differentiable() && !p.type().isArray() && adjointDeclaredInPlace.containsKey(p)) {
        if (!any) {
          sweep.add("\n");
          any = true;
        }
        sweep.addStatement("this.$N += $L", p.name(), adjoints.get(p));
      }
    }

    body.add("\n");
    String value = name(lowered.result());
    boolean[] restored = {false};
    Stmt.walk(lowered.body(), s -> restored[0] |= plan.saved(s) != null && targetOf(s) == lowered.result());
    if (restored[0]) {
      // The reverse sweep restores overwritten results: keep the one to return.
      value = locals.newName("value");
      body.addStatement("double $L = $L", value, name(lowered.result()));
    }
    MethodSpec reverseMethod = split || !containsLoop(lowered.body()) ? null : reverseMethod(sweep.build());
    if (reverseMethod == null) {
      body.add(sweep.build());
    } else {
      // In a method of its own: C2 optimises the loops of two smaller methods better.
      body.addStatement("$N($L)", reverseMethod, reverseMethod.parameters().stream()
          .map(p -> p.name()).collect(Collectors.joining(", ")));
      chunks.add(0, reverseMethod);
    }
    body.addStatement("return $L", value);
    return MethodSpec.methodBuilder("accumulate")
        .addJavadoc("Returns {@code $L($L)} and adds its gradient to the fields.\n",
            target.sourceDisplay(), argumentList())
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.DOUBLE)
        .addParameters(parameters())
        .addCode(body.build())
        .build();
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
   * method-level locals that the sweep mentions (comments aside). Null if they would exceed the
   * JVM's 255 parameter slots.
   */
  private MethodSpec reverseMethod(CodeBlock sweep) {
    Map<String, Type> topLevel = new LinkedHashMap<>();
    for (Var v : variables()) {
      // Outside split mode every local but a nested alias is declared at the method's top level:
      // hoisted there, or in place by a top-level assignment.
      boolean alias = v.kind() == Var.Kind.ALIAS;
      if (v.kind() != Var.Kind.PARAMETER && (!alias || declaredAtTop(v))) {
        topLevel.put(name(v), v.type());
      }
    }
    topLevel.putAll(slotDeclarations());
    String code = sweep.toString().lines()
        .filter(line -> !line.strip().startsWith("//"))
        .collect(Collectors.joining("\n"));
    List<ParameterSpec> params = new ArrayList<>(parameters());
    int slots = 1;
    for (Var p : function.parameters()) {
      slots += slotsOf(p.type());
    }
    for (Map.Entry<String, Type> local : topLevel.entrySet()) {
      if (Pattern.compile("(?<![\\w$.])" + Pattern.quote(local.getKey()) + "(?![\\w$])").matcher(code).find()) {
        params.add(ParameterSpec.builder(typeName(local.getValue()), local.getKey()).build());
        slots += slotsOf(local.getValue());
      }
    }
    if (slots > 255) {
      return null;
    }
    return MethodSpec.methodBuilder(methods.newName("reverse"))
        .addModifiers(Modifier.PRIVATE)
        .addParameters(params)
        .addCode(sweep)
        .build();
  }

  /** JVM local-variable slots a parameter of this type takes: two for double and long. */
  private static int slotsOf(Type type) {
    return type == Type.DOUBLE || type == Type.LONG ? 2 : 1;
  }

  /** Adjoints of scalars start at zero (the result's at one); array adjoints name their storage. */
  private void declareAdjoints(CodeBlock.Builder body) {
    for (Var v : variables()) {
      if (!adjoints.containsKey(v)) {
        continue;
      }
      String adjoint = adjoints.get(v);
      if (v.type().isArray()) {
        if (v.kind() == Var.Kind.PARAMETER) {
          declare(body, v.type(), adjoint, "this." + v.name());
        } else if (adjointBuffers.containsKey(v)) {
          String buffer = adjointBuffers.get(v);
          declare(body, v.type(), adjoint, CodeBlock.of("this.$L = $T.zeroedLike(this.$L, $L)",
              buffer, BUFFERS, buffer, name(v)));
        } else if (v.kind() == Var.Kind.ALIAS && declaredAtTop(v)) {
          declare(body, v.type(), adjoint, adjointOfSource(aliasBinding(v)));
        }
      } else if (!split && Boolean.FALSE.equals(adjointDeclaredInPlace.get(v))) {
        body.addStatement("double $L = $L", adjoint, v == lowered.result() ? "1.0" : "0.0");
      }
    }
  }

  private boolean declaredAtTop(Var alias) {
    return lowered.body().stream().anyMatch(s -> s instanceof Stmt.Assign a && a.target() == alias);
  }

  private Stmt.Assign aliasBinding(Var alias) {
    return firstAssignOf(alias);
  }

  /** The adjoint of an alias's source: {@code dm[i]} for {@code row = m[i]}. */
  private String adjointOfSource(Stmt.Assign binding) {
    Expr source = binding.value();
    if (source instanceof Expr.Ref r) {
      return adjoints.get(r.var());
    }
    Expr.ArrayRead row = (Expr.ArrayRead) source;
    return renderer.element(adjoints.get(row.array()), row.indices());
  }

  /** Every local slot of a recorded value, branch outcome or trip count, in program order. */
  private Map<String, Type> slotDeclarations() {
    Map<String, Type> slots = new LinkedHashMap<>();
    collectSlots(lowered.body(), slots);
    return slots;
  }

  private void collectSlots(List<Stmt> body, Map<String, Type> slots) {
    for (Stmt s : body) {
      Record r = records.get(s);
      if (r != null && !r.onTape()) {
        slots.put(r.slot(), s instanceof Stmt.Assign a ? a.target().type() : Type.DOUBLE);
      }
      if (s instanceof Stmt.If i) {
        Record b = branches.get(i);
        if (b != null && !b.onTape()) {
          slots.put(b.slot(), Type.BOOLEAN);
        }
        collectSlots(i.then(), slots);
        collectSlots(i.otherwise(), slots);
      } else if (s instanceof Stmt.Loop l) {
        Record t = trips.get(l);
        if (t != null && plan.trips(l) instanceof RecordPlan.Counted) {
          slots.put(t.slot(), Type.INT);
        }
        collectSlots(l.body(), slots);
        collectSlots(l.update(), slots);
      }
    }
  }

  private static TypeName typeName(Type type) {
    return switch (type) {
      case DOUBLE -> TypeName.DOUBLE;
      case LONG -> TypeName.LONG;
      case INT -> TypeName.INT;
      case BOOLEAN -> TypeName.BOOLEAN;
      case DOUBLE_ARRAY -> ArrayTypeName.of(TypeName.DOUBLE);
      case DOUBLE_MATRIX -> ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE));
    };
  }

  // ---------------------------------------------------------------- forward sweep

  private void forward(List<Stmt> body, CodeBlock.Builder out, int loopDepth) {
    if (split && Operations.weight(body) > CHUNK) {
      for (List<Stmt> group : groups(body)) {
        CodeBlock.Builder chunk = CodeBlock.builder();
        lastCommented = null;
        forwardStatements(group, chunk, loopDepth);
        out.addStatement("$N()", chunkMethod("forward", chunk.build()));
      }
      return;
    }
    forwardStatements(body, out, loopDepth);
  }

  /** Consecutive statements of at most {@link #CHUNK} assignments (a bigger one stands alone). */
  private static List<List<Stmt>> groups(List<Stmt> body) {
    List<List<Stmt>> groups = new ArrayList<>();
    List<Stmt> current = new ArrayList<>();
    int size = 0;
    for (Stmt s : body) {
      int w = Operations.weight(List.of(s));
      if (!current.isEmpty() && size + w > CHUNK) {
        groups.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(s);
      size += w;
    }
    if (!current.isEmpty()) {
      groups.add(current);
    }
    return groups;
  }

  private String chunkMethod(String prefix, CodeBlock code) {
    String name = methods.newName(prefix + (chunks.size() + 1));
    chunks.add(MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE).addCode(code).build());
    return name;
  }

  private void forwardStatements(List<Stmt> body, CodeBlock.Builder out, int loopDepth) {
    for (int k = 0; k < body.size(); k++) {
      Stmt s = body.get(k);
      if (k + 1 < body.size() && body.get(k + 1) instanceof Stmt.Loop l && plan.forLoopStart(l) != null) {
        continue; // the loop's header starts its counter
      }
      if (s instanceof Stmt.Assign a) {
        comment(out, a.pos(), "");
        saveBeforeOverwrite(a, name(a.target()), out);
        if (a.target().kind() == Var.Kind.ALIAS) {
          declare(out, a.target().type(), name(a.target()), renderer.code(a.value()));
        } else if (a.value() instanceof Expr.NewArray n) {
          String buffer = buffers.get(a.target());
          CodeBlock dims = n.dimensions().stream().map(renderer::code).collect(CodeBlock.joining(", "));
          assign(out, a, CodeBlock.of("this.$L = $T.zeroed(this.$L, $L)", buffer, BUFFERS, buffer, dims));
        } else {
          assign(out, a, renderer.code(a.value()));
        }
      } else if (s instanceof Stmt.ArrayAssign w) {
        comment(out, w.pos(), "");
        String element = renderer.element(name(w.array()), w.indices());
        saveBeforeOverwrite(w, element, out);
        out.addStatement("$L = $L", element, renderer.code(w.value()));
      } else if (s instanceof Stmt.If i) {
        comment(out, i.pos(), "");
        CodeBlock condition = renderer.code(i.condition());
        Record branch = branches.get(i);
        if (branch != null && branch.onTape()) {
          // The outcome goes on the tape after the branch's own records, so the reverse sweep
          // pops it first.
          out.beginControlFlow("if ($L)", condition);
          lastCommented = i.pos();
          forward(i.then(), out, loopDepth);
          out.addStatement("$L.push(true)", tapeFields.get(branch.tape()));
          out.nextControlFlow("else");
          lastCommented = i.pos();
          forward(i.otherwise(), out, loopDepth);
          out.addStatement("$L.push(false)", tapeFields.get(branch.tape()));
          out.endControlFlow();
          continue;
        }
        if (branch != null) {
          out.addStatement("$L = $L", branch.slot(), condition);
          condition = CodeBlock.of("$L", branch.slot());
        }
        out.beginControlFlow("if ($L)", condition);
        lastCommented = i.pos();
        forward(i.then(), out, loopDepth);
        if (!i.otherwise().isEmpty()) {
          out.nextControlFlow("else");
          lastCommented = i.pos();
          forward(i.otherwise(), out, loopDepth);
        }
        out.endControlFlow();
      } else if (s instanceof Stmt.Loop l) {
        comment(out, l.pos(), "");
        Record count = plan.trips(l) instanceof RecordPlan.Recounted ? null : trips.get(l);
        if (count != null) {
          out.addStatement("$L = 0", count.slot());
        }
        CodeBlock condition = renderer.code(l.condition());
        Stmt.Assign init = plan.forLoopStart(l);
        if (init != null) {
          String i = name(init.target());
          out.beginControlFlow("for ($L = $L; $L; $L++)", i, renderer.code(init.value()), condition, i);
        } else if (l.testFirst()) {
          out.beginControlFlow("while ($L)", condition);
        } else {
          out.beginControlFlow("do");
        }
        if (count != null) {
          out.addStatement("$L++", count.slot());
        }
        lastCommented = l.pos();
        forward(l.body(), out, loopDepth + 1);
        if (init == null) {
          forward(l.update(), out, loopDepth + 1);
        }
        if (l.testFirst()) {
          out.endControlFlow();
        } else {
          out.endControlFlow("while ($L)", condition);
        }
        if (count != null && count.onTape()) {
          out.addStatement("$L.push($L)", tapeFields.get(count.tape()), count.slot());
        }
      }
    }
  }

  private void assign(CodeBlock.Builder out, Stmt.Assign a, Object value) {
    if (isInPlaceDeclaration(a)) {
      out.addStatement("$L $L = $L", a.target().type().javaName(), name(a.target()), value);
    } else {
      out.addStatement("$L = $L", name(a.target()), value);
    }
  }

  private void saveBeforeOverwrite(Stmt s, String current, CodeBlock.Builder out) {
    Record r = records.get(s);
    if (r == null) {
      return;
    }
    if (r.onTape()) {
      out.addStatement("$L.push($L)", tapeFields.get(r.tape()), current);
    } else {
      out.addStatement("$L = $L", r.slot(), current);
    }
  }

  private String restore(Record r) {
    return r.onTape() ? tapeFields.get(r.tape()) + ".pop()" : r.slot();
  }

  private void comment(CodeBlock.Builder out, Pos pos, String prefix) {
    if (planning || pos.equals(lastCommented) || pos.line() == 0) {
      return;
    }
    lastCommented = pos;
    String text = pos.statement().replace("\\u", "\\ u");
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1);
    }
    out.add("// $L$L ($L:$L)\n", prefix, text, function.fileName(), pos.line());
  }

  // ---------------------------------------------------------------- reverse sweep

  private void reverse(List<Stmt> body, CodeBlock.Builder out, int depth, int loopDepth) {
    if (split && !planning && Operations.weight(body) > CHUNK) {
      List<List<Stmt>> groups = groups(body);
      if (depth > 0) {
        rebindAliases(body, out);
      }
      for (int g = groups.size() - 1; g >= 0; g--) {
        CodeBlock.Builder chunk = CodeBlock.builder();
        lastCommented = null;
        reverseStatements(groups.get(g), chunk, depth, loopDepth);
        out.addStatement("$N()", chunkMethod("reverse", chunk.build()));
      }
      return;
    }
    if (depth > 0 && plan.hasReverse(body)) {
      rebindAliases(body, out);
    }
    reverseStatements(body, out, depth, loopDepth);
  }

  /**
   * Aliases bound in this block are bound again where its reverse begins: their sources do not
   * change later in the block (the reader rejects that), so this is the same array.
   */
  private void rebindAliases(List<Stmt> body, CodeBlock.Builder out) {
    if (planning) {
      return;
    }
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a && a.target().kind() == Var.Kind.ALIAS) {
        declare(out, a.target().type(), name(a.target()), renderer.code(a.value()));
        if (adjoints.containsKey(a.target())) {
          declare(out, a.target().type(), adjoints.get(a.target()), adjointOfSource(a));
        }
      }
    }
  }

  private void reverseStatements(List<Stmt> body, CodeBlock.Builder out, int depth, int loopDepth) {
    for (int k = body.size() - 1; k >= 0; k--) {
      Stmt s = body.get(k);
      if (s instanceof Stmt.Assign a && a.target().kind() == Var.Kind.ALIAS) {
        continue;
      }
      if (s instanceof Stmt.Assign || s instanceof Stmt.ArrayAssign) {
        if (plan.steppedBack(s)) {
          Stmt.Assign a = (Stmt.Assign) s;
          comment(out, a.pos(), "step back: ");
          out.addStatement("$L = $L", name(a.target()), inverse(a, renderer));
        } else {
          reverseWrite(s, k > 0 ? body.get(k - 1) : null, out, depth, loopDepth);
        }
      } else if (s instanceof Stmt.If i) {
        Record branch = branches.get(i);
        if (branch == null) {
          continue;
        }
        CodeBlock.Builder then = CodeBlock.builder();
        CodeBlock.Builder otherwise = CodeBlock.builder();
        Pos saved = lastCommented;
        reverse(i.then(), then, depth + 1, loopDepth);
        lastCommented = saved;
        reverse(i.otherwise(), otherwise, depth + 1, loopDepth);
        comment(out, i.pos(), "retrace branch of: ");
        CodeBlock thenCode = then.build();
        CodeBlock elseCode = otherwise.build();
        String taken = restore(branch);
        if (thenCode.isEmpty()) {
          out.beginControlFlow("if (!$L)", taken).add(elseCode).endControlFlow();
        } else {
          out.beginControlFlow("if ($L)", taken).add(thenCode);
          if (!elseCode.isEmpty()) {
            out.nextControlFlow("else").add(elseCode);
          }
          out.endControlFlow();
        }
      } else if (s instanceof Stmt.Loop l) {
        Record count = trips.get(l);
        if (count == null) {
          continue;
        }
        comment(out, l.pos(), "retrace loop: ");
        if (count.onTape()) {
          out.addStatement("$L = $L.pop()", count.slot(), tapeFields.get(count.tape()));
        }
        Stmt.Assign init = plan.countedFromConstant(l);
        Var counter = plan.orderFreeCounter(l);
        if (init != null && counter != null) {
          // Passes that commute run forwards from the constant start: nothing saved the counter.
          String i = name(init.target());
          String start = renderer.atom(init.value());
          out.beginControlFlow("for ($L = $L; $L < $L; $L++)", i, start, i, endOfCount(init, count), i);
          reverse(l.body(), out, depth + 1, loopDepth + 1);
          out.endControlFlow();
          continue;
        }
        if (counter != null) {
          // Passes that commute run forwards: the counted loop the JIT vectorizes.
          String end = planning ? "end" : variableName("end");
          String i = name(counter);
          out.addStatement("int $L = $L", end, i);
          out.beginControlFlow("for ($L = $L - $L; $L < $L; $L++)", i, end, count.slot(), i, end, i);
          reverse(l.body(), out, depth + 1, loopDepth + 1);
          out.endControlFlow();
          out.addStatement("$L = $L - $L", i, end, count.slot());
          continue;
        }
        if (init != null) {
          String end = endOfCount(init, count);
          boolean fromZero = plan.trips(l) instanceof RecordPlan.Recounted r && end.equals(count.slot());
          out.addStatement("$L = $L", name(init.target()),
              fromZero ? nonNegative(end, (RecordPlan.Recounted) plan.trips(l)) : end);
        }
        String pass = planning ? "pass" : locals.newName("pass");
        out.beginControlFlow("for (int $L = $L; $L > 0; $L--)", pass, count.slot(), pass, pass);
        Pos saved = lastCommented;
        reverse(l.update(), out, depth + 1, loopDepth + 1);
        lastCommented = saved;
        reverse(l.body(), out, depth + 1, loopDepth + 1);
        out.endControlFlow();
      }
    }
  }

  /** Where a counted loop's counter ended: its constant start plus the trip count. */
  private String endOfCount(Stmt.Assign init, Record count) {
    String start = renderer.atom(init.value());
    return start.equals("0") ? count.slot() : start + " + " + count.slot();
  }

  /** {@code previous}: the statement before {@code s} in its block, whose reverse comes next. */
  private void reverseWrite(Stmt s, Stmt previous, CodeBlock.Builder out, int depth, int loopDepth) {
    Record record = records.get(s);
    boolean element = s instanceof Stmt.ArrayAssign;
    String current =
        element
            ? renderer.element(name(targetOf(s)), ((Stmt.ArrayAssign) s).indices())
            : name(targetOf(s));
    Pos pos = s.pos();
    if (!plan.active(s)) {
      if (plan.kills(s)) {
        // No derivative flows through this value, and it ends the overwritten value's.
        comment(out, pos, "no gradient through: ");
        String adjoint =
            element
                ? renderer.element(adjoints.get(targetOf(s)), ((Stmt.ArrayAssign) s).indices())
                : readAdjoint(targetOf(s));
        out.addStatement("$L = 0.0", adjoint);
      }
      if (record != null) {
        comment(out, pos, "restore before: ");
        out.addStatement("$L = $L", current, restore(record));
      }
      return;
    }
    comment(out, pos, "grad of: ");
    Var v = targetOf(s);
    Expr value = valueOf(s);
    List<Expr> operands = operandsOf(value);
    String upstream;
    boolean zeroAfter = false;
    int increment = Operations.incrementOperand(s);
    if (increment >= 0 && record == null) {
      // v = v + e: the adjoint of v passes through unchanged, only e's operands receive.
      upstream =
          element
              ? renderer.element(adjoints.get(v), ((Stmt.ArrayAssign) s).indices())
              : readAdjoint(v);
      Rule rule = ruleOf(value);
      for (int i = 0; i < operands.size(); i++) {
        if (i == increment) {
          continue;
        }
        if (definedJustBefore(s, operands.get(i), rule.forOperand(i), previous)) {
          // s = s + t right after t = a * b: t's adjoint is s's, so t's reverse reads ds itself
          // (dw[i] += ds * x[i]) instead of dt += ds; dw[i] += dt * x[i]; dt = 0.
          sharedAdjoints.put(((Expr.Ref) operands.get(i)).var(), upstream);
        } else {
          contribute(operands.get(i), rule.forOperand(i), upstream, false, operands, current, out, depth);
        }
      }
      return;
    }
    String shared = null;
    if (element) {
      // dA[i] is read, then zeroed: the element is overwritten here.
      String adjointElement = renderer.element(adjoints.get(v), ((Stmt.ArrayAssign) s).indices());
      upstream = planning ? "upstream" : variableName("upstream");
      out.addStatement("double $L = $L", upstream, adjointElement);
      out.addStatement("$L = 0.0", adjointElement);
    } else {
      Stmt.Assign a = (Stmt.Assign) s;
      boolean selfReference = operands.stream().anyMatch(o -> o instanceof Expr.Ref r && r.var() == v);
      // In a loop every assignment overwrites the previous pass's value, temporaries too.
      boolean overwrites =
          loopDepth > 0
              || ((v.kind() == Var.Kind.LOCAL || v.kind() == Var.Kind.PARAMETER) && !a.declaration());
      // Every definition reads it: a temporary of ?: is defined once in each branch.
      shared = sharedAdjoints.get(v);
      upstream = shared != null ? shared : readAdjoint(v);
      if (shared != null) {
        // Nothing wrote the temporary's own adjoint: nothing to zero.
      } else if (selfReference) {
        String copy = planning ? "upstream" : variableName("upstream");
        out.addStatement("double $L = $L", copy, upstream);
        out.addStatement("$L = 0.0", upstream);
        upstream = copy;
      } else {
        zeroAfter = overwrites;
      }
    }
    String result = current;
    if (record != null) {
      if (plan.readsResult(s)) {
        String captured = planning ? "value" : variableName(name(v) + "Value");
        out.addStatement("double $L = $L", captured, current);
        result = captured;
      }
      out.addStatement("$L = $L", current, restore(record));
    }
    // No write can follow to the adjoint of a temporary (read once) or of a result known to be 1.
    boolean finalUpstream =
        shared == null
            && !element
            && (v.kind() == Var.Kind.TEMP || (v == lowered.result() && plan.resultAdjointIsOne()));
    // A zero adjoint contributes zero, also where the local gradient is infinite or NaN.
    boolean resultAdjointIsOne =
        plan.resultAdjointIsOne() && upstream.equals(adjoints.get(lowered.result()));
    boolean guarded = !Operations.isLinear(value) && !resultAdjointIsOne;
    if (guarded) {
      out.beginControlFlow("if ($L != 0.0)", upstream);
      depth++;
    }
    if (value instanceof Expr.DiffCall call) {
      String site = "this." + callSites.get(call);
      if (loopDepth > 0) {
        // The call site ran once per pass: run it again for this pass's gradient.
        String rerun = "this." + callSites.get(call) + "().compute("
            + String.join(", ", call.args().stream().map(renderer::render).toList()) + ")";
        if (call.streamState() == null) {
          out.addStatement("$L", rerun);
        } else {
          // It draws dropout masks: this pass's again, and the stream resumes where it was.
          String resume = planning ? "resume" : variableName("resume");
          out.addStatement("long $L = $T.state()", resume, DROPOUT);
          out.addStatement("$T.state($L)", DROPOUT, name(call.streamState()));
          out.addStatement("$L", rerun);
          out.addStatement("$T.state($L)", DROPOUT, resume);
        }
      }
      for (int i = 0; i < call.args().size(); i++) {
        String field = call.callee().gradientFields().get(i);
        Expr arg = call.args().get(i);
        if (field == null) {
          continue;
        }
        if (arg.type().isArray()) {
          // The callee's gradient has the argument's shape: add it, scaled, to the adjoint.
          if (!planning && isVariedArray(arg)) {
            out.addStatement("$T.addScaled($L, $L, $L.$L)", BUFFERS, adjointOfArray(arg), upstream, site, field);
          }
        } else {
          contribute(arg, LocalGradient.scaledBy(site + "." + field), upstream, false, operands, result, out, depth);
        }
      }
    } else {
      Rule rule = ruleOf(value);
      for (int i = 0; i < operands.size(); i++) {
        contribute(operands.get(i), rule.forOperand(i), upstream, finalUpstream, operands, result, out, depth);
      }
    }
    if (guarded) {
      out.endControlFlow();
    }
    if (zeroAfter) {
      out.addStatement("$L = 0.0", upstream);
    }
  }

  /**
   * Whether {@code operand} of the increment {@code s}, passed through unchanged ({@code $g}), is
   * a temporary whose only definition is {@code previous}: a temporary is read once, so its
   * adjoint is the increment's upstream. Not when that definition reads the increment's target
   * ({@code a += a + a}): its reverse would add into the upstream while still reading it.
   */
  private boolean definedJustBefore(Stmt s, Expr operand, LocalGradient gradient, Stmt previous) {
    return gradient != null
        && gradient.isUpstream()
        && operand instanceof Expr.Ref r
        && r.var().kind() == Var.Kind.TEMP
        && previous instanceof Stmt.Assign a
        && a.target() == r.var()
        && plan.active(a)
        && plan.saved(a) == null
        && !Operations.mentionsTarget(s, a.value());
  }

  /**
   * Adds {@code upstream × local gradient} into the operand's adjoint. {@code finalUpstream}: no
   * write can follow to the upstream adjoint, so a temporary whose first and only contribution is
   * that upstream unchanged takes it as its own adjoint instead of a copy ({@code dt5 = dt6}).
   */
  private void contribute(
      Expr operand,
      LocalGradient gradient,
      String upstream,
      boolean finalUpstream,
      List<Expr> operands,
      String result,
      CodeBlock.Builder out,
      int depth) {
    if (gradient == null || !plan.isVariedAtom(operand)) {
      return;
    }
    CodeBlock term =
        gradient.emit(
            CodeBlock.of("$L", upstream),
            operands.stream().map(o -> CodeBlock.of("$L", renderer.atom(o))).toList(),
            CodeBlock.of("$L", result));
    if (operand instanceof Expr.ArrayRead r) {
      String adjointElement = renderer.element(adjoints.get(r.array()), r.indices());
      addTo(out, adjointElement, term, gradient.negated());
      return;
    }
    Var w = ((Expr.Ref) operand).var();
    String adjoint = adjoints.get(w);
    if (planning) {
      adjointDeclaredInPlace.putIfAbsent(w, depth == 0);
      return;
    }
    if (!split && Boolean.TRUE.equals(adjointDeclaredInPlace.get(w)) && adjointsDeclared.add(w)) {
      if (finalUpstream && gradient.isUpstream() && w.kind() == Var.Kind.TEMP) {
        sharedAdjoints.put(w, upstream);
        return;
      }
      out.addStatement("double $L = $L$L", adjoint, gradient.negated() ? "-" : "", term);
    } else {
      addTo(out, adjoint, term, gradient.negated());
    }
  }

  private static void addTo(CodeBlock.Builder out, String adjoint, CodeBlock term, boolean subtract) {
    out.addStatement("$L $L $L", adjoint, subtract ? "-=" : "+=", term);
  }

  /** Reads an adjoint as an upstream gradient: it must exist before, so it is zero-initialised. */
  private String readAdjoint(Var v) {
    if (planning) {
      adjointDeclaredInPlace.putIfAbsent(v, false);
    }
    return adjoints.get(v);
  }

  // ---------------------------------------------------------------- rules
}
