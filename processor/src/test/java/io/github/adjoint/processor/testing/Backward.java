package io.github.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** One instance of a generated {@code ...Backward} class, driven reflectively. */
public final class Backward {
  private final Class<?> type;
  private final Object instance;
  private final Method compute;
  private final Method accumulate;
  private final Method zero;

  Backward(Class<?> type, Class<?>[] parameterTypes) {
    this.type = type;
    assertTrue(Modifier.isPublic(type.getModifiers()), type + " must be public");
    assertTrue(Modifier.isFinal(type.getModifiers()), type + " must be final");
    try {
      Constructor<?> constructor = type.getConstructor();
      this.instance = constructor.newInstance();
      this.compute = type.getMethod("compute", parameterTypes);
      this.accumulate = type.getMethod("accumulate", parameterTypes);
      this.zero = type.getMethod("zero");
    } catch (NoSuchMethodException e) {
      throw new AssertionError(type + " lacks a member of the contract: " + e.getMessage(), e);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot instantiate " + type, e);
    }
    assertEquals(double.class, compute.getReturnType(), "compute returns double");
    assertEquals(double.class, accumulate.getReturnType(), "accumulate returns double");
    assertEquals(void.class, zero.getReturnType(), "zero returns void");
  }

  public Class<?> type() {
    return type;
  }

  public double compute(Object... args) {
    return (double) invoke(compute, args);
  }

  public double accumulate(Object... args) {
    return (double) invoke(accumulate, args);
  }

  public void zero() {
    invoke(zero);
  }

  /** The gradient field {@code name}: must be a public non-static double field. */
  public double grad(String name) {
    Field f = gradientField(type, name);
    try {
      return f.getDouble(instance);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** Sets a gradient field (to check that compute overwrites and zero clears it). */
  public void setGrad(String name, double value) {
    try {
      gradientField(type, name).setDouble(instance, value);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  static Field gradientField(Class<?> type, String name) {
    Field f;
    try {
      f = type.getField(name);
    } catch (NoSuchFieldException e) {
      throw new AssertionError(type.getSimpleName() + " has no public gradient field '" + name + "'", e);
    }
    assertEquals(double.class, f.getType(), "type of gradient field " + name);
    assertTrue(!Modifier.isStatic(f.getModifiers()), "gradient field " + name + " must not be static");
    return f;
  }

  /** Whether the class declares a field of this name at all (any visibility). */
  public boolean declaresField(String name) {
    for (Field f : type.getDeclaredFields()) {
      if (f.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  public boolean hasPublicField(String name) {
    try {
      type.getField(name);
      return true;
    } catch (NoSuchFieldException e) {
      return false;
    }
  }

  private Object invoke(Method m, Object... args) {
    try {
      return m.invoke(instance, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(type.getSimpleName() + "." + m.getName() + " threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException | IllegalArgumentException e) {
      fail("cannot call " + m + ": " + e);
      return null;
    }
  }
}
