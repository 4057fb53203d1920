package io.github.adjoint.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's own processing environment behind the wrappers of IDEs and build tools, because
 * {@link Trees#instance} accepts nothing else. Returns null when there is none (ECJ, for one), so
 * the processor can report one clear error instead of crashing.
 */
final class EnvironmentGuard {
  private static final String JAVAC_ENVIRONMENT =
      "com.sun.tools.javac.processing.JavacProcessingEnvironment";

  private EnvironmentGuard() {}

  static Trees trees(ProcessingEnvironment env) {
    ProcessingEnvironment unwrapped = unwrap(env);
    if (!unwrapped.getClass().getName().equals(JAVAC_ENVIRONMENT)) {
      return null;
    }
    try {
      return Trees.instance(unwrapped);
    } catch (IllegalArgumentException | LinkageError e) {
      return null;
    }
  }

  /** Peels IntelliJ's and Gradle's wrappers (and any wrapper that keeps a "delegate" field). */
  static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    ProcessingEnvironment current = env;
    for (int depth = 0; depth < 8; depth++) {
      if (current.getClass().getName().equals(JAVAC_ENVIRONMENT)) {
        return current;
      }
      ProcessingEnvironment next = intellijUnwrap(current);
      if (next == null) {
        next = delegateField(current);
      }
      if (next == null || next == current) {
        return current;
      }
      current = next;
    }
    return current;
  }

  private static ProcessingEnvironment intellijUnwrap(ProcessingEnvironment env) {
    try {
      Class<?> wrappers = Class.forName("org.jetbrains.jps.javac.APIWrappers", false, env.getClass().getClassLoader());
      Method unwrap = wrappers.getMethod("unwrap", Class.class, Object.class);
      Object inner = unwrap.invoke(null, ProcessingEnvironment.class, env);
      return inner instanceof ProcessingEnvironment p ? p : null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static ProcessingEnvironment delegateField(ProcessingEnvironment env) {
    for (Class<?> c = env.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(f.getType())) {
          try {
            f.setAccessible(true);
            Object inner = f.get(env);
            if (inner instanceof ProcessingEnvironment p) {
              return p;
            }
          } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
          }
        }
      }
    }
    return null;
  }
}
