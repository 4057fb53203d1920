package io.github.adjoint.benchmarks;

import org.hipparchus.analysis.differentiation.DSCompiler;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * The forward-mode baseline: {@code Models.logisticLoss} written with Hipparchus {@link
 * DerivativeStructure}s of order 1 in {@code features + 1} free variables ({@code w} then {@code
 * b}). Every operation carries the whole gradient along, so one evaluation costs O(features) times
 * the function; that is the point of comparing it with reverse mode.
 */
final class LogisticHipparchus {
  private final DSFactory factory;
  /** Position of d/dw_j (and, last, d/db) in {@link DerivativeStructure#getAllDerivatives()}. */
  private final int[] gradientIndex;
  /** Gradient with respect to {@code w}. */
  final double[] w;
  /** Gradient with respect to {@code b}. */
  double b;

  LogisticHipparchus(int features) {
    factory = new DSFactory(features + 1, 1);
    DSCompiler compiler = factory.getCompiler();
    gradientIndex = new int[features + 1];
    int[] orders = new int[features + 1];
    for (int p = 0; p <= features; p++) {
      orders[p] = 1;
      gradientIndex[p] = compiler.getPartialDerivativeIndex(orders);
      orders[p] = 0;
    }
    w = new double[features];
  }

  double compute(double[] w, double b, double[][] x, double[] y) {
    int features = w.length;
    DerivativeStructure[] wv = new DerivativeStructure[features];
    for (int j = 0; j < features; j++) {
      wv[j] = factory.variable(j, w[j]);
    }
    DerivativeStructure bv = factory.variable(features, b);
    DerivativeStructure total = factory.constant(0.0);
    for (int i = 0; i < x.length; i++) {
      double[] xi = x[i];
      DerivativeStructure z = bv;
      for (int j = 0; j < features; j++) {
        z = z.add(wv[j].multiply(xi[j]));
      }
      total = total.add(softplus(z).subtract(z.multiply(y[i])));
    }
    DerivativeStructure loss = total.divide(x.length);
    double[] all = loss.getAllDerivatives();
    for (int j = 0; j < features; j++) {
      this.w[j] = all[gradientIndex[j]];
    }
    this.b = all[gradientIndex[features]];
    return loss.getValue();
  }

  /** {@code max(z, 0) + log1p(e^-|z|)}, the same branch as {@code Functions.softplus}. */
  private static DerivativeStructure softplus(DerivativeStructure z) {
    return z.getValue() >= 0 ? z.add(z.negate().exp().log1p()) : z.exp().log1p();
  }
}
