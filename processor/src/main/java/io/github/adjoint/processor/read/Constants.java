package io.github.adjoint.processor.read;

import static io.github.adjoint.processor.read.MethodReader.scalarType;
import static io.github.adjoint.processor.read.MethodReader.valueType;

import com.sun.source.tree.Tree;
import io.github.adjoint.processor.diag.Message;
import io.github.adjoint.processor.diag.Reporter;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Type;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Static final fields read as constants: named as generated code, in the method's package, can
 * reach them, or inlined from their compile-time value where it cannot; arrays, instance fields
 * and other types refused at the use. Keeps the values for {@link ConstantValues}.
 */
final class Constants {
  private final Elements elements;
  private final Reporter reporter;
  private final ExecutableElement method;
  private final ConstantValues values = new ConstantValues();

  Constants(Elements elements, Reporter reporter, ExecutableElement method) {
    this.elements = elements;
    this.reporter = reporter;
    this.method = method;
  }

  /** The compile-time values of the constants read so far, and of expressions of them. */
  ConstantValues values() {
    return values;
  }

  /** The field as a constant of the subset, or {@link ExpressionReader#ERROR} after reporting why not. */
  Expr read(VariableElement field, Tree at) {
    TypeElement owner = (TypeElement) field.getEnclosingElement();
    String display = owner.getSimpleName() + "." + field.getSimpleName();
    if (!field.getModifiers().contains(Modifier.STATIC) || !field.getModifiers().contains(Modifier.FINAL)) {
      return error(at, Message.UNSUPPORTED_FIELD, display);
    }
    Optional<Type> type = scalarType(field.asType());
    if (type.isEmpty() && valueType(field.asType()).isPresent()) {
      return error(at, Message.ARRAY_CONSTANT, display, field.asType());
    }
    if (type.isEmpty()) {
      return error(at, Message.UNSUPPORTED_TYPE, field.asType());
    }
    if (accessibleFromGeneratedCode(field)) {
      // Generated code lives in the method's package: spell the owner as that package sees it.
      String qualified = owner.getQualifiedName().toString();
      String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
      String here = elements.getPackageOf(method).getQualifiedName().toString();
      String ownerName =
          pkg.equals(here) || pkg.equals("java.lang")
              ? (pkg.isEmpty() ? qualified : qualified.substring(pkg.length() + 1))
              : qualified;
      String access = ownerName + "." + field.getSimpleName();
      Expr.Constant named = new Expr.Constant(type.get(), access, display);
      values.record(named, field.getConstantValue());
      return named;
    }
    Object value = field.getConstantValue();
    if (value == null) {
      return error(at, Message.INACCESSIBLE_CONSTANT, display);
    }
    String text = switch (type.get()) {
      case DOUBLE -> doubleText(((Number) value).doubleValue());
      case LONG -> value + "L";
      default -> value.toString();
    };
    return new Expr.Constant(type.get(), text, display);
  }

  /** Generated classes live in the method's package, outside the user's class. */
  private boolean accessibleFromGeneratedCode(Element member) {
    String here = elements.getPackageOf(method).getQualifiedName().toString();
    for (Element e = member; e instanceof VariableElement || e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!e.getModifiers().contains(Modifier.PUBLIC)
          && !elements.getPackageOf(e).getQualifiedName().contentEquals(here)) {
        return false;
      }
    }
    return true;
  }

  /** Spells a double so that it reads back as exactly the same value. */
  public static String doubleText(double value) {
    if (Double.isNaN(value)) {
      return "Double.NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    return Double.toString(value);
  }

  private Expr error(Tree at, Message message, Object... args) {
    return ExpressionReader.reported(reporter, at, message, args);
  }
}
