package io.github.adjoint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The generated backward classes against the lecture's hand-derived numbers. The expected values
 * are computed here by hand math (chain rule, σ(1) and (1 - σ)σ), never by the generated code.
 */
class LectureExamplesTest {
  private static final double TOL = 1e-12;

  @Test
  void fAtTheLecturePoint() {
    var g = new LectureExamplesFBackward();
    double value = g.compute(-2, 5, -4);

    // q = x + y = 3, f = q z = -12; df/dz = q = 3, df/dq = z = -4, df/dx = df/dy = df/dq * 1.
    assertEquals(-12.0, value);
    assertEquals(-4.0, g.x);
    assertEquals(-4.0, g.y);
    assertEquals(3.0, g.z);
  }

  @Test
  void fValueIsTheMethodsOwnResultBitForBit() {
    double[][] points = {{-2, 5, -4}, {0.1, 0.2, 0.3}, {1e-3, -7.25, 1e8}};
    var g = new LectureExamplesFBackward();
    for (double[] p : points) {
      assertEquals(LectureExamples.f(p[0], p[1], p[2]), g.compute(p[0], p[1], p[2]));
      assertEquals(p[2], g.x);
      assertEquals(p[2], g.y);
      assertEquals(p[0] + p[1], g.z);
    }
  }

  @Test
  void neuronAtTheLecturePoint() {
    var g = new LectureExamplesNeuronBackward();
    double value = g.compute(2, -3, -3, -1, -2);

    // dot = 2*(-1) + (-3)*(-2) + (-3) = 1, so the value is σ(1) and the sigmoid gate's local
    // gradient is (1 - σ)σ; each input's gradient is that times its partner in the dot product.
    double sigma = 1 / (1 + Math.exp(-1));
    double local = (1 - sigma) * sigma;
    assertEquals(sigma, value, TOL);
    assertEquals(0.7310585786300049, value, TOL);
    assertEquals(local * -1, g.w0, TOL); // x0
    assertEquals(local * -2, g.w1, TOL); // x1
    assertEquals(local * 1, g.w2, TOL); // bias
    assertEquals(local * 2, g.x0, TOL); // w0
    assertEquals(local * -3, g.x1, TOL); // w1

    // The lecture's rounded numbers.
    assertEquals(0.7311, value, 5e-5);
    assertEquals(-0.197, g.w0, 5e-4);
    assertEquals(-0.393, g.w1, 5e-4);
    assertEquals(0.197, g.w2, 5e-4);
    assertEquals(0.393, g.x0, 5e-4);
    assertEquals(-0.590, g.x1, 5e-4);
  }

  @Test
  void neuronValueIsTheMethodsOwnResultBitForBit() {
    var g = new LectureExamplesNeuronBackward();
    assertEquals(LectureExamples.neuron(2, -3, -3, -1, -2), g.compute(2, -3, -3, -1, -2));
    assertEquals(LectureExamples.neuron(0.5, 0.25, -1, 3, 4), g.compute(0.5, 0.25, -1, 3, 4));
  }

  @Test
  void neuronGradientMatchesCentralDifferences() {
    double[] p = {0.3, -1.7, 0.4, 2.5, -0.8};
    var g = new LectureExamplesNeuronBackward();
    g.compute(p[0], p[1], p[2], p[3], p[4]);
    double[] analytic = {g.w0, g.w1, g.w2, g.x0, g.x1};
    double h = 1e-6;
    for (int i = 0; i < p.length; i++) {
      double[] plus = p.clone();
      double[] minus = p.clone();
      plus[i] += h;
      minus[i] -= h;
      double numeric = (neuron(plus) - neuron(minus)) / (2 * h);
      assertEquals(numeric, analytic[i], 1e-8, "parameter " + i);
    }
  }

  @Test
  void accumulateAddsAndZeroClears() {
    var g = new LectureExamplesFBackward();
    assertEquals(-12.0, g.accumulate(-2, 5, -4));
    assertEquals(2.0, g.accumulate(1, 1, 1)); // q = 2, gradient (1, 1, 2)
    assertEquals(-4.0 + 1.0, g.x);
    assertEquals(-4.0 + 1.0, g.y);
    assertEquals(3.0 + 2.0, g.z);

    g.zero();
    assertEquals(0.0, g.x);
    assertEquals(0.0, g.y);
    assertEquals(0.0, g.z);

    // compute overwrites whatever was accumulated before.
    g.accumulate(1, 1, 1);
    g.compute(-2, 5, -4);
    assertEquals(-4.0, g.x);
    assertEquals(-4.0, g.y);
    assertEquals(3.0, g.z);
  }

  @Test
  void neuronAccumulatesAMiniBatchSum() {
    var g = new LectureExamplesNeuronBackward();
    g.accumulate(2, -3, -3, -1, -2);
    g.accumulate(2, -3, -3, -1, -2);
    double sigma = 1 / (1 + Math.exp(-1));
    double local = (1 - sigma) * sigma;
    assertEquals(2 * local * -1, g.w0, TOL);
    assertEquals(2 * local * -3, g.x1, TOL);
  }

  private static double neuron(double[] p) {
    return LectureExamples.neuron(p[0], p[1], p[2], p[3], p[4]);
  }
}
