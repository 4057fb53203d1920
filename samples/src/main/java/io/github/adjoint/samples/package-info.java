/**
 * Runnable examples that use Adjoint the way a user project does: plain static methods annotated
 * {@link io.github.adjoint.Differentiable}, compiled by javac with the Adjoint processor on the
 * annotation processor path, and the generated {@code *Backward} classes called like any other
 * code. {@link io.github.adjoint.samples.Lecture} is the flagship demo.
 */
package io.github.adjoint.samples;
