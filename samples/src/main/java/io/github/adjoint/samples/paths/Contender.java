package io.github.adjoint.samples.paths;

import io.github.adjoint.optim.Optimizer;

/**
 * One optimizer of a convergence-path picture: its configuration and its legend label.
 *
 * @param label the legend's text, e.g. {@code "SGD, lr 0.09"}
 * @param optimizer the configuration its trainer is built with
 */
public record Contender(String label, Optimizer optimizer) {
  public Contender {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("a contender needs a non-blank label");
    }
    if (optimizer == null) {
      throw new IllegalArgumentException("contender '" + label + "' needs an optimizer");
    }
  }
}
