package io.github.adjoint.samples;

import java.util.Locale;

/**
 * The flagship demo: the backpropagation lecture's two worked examples, with every value and
 * gradient taken from the classes Adjoint generated at compile time. The text follows the
 * lecture's derivation (forward pass, then upstream gradient times local gradient, node by node).
 *
 * <p>Run it from the repository root: {@code mvn -B -q install -DskipTests && mvn -B -q -pl samples
 * exec:java}.
 */
public final class Lecture {
  private Lecture() {}

  /** Inputs, value and gradient of {@link LectureExamples#f}, as {@code LectureExamplesFBackward} computed them. */
  public record FResult(double x, double y, double z, double value, double dx, double dy, double dz) {}

  /** Inputs, value and gradient of {@link LectureExamples#neuron}, as the generated class computed them. */
  public record NeuronResult(
      double w0, double w1, double w2, double x0, double x1,
      double value,
      double dw0, double dw1, double dw2, double dx0, double dx1) {}

  /** Evaluates {@code f} and its gradient with the generated {@code LectureExamplesFBackward}. */
  public static FResult f(double x, double y, double z) {
    var grad = new LectureExamplesFBackward();
    double value = grad.compute(x, y, z);
    return new FResult(x, y, z, value, grad.x, grad.y, grad.z);
  }

  /** Evaluates the neuron and its gradient with the generated {@code LectureExamplesNeuronBackward}. */
  public static NeuronResult neuron(double w0, double w1, double w2, double x0, double x1) {
    var grad = new LectureExamplesNeuronBackward();
    double value = grad.compute(w0, w1, w2, x0, x1);
    return new NeuronResult(
        w0, w1, w2, x0, x1, value, grad.w0, grad.w1, grad.w2, grad.x0, grad.x1);
  }

  /** The whole printout: both examples at the lecture's points. */
  public static String report() {
    return format(f(-2, 5, -4)) + System.lineSeparator() + format(neuron(2, -3, -3, -1, -2));
  }

  /**
   * The lecture's derivation of {@code f = (x + y) z}. The forward line and the chain-rule factors
   * are the lecture's reasoning; the value and the three gradients are the generated class's.
   */
  public static String format(FResult r) {
    double q = r.x() + r.y();
    var out = new StringBuilder();
    line(out, "Example 1: f(x, y, z) = (x + y) * z  at x = %s, y = %s, z = %s",
        num(r.x()), num(r.y()), num(r.z()));
    row(out, "forward", "q = x + y", num(q));
    row(out, "", "f = q * z", num(r.value()));
    row(out, "backward", "df/df", "1");
    row(out, "", "df/dq = z", num(r.z()));
    row(out, "", "df/dz = q", num(r.dz()));
    row(out, "", "df/dx = df/dq * dq/dx = " + num(r.z()) + " * 1", num(r.dx()));
    row(out, "", "df/dy = df/dq * dq/dy = " + num(r.z()) + " * 1", num(r.dy()));
    line(out, "  generated LectureExamplesFBackward.compute(%s, %s, %s) = %s",
        num(r.x()), num(r.y()), num(r.z()), num(r.value()));
    line(out, "            gradient (df/dx, df/dy, df/dz) = (%s, %s, %s)",
        num(r.dx()), num(r.dy()), num(r.dz()));
    return out.toString();
  }

  /**
   * The lecture's derivation of the sigmoid neuron. The sigmoid gate's local gradient is the
   * lecture's identity {@code (1 - s) s}, written with the generated value {@code s}; the five
   * gradients are the generated class's.
   */
  public static String format(NeuronResult r) {
    double dot = r.w0() * r.x0() + r.w1() * r.x1() + r.w2();
    double s = r.value();
    double local = (1 - s) * s;
    var out = new StringBuilder();
    line(out, "Example 2: neuron f(w, x) = 1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))");
    line(out, "           at w = (%s, %s, %s), x = (%s, %s)",
        num(r.w0()), num(r.w1()), num(r.w2()), num(r.x0()), num(r.x1()));
    row(out, "forward", "dot = w0*x0 + w1*x1 + w2", num(dot));
    row(out, "", "s = sigmoid(dot) = 1 / (1 + e^-dot)", fix(s, 4));
    row(out, "backward", "ds/ddot = (1 - s) * s  (sigmoid gate)", fix(local, 4));
    row(out, "", "df/dw0 = ds/ddot * x0", fix(r.dw0(), 3));
    row(out, "", "df/dw1 = ds/ddot * x1", fix(r.dw1(), 3));
    row(out, "", "df/dw2 = ds/ddot * 1", fix(r.dw2(), 3));
    row(out, "", "df/dx0 = ds/ddot * w0", fix(r.dx0(), 3));
    row(out, "", "df/dx1 = ds/ddot * w1", fix(r.dx1(), 3));
    line(out, "  generated LectureExamplesNeuronBackward.compute(%s, %s, %s, %s, %s) = %s",
        num(r.w0()), num(r.w1()), num(r.w2()), num(r.x0()), num(r.x1()), fix(r.value(), 4));
    line(out, "            gradient w = (%s, %s, %s), x = (%s, %s)",
        fix(r.dw0(), 3), fix(r.dw1(), 3), fix(r.dw2(), 3), fix(r.dx0(), 3), fix(r.dx1(), 3));
    return out.toString();
  }

  public static void main(String[] args) {
    System.out.print(report());
  }

  /** One step of a derivation: a stage label, the formula, and its value in a fixed column. */
  private static void row(StringBuilder out, String stage, String formula, String value) {
    line(out, "  %-9s %-38s = %s", stage, formula, value);
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
  }

  /** An integral value without decimals ({@code -12}), anything else with four. */
  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return fix(v, 4);
  }

  static String fix(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
