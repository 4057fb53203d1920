package io.github.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class Adjoint generated, with the method it was generated from. Two methods can map to
 * one generated name ({@code Foo.barBaz} and {@code FooBar.baz} both give {@code
 * FooBarBazBackward}); compiled separately, one class would silently stand in for the other. The
 * processor reads this from class files and reports a located error instead. It also reads there
 * what a caller must know of a method whose body it cannot see.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DerivedFrom {
  /** The canonical name of the class that declares the method, e.g. {@code com.example.Foo}. */
  String type();

  /** The method's name. */
  String method();

  /**
   * Whether the method draws dropout masks ({@link Functions#dropout}), itself or through the
   * methods it calls: a caller compiled later runs it again in its reverse sweep only from the
   * dropout stream's state the first run started from.
   */
  boolean drawsDropout() default false;
}
