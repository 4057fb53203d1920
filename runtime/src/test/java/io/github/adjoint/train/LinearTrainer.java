package io.github.adjoint.train;

import io.github.adjoint.optim.Sgd;
import java.util.List;

/**
 * Plain SGD on least squares {@code (w . x + b - y)^2}, with a scalar parameter {@code b} in a
 * field as generated trainers keep them. Too large a learning rate makes it diverge
 * geometrically, as gradient descent on a quadratic does: the divergence tests' model.
 */
final class LinearTrainer extends HandWrittenTrainer {
  final double[] w;
  double b;
  private final double[] gw;
  private double gb;

  LinearTrainer(double[] w, double b, Sgd optimizer) {
    super(optimizer);
    this.w = w;
    this.b = b;
    this.gw = new double[w.length];
  }

  double accumulate(double[] x, double y) {
    double r = b - y;
    for (int j = 0; j < w.length; j++) {
      r += w[j] * x[j];
    }
    for (int j = 0; j < w.length; j++) {
      gw[j] += 2 * r * x[j];
    }
    gb += 2 * r;
    pending++;
    return r * r;
  }

  @Override
  public void step() {
    if (pending == 0) {
      return;
    }
    steps++;
    for (int j = 0; j < w.length; j++) {
      w[j] -= optimizer.lr() * gw[j] / pending;
      gw[j] = 0;
    }
    b -= optimizer.lr() * gb / pending;
    gb = 0;
    pending = 0;
  }


  @Override
  public TrainerState state() {
    return new TrainerState("Linear.loss", "Sgd", steps,
        List.of(TrainerState.Entry.vector("w", w), TrainerState.Entry.scalar("b", b)));
  }

  @Override
  public void restore(TrainerState state) {
    state.requireOrigin("Linear.loss", "Sgd");
    copy(state.entry("w"), w);
    b = state.entry("b").scalar();
    steps = state.steps();
    java.util.Arrays.fill(gw, 0);
    gb = 0;
    pending = 0;
  }
}
