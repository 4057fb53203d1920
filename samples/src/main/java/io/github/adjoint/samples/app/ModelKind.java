package io.github.adjoint.samples.app;

import java.util.Locale;

/** The models the command line and the demo train, named as on the command line. */
public enum ModelKind {
  /** Binary logistic regression ({@code Classifiers.logistic}): two classes only. */
  LOGISTIC,
  /** Softmax regression ({@code Classifiers.softmax}). */
  SOFTMAX,
  /** A perceptron with one ReLU hidden layer ({@code Classifiers.mlp}). */
  MLP;

  /** The command-line name: {@code logistic}, {@code softmax}, {@code mlp}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
