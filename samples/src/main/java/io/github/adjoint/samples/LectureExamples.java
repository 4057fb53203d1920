package io.github.adjoint.samples;

import io.github.adjoint.Differentiable;

/**
 * The two computational graphs the backpropagation lecture works through by hand. Adjoint
 * generates {@code LectureExamplesFBackward} and {@code LectureExamplesNeuronBackward} from them.
 */
public final class LectureExamples {
  private LectureExamples() {}

  /**
   * The lecture's first graph: {@code f(x, y, z) = (x + y) z}, staged through {@code q = x + y}.
   * At {@code (-2, 5, -4)} its value is {@code -12} and its gradient is {@code (-4, -4, 3)}.
   */
  @Differentiable
  public static double f(double x, double y, double z) {
    double q = x + y;
    return q * z;
  }

  /**
   * The lecture's 2-input neuron with a sigmoid activation, {@code 1 / (1 + e^-(w0 x0 + w1 x1 + w2))},
   * staged as a dot product followed by the sigmoid gate. At {@code w = (2, -3, -3)}, {@code x =
   * (-1, -2)}: {@code dot = 1}, value {@code σ(1) = 0.7311}.
   */
  @Differentiable
  public static double neuron(double w0, double w1, double w2, double x0, double x1) {
    double dot = w0 * x0 + w1 * x1 + w2;
    double sigmoid = 1 / (1 + Math.exp(-dot));
    return sigmoid;
  }
}
