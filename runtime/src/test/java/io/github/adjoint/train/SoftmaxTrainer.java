package io.github.adjoint.train;

import io.github.adjoint.data.SplitMix64;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.optim.Sgd;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written stand-in for a generated trainer: softmax regression {@code p = softmax(W x +
 * b)}, loss {@code -log p[label]}, with inverted dropout on the inputs drawn from its own random
 * stream (so that checkpoints must carry a stream's state), trained by Adam or SGD with momentum
 * with real state buffers, named as {@link TrainerState} says.
 */
final class SoftmaxTrainer extends HandWrittenTrainer {
  static final String FUNCTION = "Softmax.loss";

  final double[][] w;
  final double[] b;
  final SplitMix64 dropout = new SplitMix64(1234);
  private final double keep;
  private final double[][] gw;
  private final double[] gb;
  private final double[][] w1; // Adam exp_avg, SGD momentum_buffer
  private final double[][] w2; // Adam exp_avg_sq
  private final double[] b1;
  private final double[] b2;

  /**
   * @param keep the keep probability of input dropout; 1 for none
   */
  SoftmaxTrainer(double[][] w, double[] b, Optimizer optimizer, double keep) {
    super(adamOrSgd(optimizer));
    this.w = w;
    this.b = b;
    this.keep = keep;
    gw = zerosLike(w);
    gb = new double[b.length];
    w1 = zerosLike(w);
    w2 = zerosLike(w);
    b1 = new double[b.length];
    b2 = new double[b.length];
  }

  private static Optimizer adamOrSgd(Optimizer optimizer) {
    if (!(optimizer instanceof Adam || optimizer instanceof Sgd)) {
      throw new IllegalArgumentException("the test trainer knows Adam and Sgd only");
    }
    return optimizer;
  }

  /** A trainer of {@code classes x features} weights drawn from {@code seed}. */
  static SoftmaxTrainer random(int classes, int features, Optimizer optimizer, long seed) {
    SplitMix64 random = new SplitMix64(seed);
    double[][] w = new double[classes][features];
    for (double[] row : w) {
      for (int j = 0; j < features; j++) {
        row[j] = 0.2 * (random.nextDouble() - 0.5);
      }
    }
    return new SoftmaxTrainer(w, new double[classes], optimizer, 0.8);
  }

  private static double[][] zerosLike(double[][] a) {
    double[][] z = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      z[i] = new double[a[i].length];
    }
    return z;
  }

  /** The loss of one example, without dropout and without touching the gradients. */
  double loss(double[] x, int label) {
    double[] p = probabilities(x);
    return -Math.log(p[label]);
  }

  /** The most probable class. */
  int predict(double[] x) {
    double[] p = probabilities(x);
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      best = p[c] > p[best] ? c : best;
    }
    return best;
  }

  private double[] probabilities(double[] x) {
    double[] z = new double[b.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < z.length; c++) {
      double s = b[c];
      for (int j = 0; j < x.length; j++) {
        s += w[c][j] * x[j];
      }
      z[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (int c = 0; c < z.length; c++) {
      z[c] /= sum;
    }
    return z;
  }

  double accumulate(double[] x, int label) {
    double[] dropped = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      dropped[j] = dropout.nextDouble() < keep ? x[j] / keep : 0;
    }
    double[] p = probabilities(dropped);
    for (int c = 0; c < p.length; c++) {
      double dz = p[c] - (c == label ? 1 : 0);
      gb[c] += dz;
      for (int j = 0; j < x.length; j++) {
        gw[c][j] += dz * dropped[j];
      }
    }
    pending++;
    return -Math.log(p[label]);
  }

  @Override
  public void step() {
    if (pending == 0) {
      return;
    }
    steps++;
    double scale = 1.0 / pending;
    for (int c = 0; c < w.length; c++) {
      update(w[c], gw[c], w1[c], w2[c], scale);
    }
    update(b, gb, b1, b2, scale);
    pending = 0;
  }

  private void update(double[] p, double[] g, double[] s1, double[] s2, double scale) {
    if (optimizer instanceof Adam adam) {
      double c1 = 1 - Math.pow(adam.beta1(), steps);
      double c2 = 1 - Math.pow(adam.beta2(), steps);
      for (int j = 0; j < p.length; j++) {
        double gj = g[j] * scale;
        s1[j] = adam.beta1() * s1[j] + (1 - adam.beta1()) * gj;
        s2[j] = adam.beta2() * s2[j] + (1 - adam.beta2()) * gj * gj;
        p[j] -= adam.lr() / c1 * s1[j] / (Math.sqrt(s2[j]) / Math.sqrt(c2) + adam.eps());
        g[j] = 0;
      }
    } else {
      Sgd sgd = (Sgd) optimizer;
      for (int j = 0; j < p.length; j++) {
        double gj = g[j] * scale;
        s1[j] = steps == 1 ? gj : sgd.momentum() * s1[j] + gj;
        p[j] -= sgd.lr() * (sgd.momentum() == 0 ? gj : s1[j]);
        g[j] = 0;
      }
    }
  }


  private String[] bufferNames() {
    return optimizer instanceof Adam
        ? new String[] {"exp_avg", "exp_avg_sq"} : new String[] {"momentum_buffer"};
  }

  @Override
  public TrainerState state() {
    List<TrainerState.Entry> entries = new ArrayList<>();
    entries.add(TrainerState.Entry.matrix("w", w));
    entries.add(TrainerState.Entry.vector("b", b));
    String[] buffers = bufferNames();
    entries.add(TrainerState.Entry.matrix("w." + buffers[0], w1));
    entries.add(TrainerState.Entry.vector("b." + buffers[0], b1));
    if (buffers.length > 1) {
      entries.add(TrainerState.Entry.matrix("w." + buffers[1], w2));
      entries.add(TrainerState.Entry.vector("b." + buffers[1], b2));
    }
    return new TrainerState(FUNCTION, kind(), steps, entries);
  }

  @Override
  public void restore(TrainerState state) {
    state.requireOrigin(FUNCTION, kind());
    copy(state.entry("w"), w);
    copy(state.entry("b"), b);
    String[] buffers = bufferNames();
    copy(state.entry("w." + buffers[0]), w1);
    copy(state.entry("b." + buffers[0]), b1);
    if (buffers.length > 1) {
      copy(state.entry("w." + buffers[1]), w2);
      copy(state.entry("b." + buffers[1]), b2);
    }
    steps = state.steps();
    for (double[] row : gw) {
      java.util.Arrays.fill(row, 0);
    }
    java.util.Arrays.fill(gb, 0);
    pending = 0;
  }
}
