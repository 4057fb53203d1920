package io.github.adjoint.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
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
import io.github.adjoint.processor.derive.DerivativeRules;
import io.github.adjoint.processor.derive.DerivativeRules.Rule;
import io.github.adjoint.processor.derive.Lowering;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Function;
import io.github.adjoint.processor.ir.Pos;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Emits the backward class of one function: the forward sweep (the method's own statements, one
 * operation per line), then the reverse sweep, where each statement's adjoint block adds "upstream
 * gradient × local gradient" into the adjoints of its operands, in reverse order.
 *
 * <p>Straight-line code keeps every intermediate in a local: nothing is recorded. A value the
 * reverse sweep needs and a later statement overwrites is saved in a local slot before the
 * overwrite and restored after that statement's adjoint; a branch the reverse sweep must retrace
 * keeps its outcome in a local flag.
 */
public final class BackwardWriter {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$([gz01])");

  /**
   * Above this many assignments the locals become fields and both sweeps are cut into methods of
   * at most {@link #CHUNK} assignments each: HotSpot never JIT-compiles a method over 8,000 bytes
   * of bytecode (HugeMethodLimit), and one such method runs tens of times slower.
   */
  static final int SPLIT_THRESHOLD = 100;

  static final int CHUNK = 40;

  /** What the class is generated for. */
  public record Target(
      String packageName,
      String simpleName,
      String sourceDisplay,
      Element originatingElement,
      boolean generatedAnnotationAvailable,
      String processorName) {}

  private final Function function;
  private final Lowering.Lowered lowered;
  private final Target target;
  private final Set<Var> varied;
  private final Set<Stmt.Assign> useful;
  private final Set<Var> needed = identitySet();
  private final Set<Var> declaredInPlace = identitySet();
  private final Map<Var, String> names = new IdentityHashMap<>();
  private final Map<Var, String> adjoints = new IdentityHashMap<>();
  private final Map<Stmt.Assign, String> slots = new IdentityHashMap<>();
  private final Map<Stmt.If, String> branches = new IdentityHashMap<>();
  private final Map<Expr.DiffCall, String> callSites = new IdentityHashMap<>();
  private final Map<Var, Boolean> adjointDeclaredInPlace = new IdentityHashMap<>();
  private final NameAllocator locals = new NameAllocator();
  private final NameAllocator fields = new NameAllocator();
  private final NameAllocator methods = new NameAllocator();
  private final Renderer renderer;
  /** Large functions keep their state in fields and split their sweeps into methods. */
  private final boolean split;
  private final List<MethodSpec> chunks = new ArrayList<>();

  /** Adjoint bookkeeping of one pass over the reverse sweep. */
  private final Set<Var> adjointsDeclared = identitySet();
  private boolean planning;
  private Pos lastCommented;

  public BackwardWriter(Function function, Lowering.Lowered lowered, Target target) {
    this.function = function;
    this.lowered = lowered;
    this.target = target;
    this.varied = Activity.varied(function.parameters(), lowered.body());
    this.useful = Activity.useful(lowered.body(), lowered.result());
    this.renderer = new Renderer(this::name, d -> "this." + callSites.get(d) + "()");
    this.split = weight(lowered.body()) > SPLIT_THRESHOLD;
    for (String reserved : List.of("compute", "accumulate", "zero")) {
      methods.newName(reserved);
    }
  }

  /** The number of assignments, in branches too: a proxy for bytecode size. */
  private static int weight(List<Stmt> body) {
    int[] n = {0};
    Activity.forEachAssign(body, a -> n[0]++);
    return n[0];
  }

  private static int weight(Stmt s) {
    return weight(List.of(s));
  }

  /** Allocates the name of a variable of the sweeps: a local, or a field in split mode. */
  private String variableName(String suggestion) {
    return (split ? fields : locals).newName(suggestion);
  }

  private static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
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
    findInPlaceDeclarations(lowered.body(), true);
    findNeededValues(lowered.body());
    allocateSlots(lowered.body());
    allocateBranches(lowered.body());

    // Dry run: find where each adjoint is first touched, so that straight-line code declares it at
    // its first contribution instead of zero-initialising it up front.
    planning = true;
    reverse(lowered.body(), CodeBlock.builder(), 0);
    planning = false;

    TypeSpec.Builder type =
        TypeSpec.classBuilder(target.simpleName())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addOriginatingElement(target.originatingElement())
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
    for (Var p : function.parameters()) {
      if (p.differentiable()) {
        type.addField(
            FieldSpec.builder(TypeName.DOUBLE, p.name(), Modifier.PUBLIC)
                .addJavadoc("∂/∂$L, summed over the calls since the last {@link #zero()}.\n", p.name())
                .build());
      }
    }
    addCallSites(type);
    MethodSpec accumulate = split ? splitAccumulateMethod(type) : accumulateMethod();
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).build());
    type.addMethod(computeMethod());
    type.addMethod(accumulate);
    type.addMethod(zeroMethod());
    type.addMethods(chunks);
    return JavaFile.builder(target.packageName(), type.build())
        .addFileComment("Generated by Adjoint from $L. Do not edit.", target.sourceDisplay())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  // ---------------------------------------------------------------- planning

  private void allocateNames() {
    for (Var p : function.parameters()) {
      fields.newName(p.name(), p);
    }
    for (Var v : Activity.variablesInOrder(function.parameters(), lowered.body())) {
      names.put(v, variableName(v.name()));
    }
    for (Var v : Activity.variablesInOrder(function.parameters(), lowered.body())) {
      if (varied.contains(v) || v == lowered.result()) {
        adjoints.put(v, variableName("d" + v.name()));
      }
    }
  }

  private String name(Var v) {
    String n = names.get(v);
    if (n == null) {
      n = variableName(v.name());
      names.put(v, n);
    }
    return n;
  }

  /** Locals first assigned at the top level are declared there; the rest at the method's top. */
  private void findInPlaceDeclarations(List<Stmt> body, boolean topLevel) {
    Set<Var> seen = identitySet();
    seen.addAll(function.parameters());
    collectInPlace(body, topLevel, seen);
  }

  private void collectInPlace(List<Stmt> body, boolean topLevel, Set<Var> seen) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a) {
        if (seen.add(a.target()) && topLevel && !split) {
          declaredInPlace.add(a.target());
        }
      } else if (s instanceof Stmt.If i) {
        collectInPlace(i.then(), false, seen);
        collectInPlace(i.otherwise(), false, seen);
      }
    }
  }

  private boolean isVariedRef(Expr e) {
    return e instanceof Expr.Ref r && varied.contains(r.var());
  }

  private boolean active(Stmt.Assign a) {
    return useful.contains(a) && a.target().type() == Type.DOUBLE && Activity.isVaried(a.value(), varied);
  }

  /** The values the reverse sweep reads: operands and results its rules refer to. */
  private void findNeededValues(List<Stmt> body) {
    Activity.forEachAssign(
        body,
        a -> {
          if (!active(a)) {
            return;
          }
          Rule rule = ruleOf(a.value());
          if (rule == null) {
            return;
          }
          List<Expr> operands = operandsOf(a.value());
          // Only the templates of operands that receive a gradient are ever evaluated.
          for (int j = 0; j < operands.size(); j++) {
            String template = rule.forOperand(j);
            if (template == null || !isVariedRef(operands.get(j))) {
              continue;
            }
            for (int i = 0; i < operands.size(); i++) {
              if (template.contains("$" + i)) {
                Activity.refs(operands.get(i), needed::add);
              }
            }
            if (template.contains("$z")) {
              needed.add(a.target());
            }
          }
        });
  }

  /** A value the reverse sweep needs, overwritten here, is saved first. */
  private void allocateSlots(List<Stmt> body) {
    Activity.forEachAssign(
        body,
        a -> {
          Var v = a.target();
          boolean overwrites =
              (v.kind() == Var.Kind.LOCAL || v.kind() == Var.Kind.PARAMETER)
                  && (!a.declaration() || v.kind() == Var.Kind.PARAMETER);
          if (needed.contains(v) && overwrites && !isInPlaceDeclaration(a)) {
            slots.put(a, variableName(name(v) + "Before"));
          }
        });
  }

  private boolean isInPlaceDeclaration(Stmt.Assign a) {
    return declaredInPlace.contains(a.target()) && firstAssignOf(a.target()) == a;
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

  private void allocateBranches(List<Stmt> body) {
    for (Stmt s : body) {
      if (s instanceof Stmt.If i) {
        if (hasReverse(i.then()) || hasReverse(i.otherwise())) {
          branches.put(i, variableName("branch" + (branches.size() + 1)));
        }
        allocateBranches(i.then());
        allocateBranches(i.otherwise());
      }
    }
  }

  private boolean hasReverse(List<Stmt> body) {
    boolean[] any = {false};
    Activity.forEachAssign(body, a -> any[0] |= active(a) || slots.containsKey(a));
    return any[0];
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
      if (p.differentiable()) {
        zero.addStatement("this.$N = 0.0", p.name());
      }
    }
    return zero.build();
  }

  private MethodSpec accumulateMethod() {
    CodeBlock.Builder body = CodeBlock.builder();
    List<Var> hoisted = new ArrayList<>();
    for (Var v : Activity.variablesInOrder(function.parameters(), lowered.body())) {
      if (v.kind() != Var.Kind.PARAMETER && !declaredInPlace.contains(v)) {
        hoisted.add(v);
      }
    }
    if (!hoisted.isEmpty() || !slots.isEmpty() || !branches.isEmpty()) {
      body.add("// Locals the reverse sweep reads, declared where both sweeps see them.\n");
      for (Var v : hoisted) {
        body.addStatement("$L $L = $L", v.type().javaName(), name(v), v.type().zero());
      }
      for (Map.Entry<Stmt.Assign, String> slot : orderedSlots().entrySet()) {
        Var v = slot.getKey().target();
        body.addStatement("$L $L = $L", v.type().javaName(), slot.getValue(), v.type().zero());
      }
      for (String branch : orderedBranches(lowered.body(), new ArrayList<>())) {
        body.addStatement("boolean $L = false", branch);
      }
    }
    if (!body.isEmpty()) {
      body.add("\n");
    }
    body.add("// Forward sweep: the function's own operations, in order.\n");
    lastCommented = null;
    forward(lowered.body(), body);

    CodeBlock.Builder reverse = CodeBlock.builder();
    lastCommented = null;
    reverse(lowered.body(), reverse, 0);
    body.add("\n// Reverse sweep: each adjoint dv = ∂result/∂v; every block adds upstream × local"
        + " gradient.\n");
    for (Var v : Activity.variablesInOrder(function.parameters(), lowered.body())) {
      if (adjoints.containsKey(v) && Boolean.FALSE.equals(adjointDeclaredInPlace.get(v))) {
        body.addStatement("double $L = $L", adjoints.get(v), v == lowered.result() ? "1.0" : "0.0");
      }
    }
    body.add(reverse.build());

    boolean any = false;
    for (Var p : function.parameters()) {
      if (p.differentiable() && adjointDeclaredInPlace.containsKey(p)) {
        if (!any) {
          body.add("\n");
          any = true;
        }
        body.addStatement("this.$N += $L", p.name(), adjoints.get(p));
      }
    }
    body.addStatement("return $L", name(lowered.result()));
    return MethodSpec.methodBuilder("accumulate")
        .addJavadoc("Returns {@code $L($L)} and adds its gradient to the fields.\n",
            target.sourceDisplay(), argumentList())
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.DOUBLE)
        .addParameters(parameters())
        .addCode(body.build())
        .build();
  }

  private List<String> orderedBranches(List<Stmt> body, List<String> out) {
    for (Stmt s : body) {
      if (s instanceof Stmt.If i) {
        if (branches.containsKey(i)) {
          out.add(branches.get(i));
        }
        orderedBranches(i.then(), out);
        orderedBranches(i.otherwise(), out);
      }
    }
    return out;
  }

  /**
   * The split form of {@link #accumulateMethod}: every variable of the sweeps is a field, so the
   * sweeps can be cut into methods; the adjoints are reset in methods of their own too.
   */
  private MethodSpec splitAccumulateMethod(TypeSpec.Builder type) {
    List<String> resets = new ArrayList<>();
    for (Var v : Activity.variablesInOrder(function.parameters(), lowered.body())) {
      type.addField(typeName(v.type()), name(v), Modifier.PRIVATE);
      if (v.kind() == Var.Kind.RETURNED) {
        resets.add(name(v) + " = false");
      }
    }
    for (Map.Entry<Stmt.Assign, String> slot : orderedSlots().entrySet()) {
      type.addField(typeName(slot.getKey().target().type()), slot.getValue(), Modifier.PRIVATE);
    }
    for (String branch : orderedBranches(lowered.body(), new ArrayList<>())) {
      type.addField(TypeName.BOOLEAN, branch, Modifier.PRIVATE);
    }
    for (Var v : Activity.variablesInOrder(function.parameters(), lowered.body())) {
      if (adjoints.containsKey(v)) {
        type.addField(TypeName.DOUBLE, adjoints.get(v), Modifier.PRIVATE);
        resets.add(adjoints.get(v) + " = " + (v == lowered.result() ? "1.0" : "0.0"));
      }
    }
    CodeBlock.Builder body = CodeBlock.builder();
    body.add("// A large function: its state lives in fields, its sweeps in methods below the JIT limit.\n");
    for (Var p : function.parameters()) {
      body.addStatement("this.$L = $L", name(p), p.name());
    }
    for (int from = 0; from < resets.size(); from += 10 * CHUNK) {
      CodeBlock.Builder reset = CodeBlock.builder();
      for (String r : resets.subList(from, Math.min(resets.size(), from + 10 * CHUNK))) {
        reset.addStatement("$L", r);
      }
      body.addStatement("$N()", chunkMethod("reset", reset.build()));
    }
    body.add("// Forward sweep\n");
    lastCommented = null;
    forward(lowered.body(), body);
    body.add("// Reverse sweep\n");
    lastCommented = null;
    reverse(lowered.body(), body, 0);
    for (Var p : function.parameters()) {
      if (p.differentiable() && adjointDeclaredInPlace.containsKey(p)) {
        body.addStatement("this.$N += this.$L", p.name(), adjoints.get(p));
      }
    }
    body.addStatement("return this.$L", name(lowered.result()));
    return MethodSpec.methodBuilder("accumulate")
        .addJavadoc("Returns {@code $L($L)} and adds its gradient to the fields.\n",
            target.sourceDisplay(), argumentList())
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.DOUBLE)
        .addParameters(parameters())
        .addCode(body.build())
        .build();
  }

  private Map<Stmt.Assign, String> orderedSlots() {
    Map<Stmt.Assign, String> ordered = new LinkedHashMap<>();
    Activity.forEachAssign(
        lowered.body(),
        a -> {
          if (slots.containsKey(a)) {
            ordered.put(a, slots.get(a));
          }
        });
    return ordered;
  }

  private static TypeName typeName(Type type) {
    return switch (type) {
      case DOUBLE -> TypeName.DOUBLE;
      case LONG -> TypeName.LONG;
      case INT -> TypeName.INT;
      case BOOLEAN -> TypeName.BOOLEAN;
    };
  }

  // ---------------------------------------------------------------- forward sweep

  private void forward(List<Stmt> body, CodeBlock.Builder out) {
    if (split && weight(body) > CHUNK) {
      for (List<Stmt> group : groups(body)) {
        CodeBlock.Builder chunk = CodeBlock.builder();
        lastCommented = null;
        forwardStatements(group, chunk);
        out.addStatement("$N()", chunkMethod("forward", chunk.build()));
      }
      return;
    }
    forwardStatements(body, out);
  }

  /** Consecutive statements of at most {@link #CHUNK} assignments (a bigger one stands alone). */
  private static List<List<Stmt>> groups(List<Stmt> body) {
    List<List<Stmt>> groups = new ArrayList<>();
    List<Stmt> current = new ArrayList<>();
    int size = 0;
    for (Stmt s : body) {
      int w = weight(s);
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

  private void forwardStatements(List<Stmt> body, CodeBlock.Builder out) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a) {
        comment(out, a.pos(), "");
        String slot = slots.get(a);
        if (slot != null) {
          out.addStatement("$L = $L", slot, name(a.target()));
        }
        String value = renderer.render(a.value());
        if (isInPlaceDeclaration(a)) {
          out.addStatement("$L $L = $L", a.target().type().javaName(), name(a.target()), value);
        } else {
          out.addStatement("$L = $L", name(a.target()), value);
        }
      } else if (s instanceof Stmt.If i) {
        comment(out, i.pos(), "");
        String condition = renderer.render(i.condition());
        String branch = branches.get(i);
        if (branch != null) {
          out.addStatement("$L = $L", branch, condition);
          condition = branch;
        }
        out.beginControlFlow("if ($L)", condition);
        lastCommented = i.pos();
        forward(i.then(), out);
        if (!i.otherwise().isEmpty()) {
          out.nextControlFlow("else");
          lastCommented = i.pos();
          forward(i.otherwise(), out);
        }
        out.endControlFlow();
      }
    }
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

  private void reverse(List<Stmt> body, CodeBlock.Builder out, int depth) {
    if (split && !planning && weight(body) > CHUNK) {
      List<List<Stmt>> groups = groups(body);
      for (int g = groups.size() - 1; g >= 0; g--) {
        CodeBlock.Builder chunk = CodeBlock.builder();
        lastCommented = null;
        reverseStatements(groups.get(g), chunk, depth);
        out.addStatement("$N()", chunkMethod("reverse", chunk.build()));
      }
      return;
    }
    reverseStatements(body, out, depth);
  }

  private void reverseStatements(List<Stmt> body, CodeBlock.Builder out, int depth) {
    for (int k = body.size() - 1; k >= 0; k--) {
      Stmt s = body.get(k);
      if (s instanceof Stmt.Assign a) {
        reverseAssign(a, out, depth);
      } else if (s instanceof Stmt.If i) {
        String branch = branches.get(i);
        if (branch == null) {
          continue;
        }
        CodeBlock.Builder then = CodeBlock.builder();
        CodeBlock.Builder otherwise = CodeBlock.builder();
        Pos saved = lastCommented;
        reverse(i.then(), then, depth + 1);
        lastCommented = saved;
        reverse(i.otherwise(), otherwise, depth + 1);
        comment(out, i.pos(), "retrace branch of: ");
        CodeBlock thenCode = then.build();
        CodeBlock elseCode = otherwise.build();
        if (thenCode.isEmpty()) {
          out.beginControlFlow("if (!$L)", branch).add(elseCode).endControlFlow();
        } else {
          out.beginControlFlow("if ($L)", branch).add(thenCode);
          if (!elseCode.isEmpty()) {
            out.nextControlFlow("else").add(elseCode);
          }
          out.endControlFlow();
        }
      }
    }
  }

  private void reverseAssign(Stmt.Assign a, CodeBlock.Builder out, int depth) {
    Var v = a.target();
    String slot = slots.get(a);
    if (!active(a)) {
      if (slot != null) {
        comment(out, a.pos(), "restore before: ");
        out.addStatement("$L = $L", name(v), slot);
      }
      return;
    }
    comment(out, a.pos(), "grad of: ");
    List<Expr> operands = operandsOf(a.value());
    boolean selfReference = operands.stream().anyMatch(o -> o instanceof Expr.Ref r && r.var() == v);
    boolean overwrites = (v.kind() == Var.Kind.LOCAL || v.kind() == Var.Kind.PARAMETER) && !a.declaration();
    String upstream = readAdjoint(v, depth);
    if (selfReference) {
      String copy = planning ? "upstream" : variableName("upstream");
      out.addStatement("double $L = $L", copy, upstream);
      out.addStatement("$L = 0.0", upstream);
      upstream = copy;
    }
    String result = name(v);
    Rule rule = ruleOf(a.value());
    if (slot != null) {
      if (rule != null && rule.needsResult()) {
        String captured = planning ? "value" : variableName(name(v) + "Value");
        out.addStatement("double $L = $L", captured, name(v));
        result = captured;
      }
      out.addStatement("$L = $L", name(v), slot);
    }
    if (a.value() instanceof Expr.DiffCall call) {
      for (int i = 0; i < call.args().size(); i++) {
        String field = call.callee().gradientFields().get(i);
        if (field != null) {
          contribute(call.args().get(i), "$g * this." + callSites.get(call) + "." + field, upstream, operands, result, out, depth);
        }
      }
    } else {
      for (int i = 0; i < operands.size(); i++) {
        contribute(operands.get(i), rule.forOperand(i), upstream, operands, result, out, depth);
      }
    }
    if (!selfReference && overwrites) {
      out.addStatement("$L = 0.0", upstream);
    }
  }

  private void contribute(
      Expr operand,
      String template,
      String upstream,
      List<Expr> operands,
      String result,
      CodeBlock.Builder out,
      int depth) {
    if (template == null || !(operand instanceof Expr.Ref ref) || !varied.contains(ref.var())) {
      return;
    }
    Var w = ref.var();
    String term = substitute(template, upstream, operands, result);
    String adjoint = adjoints.get(w);
    if (planning) {
      adjointDeclaredInPlace.putIfAbsent(w, depth == 0);
      return;
    }
    if (!split && Boolean.TRUE.equals(adjointDeclaredInPlace.get(w)) && adjointsDeclared.add(w)) {
      out.addStatement("double $L = $L", adjoint, term);
    } else if (term.startsWith("-")) {
      out.addStatement("$L -= $L", adjoint, term.substring(1));
    } else {
      out.addStatement("$L += $L", adjoint, term);
    }
  }

  /** Reads an adjoint as an upstream gradient: it must exist before, so it is zero-initialised. */
  private String readAdjoint(Var v, int depth) {
    if (planning) {
      adjointDeclaredInPlace.putIfAbsent(v, false);
    }
    return adjoints.get(v);
  }

  private String substitute(String template, String upstream, List<Expr> operands, String result) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = switch (m.group(1)) {
        case "g" -> upstream;
        case "z" -> result;
        default -> renderer.atom(operands.get(Integer.parseInt(m.group(1))));
      };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  // ---------------------------------------------------------------- rules

  /** The derivative rule of a flattened operation, or null for a call (handled apart). */
  private static Rule ruleOf(Expr value) {
    if (value instanceof Expr.Binary b) {
      return DerivativeRules.binary(b.op());
    }
    if (value instanceof Expr.Unary u) {
      return DerivativeRules.unary(u.op());
    }
    if (value instanceof Expr.MathCall m) {
      return DerivativeRules.math(m.function());
    }
    if (value instanceof Expr.DiffCall) {
      return null;
    }
    return DerivativeRules.COPY; // a variable, or a cast of one
  }

  private static List<Expr> operandsOf(Expr value) {
    if (value instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    }
    if (value instanceof Expr.Unary u) {
      return List.of(u.operand());
    }
    if (value instanceof Expr.Cast c) {
      return List.of(c.operand());
    }
    if (value instanceof Expr.MathCall m) {
      return m.args();
    }
    if (value instanceof Expr.DiffCall d) {
      return d.args();
    }
    return List.of(value);
  }
}
