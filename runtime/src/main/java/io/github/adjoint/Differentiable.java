package io.github.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method returning {@code double} whose reverse-mode gradient Adjoint derives at
 * compile time. For method {@code m} of class {@code C} the processor generates {@code CMBackward}
 * in the same package.
 *
 * <p>Retained in class files so that a {@code @Differentiable} method compiled into a jar can be
 * called from another differentiable method: the caller then uses the generated backward class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {}
