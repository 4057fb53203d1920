package io.github.adjoint.processor.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.Differentiated;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's {@code @Differentiable} method with {@code double}, {@code double[]} and {@code
 * double[][]} parameters, together with its generated backward class, driven reflectively.
 *
 * <p>The shared {@code testing.Differentiated} only knows scalar gradients; this class reads
 * gradient fields of any of the three shapes (as {@code Double}, {@code double[]}, {@code
 * double[][]}, always deep copies) and applies the checks every loop test wants:
 *
 * <ol>
 *   <li>{@code compute} returns the user's own result bit for bit;
 *   <li>the oracle's value agrees with the user's result (the oracle is the same function);
 *   <li>every gradient field has the argument's (possibly jagged) shape and agrees with the oracle;
 *   <li>{@code compute} leaves the caller's arrays untouched;
 *   <li>a second {@code compute} on the same instance, after garbage was written into the fields,
 *       gives the same value and gradient;
 *   <li>no public field exists for a parameter that is not differentiable.
 * </ol>
 */
final class ArrayFunction {
  private final Compiled compiled;
  private final Method method;
  private final Class<?> backwardClass;
  private final List<String> gradients;
  private final String[] parameterNames;

  private ArrayFunction(Compiled compiled, String userClass, String methodName, String... gradients) {
    this.compiled = compiled;
    Class<?> user = compiled.load(userClass);
    Method found = null;
    for (Method m : user.getDeclaredMethods()) {
      if (m.getName().equals(methodName)) {
        if (found != null) {
          throw new IllegalArgumentException("test bug: " + methodName + " is overloaded");
        }
        found = m;
      }
    }
    if (found == null || !Modifier.isStatic(found.getModifiers())) {
      throw new IllegalArgumentException("test bug: no static method " + methodName + " in " + userClass);
    }
    found.setAccessible(true);
    this.method = found;
    this.gradients = List.of(gradients);
    Parameter[] ps = method.getParameters();
    this.parameterNames = new String[ps.length];
    for (int i = 0; i < ps.length; i++) {
      parameterNames[i] = ps[i].getName();
    }
    for (String g : gradients) {
      int at = Arrays.asList(parameterNames).indexOf(g);
      if (at < 0) {
        throw new IllegalArgumentException("test bug: " + g + " is not a parameter of " + method);
      }
      Class<?> t = ps[at].getType();
      if (t != double.class && t != double[].class && t != double[][].class) {
        throw new IllegalArgumentException("test bug: " + g + " has no gradient type");
      }
    }
    this.backwardClass = compiled.load(Differentiated.backwardName(userClass, methodName));
  }

  static ArrayFunction of(Compiled compiled, String userClass, String method, String... gradients) {
    return new ArrayFunction(compiled, userClass, method, gradients);
  }

  List<String> gradients() {
    return gradients;
  }

  String[] parameterNames() {
    return parameterNames.clone();
  }

  Class<?>[] parameterTypes() {
    return method.getParameterTypes();
  }

  int position(String parameter) {
    int at = Arrays.asList(parameterNames).indexOf(parameter);
    if (at < 0) {
      throw new IllegalArgumentException("test bug: no parameter " + parameter);
    }
    return at;
  }

  String generatedSource() {
    return compiled.generatedSource(backwardClass.getName());
  }

  Class<?> backwardClass() {
    return backwardClass;
  }

  /** Arguments converted to the parameter types (a test may write {@code 2} for a double). */
  Object[] arguments(Object... args) {
    return Differentiated.arguments(method, args);
  }

  /** The user's own method, on deep copies of the arguments. */
  double original(Object... args) {
    try {
      return (double) method.invoke(null, deepCopy(arguments(args)));
    } catch (InvocationTargetException e) {
      throw new AssertionError("the user's method threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  Instance newInstance() {
    return new Instance();
  }

  /** Runs every check of the class comment; returns the gradient of compute. */
  Map<String, Object> check(ArrayOracle.Expected expected, Object... rawArgs) {
    Object[] args = arguments(rawArgs);
    String where = where(args);
    double original = original(args);
    ArrayOracle.assertClose(where + ": oracle value vs the user's method (a bug in the test's oracle)",
        original, expected.value(), Math.max(expected.rel(), 1e-12), expected.abs());

    Instance b = newInstance();
    Object[] snapshot = deepCopy(args);
    double value = b.compute(args);
    assertBitEqual(where + ": value returned by compute", original, value);
    assertArgumentsUnchanged(where, snapshot, args);
    Map<String, Object> g = b.gradient();
    assertGradient(where, expected, g);

    b.fillGradients(1e30);
    double again = b.compute(args);
    assertBitEqual(where + ": value of a second compute", original, again);
    assertSameGradient(where + ": second compute on the same instance (after garbage in the fields)", g, b.gradient());
    assertNoFieldsForOtherParameters();
    return g;
  }

  /** Check against Hipparchus forward mode. */
  Map<String, Object> checkDs(ArrayOracle.DsBody body, Object... rawArgs) {
    Object[] args = arguments(rawArgs);
    return check(ArrayOracle.ds(this, body, args), args);
  }

  /** Check against central differences of the user's own method. */
  Map<String, Object> checkFd(double h, double rel, double abs, Object... rawArgs) {
    Object[] args = arguments(rawArgs);
    return check(ArrayOracle.fd(this, h, args).withTolerance(rel, abs), args);
  }

  String where(Object[] args) {
    StringBuilder sb = new StringBuilder(method.getDeclaringClass().getSimpleName()).append('.')
        .append(method.getName()).append('(');
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(ArrayOracle.show(args[i]));
    }
    return sb.append(')').toString();
  }

  void assertGradient(String where, ArrayOracle.Expected expected, Map<String, Object> actual) {
    List<String> failures = new ArrayList<>();
    for (String name : gradients) {
      Object e = expected.gradient().get(name);
      if (e == null) {
        throw new IllegalArgumentException("test bug: the oracle has no gradient for " + name);
      }
      compare("d/d" + name, e, actual.get(name), expected.rel(), expected.abs(), failures);
    }
    if (!failures.isEmpty()) {
      fail(where + ": gradient differs from the " + expected.source() + " oracle (rel " + expected.rel()
          + ", abs " + expected.abs() + "):\n  " + String.join("\n  ", failures.subList(0, Math.min(20, failures.size())))
          + (failures.size() > 20 ? "\n  ... " + failures.size() + " differences" : "")
          + "\ngenerated source:\n" + generatedSource());
    }
  }

  private static void compare(String what, Object expected, Object actual, double rel, double abs, List<String> failures) {
    if (expected instanceof Double e) {
      if (!(actual instanceof Double a)) {
        failures.add(what + ": expected a double, got " + ArrayOracle.show(actual));
      } else if (!ArrayOracle.close(e, a, rel, abs)) {
        failures.add(what + ": expected " + e + " but was " + a);
      }
    } else if (expected instanceof double[] e) {
      if (!(actual instanceof double[] a)) {
        failures.add(what + ": expected a double[" + e.length + "], got " + ArrayOracle.show(actual));
        return;
      }
      if (a.length != e.length) {
        failures.add(what + ": expected length " + e.length + " but the field has length " + a.length);
        return;
      }
      for (int i = 0; i < e.length; i++) {
        if (!ArrayOracle.close(e[i], a[i], rel, abs)) {
          failures.add(what + "[" + i + "]: expected " + e[i] + " but was " + a[i]);
        }
      }
    } else if (expected instanceof double[][] e) {
      if (!(actual instanceof double[][] a)) {
        failures.add(what + ": expected a double[" + e.length + "][], got " + ArrayOracle.show(actual));
        return;
      }
      if (a.length != e.length) {
        failures.add(what + ": expected " + e.length + " rows but the field has " + a.length);
        return;
      }
      for (int i = 0; i < e.length; i++) {
        compare(what + "[" + i + "]", e[i], a[i], rel, abs, failures);
      }
    } else {
      throw new IllegalArgumentException("test bug: expected gradient " + expected);
    }
  }

  /** Exact equality of two gradients (same shape, same bits). */
  void assertSameGradient(String where, Map<String, Object> expected, Map<String, Object> actual) {
    List<String> failures = new ArrayList<>();
    for (String name : gradients) {
      compare("d/d" + name, expected.get(name), actual.get(name), 0, 0, failures);
    }
    if (!failures.isEmpty()) {
      fail(where + ":\n  " + String.join("\n  ", failures));
    }
  }

  void assertNoFieldsForOtherParameters() {
    for (String p : parameterNames) {
      if (!gradients.contains(p)) {
        boolean present;
        try {
          backwardClass.getField(p);
          present = true;
        } catch (NoSuchFieldException e) {
          present = false;
        }
        assertFalse(present, backwardClass.getSimpleName() + " must have no public field for the"
            + " non-differentiable parameter " + p);
      }
    }
  }

  static void assertArgumentsUnchanged(String where, Object[] before, Object[] after) {
    for (int i = 0; i < before.length; i++) {
      if (!Arrays.deepEquals(new Object[] {before[i]}, new Object[] {after[i]})) {
        fail(where + ": argument " + i + " was modified by the generated code: " + ArrayOracle.show(before[i])
            + " became " + ArrayOracle.show(after[i]));
      }
    }
  }

  static void assertBitEqual(String what, double expected, double actual) {
    if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
      fail(what + ": expected " + expected + " (bits " + Long.toHexString(Double.doubleToRawLongBits(expected))
          + ") but was " + actual + " (bits " + Long.toHexString(Double.doubleToRawLongBits(actual))
          + "): not bit for bit equal to the user's method");
    }
  }

  static Object[] deepCopy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = deepCopy(out[i]);
    }
    return out;
  }

  static Object deepCopy(Object o) {
    if (o instanceof double[] a) {
      return a.clone();
    }
    if (o instanceof double[][] m) {
      double[][] c = m.clone();
      for (int i = 0; i < c.length; i++) {
        c[i] = c[i] == null ? null : c[i].clone();
      }
      return c;
    }
    return o;
  }

  /** One instance of the generated class. */
  final class Instance {
    private final Object instance;
    private final Method compute;
    private final Method accumulate;
    private final Method zero;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    private Instance() {
      assertTrue(Modifier.isPublic(backwardClass.getModifiers()), backwardClass + " must be public");
      assertTrue(Modifier.isFinal(backwardClass.getModifiers()), backwardClass + " must be final");
      try {
        instance = backwardClass.getConstructor().newInstance();
        compute = backwardClass.getMethod("compute", method.getParameterTypes());
        accumulate = backwardClass.getMethod("accumulate", method.getParameterTypes());
        zero = backwardClass.getMethod("zero");
      } catch (NoSuchMethodException e) {
        throw new AssertionError(backwardClass + " lacks a member of the contract: " + e.getMessage(), e);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError("cannot instantiate " + backwardClass, e);
      }
      assertEquals(double.class, compute.getReturnType(), "compute returns double");
      assertEquals(double.class, accumulate.getReturnType(), "accumulate returns double");
      for (String g : gradients) {
        Field f;
        try {
          f = backwardClass.getField(g);
        } catch (NoSuchFieldException e) {
          throw new AssertionError(backwardClass.getSimpleName() + " has no public gradient field '" + g + "'", e);
        }
        assertEquals(method.getParameterTypes()[position(g)], f.getType(), "type of gradient field " + g);
        assertFalse(Modifier.isStatic(f.getModifiers()), "gradient field " + g + " must not be static");
        fields.put(g, f);
      }
    }

    double compute(Object... args) {
      return (double) invoke(compute, arguments(args));
    }

    double accumulate(Object... args) {
      return (double) invoke(accumulate, arguments(args));
    }

    void zero() {
      invoke(zero);
    }

    /** The live content of gradient field {@code name} (not a copy). */
    Object field(String name) {
      try {
        Field f = fields.get(name);
        if (f == null) {
          throw new IllegalArgumentException("test bug: no gradient " + name);
        }
        return f.getType() == double.class ? (Object) f.getDouble(instance) : f.get(instance);
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }

    void setField(String name, Object value) {
      try {
        Field f = fields.get(name);
        if (f.getType() == double.class) {
          f.setDouble(instance, (Double) value);
        } else {
          f.set(instance, value);
        }
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }

    /** Deep copies of every gradient field. */
    Map<String, Object> gradient() {
      Map<String, Object> g = new LinkedHashMap<>();
      for (String name : gradients) {
        g.put(name, deepCopy(field(name)));
      }
      return g;
    }

    /** Writes {@code garbage} into every gradient field, in place for arrays. */
    void fillGradients(double garbage) {
      for (String name : gradients) {
        Object v = field(name);
        if (v instanceof Double) {
          setField(name, garbage);
        } else if (v instanceof double[] a) {
          Arrays.fill(a, garbage);
        } else if (v instanceof double[][] m) {
          for (double[] row : m) {
            if (row != null) {
              Arrays.fill(row, garbage);
            }
          }
        }
      }
    }

    private Object invoke(Method m, Object... args) {
      try {
        return m.invoke(instance, args);
      } catch (InvocationTargetException e) {
        throw new AssertionError(backwardClass.getSimpleName() + "." + m.getName() + " threw " + e.getCause()
            + "\ngenerated source:\n" + generatedSource(), e.getCause());
      } catch (IllegalAccessException | IllegalArgumentException e) {
        fail("cannot call " + m + ": " + e);
        return null;
      }
    }
  }
}
