package io.github.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A user's {@code @Differentiable} method together with its generated backward class, and the
 * checks every behaviour test applies:
 *
 * <ol>
 *   <li>{@code compute} returns the user's own result bit for bit;
 *   <li>the oracle's value agrees with the user's result (so the oracle is the same function);
 *   <li>every gradient field agrees with the oracle;
 *   <li>a second {@code compute} on the same instance (after garbage was left in the fields) gives
 *       the same value and gradient;
 *   <li>no public field exists for a parameter that is not differentiable.
 * </ol>
 */
public final class Differentiated {
  private final Compiled compiled;
  private final Class<?> userClass;
  private final Method method;
  private final String[] gradients;
  private final int[] gradientPositions;
  private final Class<?> backwardClass;

  Differentiated(Compiled compiled, String userClass, String methodName, String[] gradients) {
    this.compiled = compiled;
    this.userClass = compiled.load(userClass);
    this.method = findStatic(this.userClass, methodName);
    this.gradients = gradients.clone();
    Parameter[] parameters = method.getParameters();
    this.gradientPositions = new int[gradients.length];
    for (int g = 0; g < gradients.length; g++) {
      gradientPositions[g] = -1;
      for (int p = 0; p < parameters.length; p++) {
        if (parameters[p].getName().equals(gradients[g])) {
          gradientPositions[g] = p;
        }
      }
      if (gradientPositions[g] < 0 || parameters[gradientPositions[g]].getType() != double.class) {
        throw new IllegalArgumentException(
            "test bug: " + gradients[g] + " is not a double parameter of " + method);
      }
    }
    this.backwardClass = compiled.load(backwardName(userClass, methodName));
  }

  /** {@code pkg.C} + {@code m} gives {@code pkg.CMBackward}; nested {@code pkg.O$I} gives {@code pkg.OIBackward}. */
  public static String backwardName(String userBinaryName, String method) {
    int dot = userBinaryName.lastIndexOf('.');
    String pkg = dot < 0 ? "" : userBinaryName.substring(0, dot + 1);
    String simple = userBinaryName.substring(dot + 1).replace("$", "");
    return pkg + simple + Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Backward";
  }

  private static Method findStatic(Class<?> type, String name) {
    Method found = null;
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        if (found != null) {
          throw new IllegalArgumentException("test bug: " + name + " is overloaded in " + type);
        }
        found = m;
      }
    }
    if (found == null || !Modifier.isStatic(found.getModifiers())) {
      throw new IllegalArgumentException("test bug: no static method " + name + " in " + type);
    }
    found.setAccessible(true);
    return found;
  }

  public Class<?> backwardClass() {
    return backwardClass;
  }

  public Method method() {
    return method;
  }

  public String generatedSource() {
    return compiled.generatedSource(backwardClass.getName());
  }

  public Backward newBackward() {
    return new Backward(backwardClass, method.getParameterTypes());
  }

  /** Calls the user's own method. */
  public double original(Object... args) {
    try {
      return (double) method.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError("the user's method threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** Arguments as the method's parameter types want them (a test may write {@code 2} for a double). */
  public Object[] arguments(Object... args) {
    return arguments(method, args);
  }

  /** Arguments converted to {@code method}'s parameter types; others pass as they are. */
  public static Object[] arguments(Method method, Object... args) {
    Class<?>[] types = method.getParameterTypes();
    if (args.length != types.length) {
      throw new IllegalArgumentException("test bug: " + method + " takes " + types.length + " arguments");
    }
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (types[i] == double.class) {
        out[i] = ((Number) a).doubleValue();
      } else if (types[i] == int.class) {
        out[i] = ((Number) a).intValue();
      } else if (types[i] == long.class) {
        out[i] = ((Number) a).longValue();
      } else {
        out[i] = a;
      }
    }
    return out;
  }

  /** The gradient fields of {@code b}, in the order given at construction. */
  public double[] gradient(Backward b) {
    double[] g = new double[gradients.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = b.grad(gradients[i]);
    }
    return g;
  }

  /** Runs every check of the class comment against {@code expected} at {@code args}; returns compute's gradient. */
  public double[] check(Oracle.Expected expected, Object... rawArgs) {
    Object[] args = arguments(rawArgs);
    String where = method.getDeclaringClass().getSimpleName() + "." + method.getName() + Arrays.toString(args);
    double original = original(args);
    Oracle.assertClose(
        where + ": oracle value vs the user's method (a bug in the test's oracle)",
        original, expected.value(), Math.max(expected.rel(), 1e-12), expected.abs());

    Backward b = newBackward();
    double value = b.compute(args);
    assertBitEqual(where + ": value returned by compute", original, value);
    double[] g = gradient(b);
    assertGradient(where, expected, g);

    // Garbage in the fields must be overwritten by compute.
    for (String name : gradients) {
      b.setGrad(name, 1e30);
    }
    double again = b.compute(args);
    assertBitEqual(where + ": value of a second compute", original, again);
    double[] g2 = gradient(b);
    for (int i = 0; i < g.length; i++) {
      assertEquals(g[i], g2[i], 0.0, where + ": gradient " + gradients[i] + " of a second compute");
    }
    assertNoFieldsForOtherParameters(b);
    return g;
  }

  /** Check with the forward-mode oracle when every parameter is a differentiable double, in order. */
  public double[] checkDs(Oracle.DsFunction f, double... point) {
    if (gradients.length != method.getParameterCount()) {
      throw new IllegalArgumentException("test bug: checkDs needs every parameter differentiable");
    }
    Object[] args = new Object[point.length];
    for (int i = 0; i < point.length; i++) {
      args[i] = point[i];
    }
    return check(Oracle.ds(f, point), args);
  }

  /** Check against central differences of the user's own method over the differentiable parameters. */
  public double[] checkFdWithStep(double h, Object... rawArgs) {
    Object[] args = arguments(rawArgs);
    double[] point = new double[gradients.length];
    for (int i = 0; i < point.length; i++) {
      point[i] = (double) args[gradientPositions[i]];
    }
    Oracle.Expected fd = Oracle.fd(p -> {
      Object[] a = args.clone();
      for (int i = 0; i < p.length; i++) {
        a[gradientPositions[i]] = p[i];
      }
      return original(a);
    }, h, point);
    return check(fd, args);
  }

  public double[] checkFd(Object... rawArgs) {
    return checkFdWithStep(1e-3, rawArgs);
  }

  public void assertGradient(String where, Oracle.Expected expected, double[] actual) {
    if (expected.gradient().length != gradients.length) {
      throw new IllegalArgumentException("test bug: " + gradients.length + " gradients, expected has "
          + expected.gradient().length);
    }
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < gradients.length; i++) {
      if (!Oracle.close(expected.gradient(i), actual[i], expected.rel(), expected.abs())) {
        failures.add("d/d" + gradients[i] + ": expected " + expected.gradient(i) + " but was " + actual[i]);
      }
    }
    if (!failures.isEmpty()) {
      fail(where + ": gradient differs from the " + expected.source() + " oracle (rel " + expected.rel() + ", abs "
          + expected.abs() + "): " + String.join("; ", failures) + "\nexpected " + Arrays.toString(expected.gradient())
          + "\nactual   " + Arrays.toString(actual) + "\ngenerated source:\n" + generatedSource());
    }
  }

  /** Parameters that are not differentiable (int, long, boolean, @NoGrad) get no public field. */
  public void assertNoFieldsForOtherParameters(Backward b) {
    List<String> grads = Arrays.asList(gradients);
    for (Parameter p : method.getParameters()) {
      if (!grads.contains(p.getName())) {
        assertFalse(b.hasPublicField(p.getName()),
            backwardClass.getSimpleName() + " must have no public field for non-differentiable parameter " + p.getName());
      }
    }
  }

  public static void assertBitEqual(String what, double expected, double actual) {
    if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
      fail(what + ": expected " + expected + " (bits " + Long.toHexString(Double.doubleToRawLongBits(expected))
          + ") but was " + actual + " (bits " + Long.toHexString(Double.doubleToRawLongBits(actual))
          + "): not bit for bit equal to the user's method");
    }
  }

  public String[] gradientNames() {
    return gradients.clone();
  }

  public static void assertAllFinite(String where, double[] g) {
    for (double d : g) {
      assertTrue(Double.isFinite(d), where + ": gradient not finite: " + Arrays.toString(g));
    }
  }
}
