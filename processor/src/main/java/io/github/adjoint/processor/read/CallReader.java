package io.github.adjoint.processor.read;

import static io.github.adjoint.processor.read.MethodReader.DIFFERENTIABLE;
import static io.github.adjoint.processor.read.MethodReader.hasAnnotation;
import static io.github.adjoint.processor.read.MethodReader.isDifferentiable;
import static io.github.adjoint.processor.read.MethodReader.valueType;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import io.github.adjoint.processor.diag.Message;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.ir.Callee;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.MathFunction;
import io.github.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads calls: of {@code Math}, {@code StrictMath} and the runtime's intrinsics by their rule, and
 * of other {@code @Differentiable} methods through their generated classes, whose origin is checked
 * (a jar's class of another method with the same generated name is a located error).
 */
final class CallReader {
  private static final Expr ERROR = ExpressionReader.ERROR;

  private final Trees trees;
  private final Elements elements;
  private final Reporter reporter;
  private final NameResolver names;
  private final Symbols symbols;
  private final ExpressionReader expressions;
  private final java.util.function.UnaryOperator<String> claimedOrigin;

  CallReader(
      Trees trees,
      Elements elements,
      Reporter reporter,
      NameResolver names,
      Symbols symbols,
      ExpressionReader expressions,
      java.util.function.UnaryOperator<String> claimedOrigin) {
    this.trees = trees;
    this.elements = elements;
    this.reporter = reporter;
    this.names = names;
    this.symbols = symbols;
    this.expressions = expressions;
    this.claimedOrigin = claimedOrigin;
  }

  /**
   * An argument that must not depend on differentiable parameters (one passed to a callee's
   * @NoGrad parameter, a dropout's keep probability), checked once activity is known.
   */
  private record NoGradCheck(Expr argument, Tree at, Message message, List<Object> messageArgs) {}

  private final List<NoGradCheck> pendingNoGradChecks = new ArrayList<>();

  /** Reports the arguments that turned out to carry a derivative where none may flow. */
  void reportNoGradArguments(java.util.function.Predicate<Expr> varied) {
    for (NoGradCheck c : pendingNoGradChecks) {
      if (varied.test(c.argument())) {
        reporter.error(c.at(), c.message(), c.messageArgs().toArray());
      }
    }
  }

  private static boolean mayDependOnParameters(Expr e) {
    return !(e instanceof Expr.Literal) && !(e instanceof Expr.Constant);
  }

  Expr call(MethodInvocationTree inv) {
    List<Expr> args = new ArrayList<>();
    boolean argError = false;
    for (ExpressionTree a : inv.getArguments()) {
      Expr x = expressions.expr(a);
      argError |= x == ERROR;
      args.add(x);
    }
    ExpressionTree select = inv.getMethodSelect();
    String name;
    TypeElement owner;
    if (select instanceof IdentifierTree id) {
      name = id.getName().toString();
      Optional<TypeElement> found = names.methodOwner(name);
      if (found.isEmpty()) {
        return expressions.error(inv, Message.UNSUPPORTED_CALL, name + "()");
      }
      owner = found.get();
    } else if (select instanceof MemberSelectTree ms) {
      name = ms.getIdentifier().toString();
      ExpressionTree qualifier = ExpressionReader.unparenthesize(ms.getExpression());
      if (qualifier instanceof IdentifierTree id && symbols.unusable.contains(symbols.lookup(id.getName().toString()))) {
        return ERROR; // s.length() on a String s: the declaration of s is reported
      }
      Optional<TypeElement> type =
          qualifier instanceof IdentifierTree id && symbols.lookup(id.getName().toString()) != null
              ? Optional.empty()
              : names.type(qualifier);
      if (type.isEmpty()) {
        return expressions.error(inv, Message.INSTANCE_CALL, ms.getExpression() + "." + name + "()");
      }
      owner = type.get();
    } else {
      return expressions.error(inv, Message.UNSUPPORTED_CALL, select + "()");
    }
    String qualified = owner.getQualifiedName().toString();
    String display = owner.getSimpleName() + "." + name + "()";
    boolean intrinsic = qualified.equals(MathFunction.INTRINSICS);
    if (intrinsic || qualified.equals("java.lang.Math") || qualified.equals("java.lang.StrictMath")) {
      Optional<MathFunction> function = MathFunction.named(name, intrinsic);
      if (function.isPresent() && function.get().arity() != args.size()) {
        return expressions.error(inv, Message.ARGUMENT_COUNT, owner.getSimpleName() + "." + name, function.get().arity(), args.size());
      }
      if (function.isEmpty()) {
        return expressions.error(inv, Message.UNSUPPORTED_CALL, display);
      }
      if (argError) {
        return ERROR;
      }
      if (function.get() == MathFunction.DROPOUT && !keepProbabilityChecked(args.get(1), inv.getArguments().get(1))) {
        return ERROR;
      }
      return mathCall(intrinsic ? qualified : owner.getSimpleName().toString(), function.get(), args, inv);
    }
    List<ExecutableElement> differentiable =
        NameResolver.methods(owner, name).stream()
            .filter(m -> hasAnnotation(m, DIFFERENTIABLE))
            .filter(m -> m.getParameters().size() == args.size())
            .toList();
    if (differentiable.isEmpty()) {
      // A @Differentiable method of that name with another parameter count: the count is the mistake.
      List<ExecutableElement> named =
          NameResolver.methods(owner, name).stream().filter(m -> hasAnnotation(m, DIFFERENTIABLE)).toList();
      if (named.size() == 1) {
        return expressions.error(inv, Message.ARGUMENT_COUNT, owner.getSimpleName() + "." + name,
            named.get(0).getParameters().size(), args.size());
      }
    }
    if (differentiable.size() != 1) {
      return expressions.error(inv, Message.UNSUPPORTED_CALL, display);
    }
    for (int i = 0; i < args.size() && !argError; i++) {
      Optional<Type> parameterType = valueType(differentiable.get(0).getParameters().get(i).asType());
      if (parameterType.isPresent()) {
        argError |= expressions.converted(parameterType.get(), args.get(i), inv.getArguments().get(i)) == ERROR;
      }
    }
    Callee callee = callee(differentiable.get(0), inv);
    if (callee == null || argError) {
      return ERROR;
    }
    for (int i = 0; i < args.size(); i++) {
      VariableElement p = differentiable.get(0).getParameters().get(i);
      Optional<Type> type = valueType(p.asType());
      boolean carriesGradient = type.isPresent() && (type.get() == Type.DOUBLE || type.get().isArray());
      if (carriesGradient && !isDifferentiable(p) && mayDependOnParameters(args.get(i))) {
        pendingNoGradChecks.add(new NoGradCheck(
            args.get(i), inv.getArguments().get(i), Message.NO_GRAD_ARGUMENT, List.of(i + 1, callee.display())));
      }
    }
    return new Expr.DiffCall(callee, args);
  }

  /**
   * A dropout's keep probability: a constant outside (0, 1] is reported here (false); one that
   * depends on differentiable parameters once activity is known (no derivative with respect to a
   * probability of keeping is meant).
   */
  private boolean keepProbabilityChecked(Expr keep, Tree at) {
    java.util.OptionalDouble constant = expressions.constantValue(keep);
    if (constant.isPresent()) {
      double p = constant.getAsDouble();
      if (!(p > 0.0 && p <= 1.0)) {
        reporter.error(at, Message.KEEP_PROBABILITY, at, p);
        return false;
      }
      return true;
    }
    pendingNoGradChecks.add(new NoGradCheck(keep, at, Message.DIFFERENTIABLE_KEEP, List.of(at)));
    return true;
  }

  private Expr mathCall(String owner, MathFunction f, List<Expr> args, Tree at) {
    Type promoted = Type.INT;
    for (Expr a : args) {
      if (a.type().isArray()) {
        return expressions.error(at, Message.UNSUPPORTED_EXPRESSION, "an array argument of Math." + f.javaName(),
            "pass an element, or loop over the array");
      }
      if (!a.type().isNumeric()) {
        return expressions.error(at, Message.UNSUPPORTED_EXPRESSION, "a boolean argument of Math." + f.javaName(), "pass a number");
      }
      promoted = Type.promote(promoted, a.type());
    }
    Type type = switch (f.typing()) {
      case DOUBLE -> Type.DOUBLE;
      case PROMOTED -> promoted;
      case LONG -> Type.LONG;
      case PROMOTED_INTEGRAL -> {
        if (promoted == Type.DOUBLE) {
          yield null;
        }
        yield promoted;
      }
    };
    if (type == null) {
      return expressions.error(at, Message.UNSUPPORTED_EXPRESSION, "Math." + f.javaName() + " of a double", "pass int or long");
    }
    if (f == MathFunction.ROUND && promoted != Type.DOUBLE) {
      // Math.round(int) resolves to round(float): floats are outside the subset.
      return expressions.error(at, Message.UNSUPPORTED_EXPRESSION, "Math.round of an integer (Java rounds it as a float)",
          "an int or long is already whole: drop Math.round, or cast the argument to double");
    }
    return new Expr.MathCall(owner, f, args, type);
  }

  private Callee callee(ExecutableElement m, Tree at) {
    String pkg = GeneratedNames.packageName(elements, m);
    String simple = GeneratedNames.backwardSimpleName(m);
    String display = GeneratedNames.display(m);
    if (!m.getModifiers().contains(Modifier.STATIC)
        || m.getReturnType().getKind() != TypeKind.DOUBLE) {
      // The callee's own declaration error names the problem.
      reporter.error(at, Message.UNSUPPORTED_CALL, display + "()");
      return null;
    }
    List<String> fields = new ArrayList<>();
    if (trees.getTree(m) != null) {
      for (VariableElement p : m.getParameters()) {
        fields.add(isDifferentiable(p) ? p.getSimpleName().toString() : null);
      }
    } else {
      // Compiled earlier: parameter names may be gone, the generated class's fields are not.
      String qualified = GeneratedNames.backwardName(elements, m);
      TypeElement backward = elements.getTypeElement(qualified);
      if (backward == null) {
        reporter.error(at, Message.MISSING_BACKWARD, display, simple, m.getEnclosingElement().getSimpleName());
        return null;
      }
      String origin = GeneratedNames.origin(m);
      String recorded = GeneratedNames.recordedOrigin(backward).orElse(origin);
      String claimer = claimedOrigin.apply(qualified);
      // Another method's class of the same name would be called instead: its value and gradient.
      String other = !recorded.equals(origin) ? recorded : claimer != null && !claimer.equals(origin) ? claimer : null;
      if (other != null) {
        reporter.error(at, Message.NAME_COLLISION, qualified, display, other);
        return null;
      }
      List<String> gradientFields =
          ElementFilter.fieldsIn(backward.getEnclosedElements()).stream()
              .filter(f -> f.getModifiers().contains(Modifier.PUBLIC))
              .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
              .map(f -> f.getSimpleName().toString())
              .toList();
      int next = 0;
      for (VariableElement p : m.getParameters()) {
        if (isDifferentiable(p)) {
          if (next >= gradientFields.size()) {
            reporter.error(at, Message.MISSING_BACKWARD, display, simple, m.getEnclosingElement().getSimpleName());
            return null;
          }
          fields.add(gradientFields.get(next++));
        } else {
          fields.add(null);
        }
      }
    }
    return new Callee(display, pkg, simple, m.getSimpleName().toString(), fields);
  }

}
