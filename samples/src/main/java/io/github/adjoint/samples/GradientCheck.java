package io.github.adjoint.samples;

import io.github.adjoint.data.Dataset;
import io.github.adjoint.samples.data.Datasets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Checks the gradients Adjoint generated for the real models of {@link Models} against central
 * finite differences, on real data: logistic regression on the standardized Breast Cancer
 * Wisconsin features, and the 2-layer perceptron on the standardized handwritten digits. Every
 * entry of every parameter is checked.
 *
 * <p>Run it from the repository root: {@code mvn -B -q install -DskipTests && mvn -B -q -pl samples
 * exec:java -Dexec.mainClass=io.github.adjoint.samples.GradientCheck}.
 *
 * <h2>The oracle and its accuracy</h2>
 *
 * For each parameter entry {@code θ} the central difference {@code (f(θ+h) - f(θ-h)) / (θ+h -
 * (θ-h))} evaluates the model's own Java method ({@code Models.logisticLoss}, {@code
 * Models.mlpLoss}), never the generated code. (Dividing by the representable step {@code (θ+h) -
 * (θ-h)} rather than {@code 2h} removes the error of rounding {@code θ±h}.) Its error has two
 * parts: truncation, {@code h²/6·|f'''|}, and rounding, about {@code δ/h} where {@code δ} is the
 * absolute rounding error of one evaluation of {@code f}. Both losses are means of O(1) terms over
 * the batch, so {@code δ} is a few ulps of {@code |f| ≈ 1}, some 1e-15, and {@code |f'''|} is
 * O(1)-O(10) for standardized features and small weights. The step that balances the two, {@code
 * h ≈ (3δ/|f'''|)^(1/3)}, is about 1e-5, which is {@link #H}: the oracle's absolute error is then
 * about {@code 1e-10} (measured: at most 1e-10 on both models).
 *
 * <p>The error of an entry is {@code |g - d| / max(|g|, |d|, FLOOR)} for the generated {@code g}
 * and the difference {@code d}: relative where the gradient is sizeable, and absolute, scaled by
 * {@link #FLOOR}, where it is near zero (there a relative error measures only the oracle's noise:
 * a constant pixel's weight has gradient exactly 0). An entry passes when that error is below
 * {@link #REL_TOL}: {@code |g - d| < 1e-6·|g|} for {@code |g| ≥ 1e-3}, and {@code |g - d| < 1e-9}
 * below. The oracle's 1e-10 is ten times below the strictest of these (measured over 200 seeds:
 * at most 1.1e-7 against the 1e-6), while a wrong derivative (a dropped term, a wrong factor or
 * index) is an error of the gradient's own size and fails by orders of magnitude.
 *
 * <p>The perceptron's ReLU is not differentiable at 0. Where {@code θ±h} moves a pre-activation of
 * the batch across 0, the central difference mixes two slopes and measures nothing: such entries
 * are detected exactly (the sign pattern of every pre-activation, recomputed in the model's own
 * operation order, differs between {@code θ} and {@code θ±h}), left out and counted. The max in the
 * log-sum-exp is no such point: the loss is smooth across it.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /** The finite-difference step. */
  public static final double H = 1e-5;

  /** The largest error, relative with an absolute floor, that passes. */
  public static final double REL_TOL = 1e-6;

  /** Below this gradient magnitude the error is measured in absolute terms (times 1/FLOOR). */
  public static final double FLOOR = 1e-3;

  /** Seed of the batch choice and of the random weights. */
  public static final long SEED = 20_240_601L;

  /** The comparison of one parameter's gradient. */
  public record ParamResult(
      String name,
      String shape,
      int entries,
      int checked,
      int kinks,
      double gradientNorm,
      double maxAbsError,
      double maxRelError,
      String worstEntry,
      double worstGenerated,
      double worstDifference) {}

  /**
   * The check of one model: its value by the generated class and by the model's own method (equal
   * bit for bit when the generated forward sweep keeps the method's operation order), whether the
   * generated {@code compute} left its arguments untouched, and one result per parameter.
   */
  public record ModelResult(
      String model,
      String data,
      int batch,
      double generatedValue,
      double modelValue,
      boolean argumentsUnchanged,
      double h,
      List<ParamResult> params) {

    /** Copies the list. */
    public ModelResult {
      params = List.copyOf(params);
    }

    /** The largest relative error over every checked entry. */
    public double maxRelError() {
      return params.stream().mapToDouble(ParamResult::maxRelError).max().orElse(0);
    }

    /** The largest absolute error over every checked entry. */
    public double maxAbsError() {
      return params.stream().mapToDouble(ParamResult::maxAbsError).max().orElse(0);
    }

    /** Entries checked, over all parameters. */
    public int checked() {
      return params.stream().mapToInt(ParamResult::checked).sum();
    }

    /** Entries left out because their finite difference straddles a ReLU kink. */
    public int kinks() {
      return params.stream().mapToInt(ParamResult::kinks).sum();
    }

    /** Entries in all, checked or not. */
    public int entries() {
      return params.stream().mapToInt(ParamResult::entries).sum();
    }

    /** Same value bit for bit. */
    public boolean valueExact() {
      return Double.doubleToRawLongBits(generatedValue) == Double.doubleToRawLongBits(modelValue);
    }

    /**
     * Passes when every checked entry is within {@link #REL_TOL}, the value is exact, the arguments
     * are unchanged, and kinks left out at most 1 % of the entries (more would mean the check
     * checks little).
     */
    public boolean passed() {
      return maxRelError() < REL_TOL
          && valueExact()
          && argumentsUnchanged
          && kinks() * 100 <= entries()
          && checked() > 0;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The two models.

  /**
   * Logistic regression: {@code batch} examples of the standardized breast-cancer data (shuffled
   * with {@code seed}), weights and bias drawn from N(0, 0.1²) with {@code seed}.
   */
  public static ModelResult logistic(int batch, long seed) {
    Dataset data = Datasets.breastCancer().standardized().shuffled(seed).rows(0, batch);
    double[][] x = data.x();
    double[] y = data.y();
    Random random = new Random(seed);
    double[] w = gaussian(random, data.features(), 0.1);
    double[] b = {0.1 * random.nextGaussian()}; // a holder, so that the check can perturb it

    double[] wBefore = w.clone();
    double bBefore = b[0];
    double[][] xBefore = deepCopy(x);
    double[] yBefore = y.clone();
    var grad = new ModelsLogisticLossBackward();
    double value = grad.compute(w, b[0], x, y);
    boolean unchanged = Arrays.equals(w, wBefore)
        && Double.compare(b[0], bBefore) == 0
        && Arrays.deepEquals(x, xBefore)
        && Arrays.equals(y, yBefore);
    double modelValue = Models.logisticLoss(w, b[0], x, y);

    DoubleSupplier f = () -> Models.logisticLoss(w, b[0], x, y);
    List<ParamResult> params = List.of(
        check(Param.vector("w", w, grad.w), f, null, H),
        check(Param.vector("b", b, new double[] {grad.b}), f, null, H));
    return new ModelResult(
        "Models.logisticLoss (ModelsLogisticLossBackward)",
        "breast_cancer, standardized, " + data.features() + " features",
        batch, value, modelValue, unchanged, H, params);
  }

  /**
   * The 2-layer perceptron {@code 64 → hidden → 10}: {@code batch} examples of the standardized
   * digits (shuffled with {@code seed}); He-initialized weights ({@code N(0, 2/fan-in)}) and biases
   * from N(0, 0.1²), drawn with {@code seed}.
   */
  public static ModelResult mlp(int batch, int hidden, long seed) {
    Dataset data = Datasets.digits().standardized().shuffled(seed).rows(0, batch);
    double[][] x = data.x();
    double[] labels = data.y();
    int classes = data.classes();
    Random random = new Random(seed);
    double[][] w1 = new double[hidden][];
    for (int k = 0; k < hidden; k++) {
      w1[k] = gaussian(random, data.features(), Math.sqrt(2.0 / data.features()));
    }
    double[] b1 = gaussian(random, hidden, 0.1);
    double[][] w2 = new double[classes][];
    for (int c = 0; c < classes; c++) {
      w2[c] = gaussian(random, hidden, Math.sqrt(2.0 / hidden));
    }
    double[] b2 = gaussian(random, classes, 0.1);

    double[][] w1Before = deepCopy(w1);
    double[] b1Before = b1.clone();
    double[][] w2Before = deepCopy(w2);
    double[] b2Before = b2.clone();
    double[][] xBefore = deepCopy(x);
    double[] labelsBefore = labels.clone();
    var grad = new ModelsMlpLossBackward();
    double value = grad.compute(w1, b1, w2, b2, x, labels);
    boolean unchanged = Arrays.deepEquals(w1, w1Before)
        && Arrays.equals(b1, b1Before)
        && Arrays.deepEquals(w2, w2Before)
        && Arrays.equals(b2, b2Before)
        && Arrays.deepEquals(x, xBefore)
        && Arrays.equals(labels, labelsBefore);
    double modelValue = Models.mlpLoss(w1, b1, w2, b2, x, labels);

    DoubleSupplier f = () -> Models.mlpLoss(w1, b1, w2, b2, x, labels);
    Supplier<Object> reluPattern = () -> reluPattern(w1, b1, x);
    List<ParamResult> params = List.of(
        check(Param.matrix("w1", w1, grad.w1), f, reluPattern, H),
        check(Param.vector("b1", b1, grad.b1), f, reluPattern, H),
        check(Param.matrix("w2", w2, grad.w2), f, null, H),
        check(Param.vector("b2", b2, grad.b2), f, null, H));
    return new ModelResult(
        "Models.mlpLoss (ModelsMlpLossBackward), " + data.features() + "-" + hidden + "-" + classes
            + " ReLU perceptron",
        "digits, standardized, " + data.features() + " pixels",
        batch, value, modelValue, unchanged, H, params);
  }

  /**
   * Which hidden pre-activations of the batch are positive (ReLU's two regimes), computed in
   * {@code Models.mlpLoss}'s own operation order so that the signs are the ones the model sees.
   */
  static BitSet reluPattern(double[][] w1, double[] b1, double[][] x) {
    BitSet bits = new BitSet(x.length * b1.length);
    for (int n = 0; n < x.length; n++) {
      double[] xn = x[n];
      for (int k = 0; k < b1.length; k++) {
        double[] w1k = w1[k];
        double a = b1[k];
        for (int j = 0; j < xn.length; j++) {
          a += w1k[j] * xn[j];
        }
        bits.set(n * b1.length + k, a > 0);
      }
    }
    return bits;
  }

  // ---------------------------------------------------------------------------------------------
  // The finite-difference check, independent of any model.

  /**
   * One differentiable parameter seen as a flat sequence of entries: the value to perturb (in the
   * arrays the model function reads) and the generated gradient to compare.
   */
  public interface Param {
    String name();

    /** {@code [n]} or {@code [rows][cols]}. */
    String shape();

    int size();

    double get(int i);

    void set(int i, double value);

    double gradient(int i);

    /** The entry's name, such as {@code w1[3][17]}. */
    String entry(int i);

    /**
     * A vector parameter (a scalar is a vector of length 1, whose entry is printed without an
     * index).
     */
    static Param vector(String name, double[] values, double[] gradient) {
      requireShape(name, values.length, gradient.length);
      return new Param() {
        @Override public String name() {
          return name;
        }

        @Override public String shape() {
          return values.length == 1 ? "scalar" : "[" + values.length + "]";
        }

        @Override public int size() {
          return values.length;
        }

        @Override public double get(int i) {
          return values[i];
        }

        @Override public void set(int i, double value) {
          values[i] = value;
        }

        @Override public double gradient(int i) {
          return gradient[i];
        }

        @Override public String entry(int i) {
          return values.length == 1 ? name : name + "[" + i + "]";
        }
      };
    }

    /** A rectangular matrix parameter, entries in row-major order. */
    static Param matrix(String name, double[][] values, double[][] gradient) {
      requireShape(name, values.length, gradient.length);
      int cols = values.length == 0 ? 0 : values[0].length;
      for (int r = 0; r < values.length; r++) {
        requireShape(name + "[" + r + "]", values[r].length, gradient[r].length);
        requireShape(name + "[" + r + "] (rectangular)", cols, values[r].length);
      }
      return new Param() {
        @Override public String name() {
          return name;
        }

        @Override public String shape() {
          return "[" + values.length + "][" + cols + "]";
        }

        @Override public int size() {
          return values.length * cols;
        }

        @Override public double get(int i) {
          return values[i / cols][i % cols];
        }

        @Override public void set(int i, double value) {
          values[i / cols][i % cols] = value;
        }

        @Override public double gradient(int i) {
          return gradient[i / cols][i % cols];
        }

        @Override public String entry(int i) {
          return name + "[" + i / cols + "][" + i % cols + "]";
        }
      };
    }

    private static void requireShape(String name, int expected, int actual) {
      if (expected != actual) {
        throw new IllegalArgumentException(
            "the gradient of " + name + " has length " + actual + ", the parameter " + expected);
      }
    }
  }

  /**
   * Compares {@code p}'s generated gradient with central differences of {@code f} on every entry.
   * Each entry is perturbed in place and then restored to its exact original value. When {@code
   * regime} is not null, an entry whose {@code θ+h} or {@code θ-h} changes {@code regime}'s value
   * (crosses a point where {@code f} is not differentiable) is left out and counted as a kink.
   */
  public static ParamResult check(Param p, DoubleSupplier f, Supplier<Object> regime, double h) {
    Object base = regime == null ? null : regime.get();
    int checked = 0;
    int kinks = 0;
    double maxAbs = 0;
    double maxRel = 0;
    double norm2 = 0;
    int worst = -1;
    double worstDifference = Double.NaN;
    for (int i = 0; i < p.size(); i++) {
      double theta = p.get(i);
      double up = theta + h;
      double down = theta - h;
      p.set(i, up);
      double fUp = f.getAsDouble();
      boolean smooth = regime == null || Objects.equals(base, regime.get());
      p.set(i, down);
      double fDown = f.getAsDouble();
      smooth = smooth && (regime == null || Objects.equals(base, regime.get()));
      p.set(i, theta);
      double g = p.gradient(i);
      norm2 += g * g;
      if (!smooth) {
        kinks++;
        continue;
      }
      double d = (fUp - fDown) / (up - down);
      double abs = Math.abs(g - d);
      double rel = abs / Math.max(FLOOR, Math.max(Math.abs(g), Math.abs(d)));
      if (Double.isNaN(rel)) {
        rel = Double.POSITIVE_INFINITY; // a NaN gradient must fail, not compare as "not larger"
        abs = Double.POSITIVE_INFINITY;
      }
      checked++;
      maxAbs = Math.max(maxAbs, abs);
      if (worst < 0 || rel > maxRel) {
        maxRel = rel;
        worst = i;
        worstDifference = d;
      }
    }
    return new ParamResult(
        p.name(), p.shape(), p.size(), checked, kinks, Math.sqrt(norm2), maxAbs, maxRel,
        worst < 0 ? "-" : p.entry(worst),
        worst < 0 ? Double.NaN : p.gradient(worst),
        worstDifference);
  }

  // ---------------------------------------------------------------------------------------------
  // Printing: pure functions of the results.

  /** The printout of one model's check. */
  public static String format(ModelResult r) {
    var out = new StringBuilder();
    line(out, "%s", r.model());
    line(out, "  data: %s, batch of %d, weights seeded; central differences, h = %s",
        r.data(), r.batch(), sci(r.h()));
    line(out, "  value: generated %s, model %s (%s)", full(r.generatedValue()),
        full(r.modelValue()), r.valueExact() ? "bit for bit equal" : "DIFFERENT");
    line(out, "  arguments after compute: %s", r.argumentsUnchanged() ? "unchanged" : "MODIFIED");
    line(out, "  %-6s %-9s %7s %6s %10s %12s %12s   %s",
        "param", "shape", "checked", "kinks", "|grad|", "max abs err", "max rel err", "worst entry");
    for (ParamResult p : r.params()) {
      line(out, "  %-6s %-9s %7s %6d %10s %12s %12s   %s: generated %s, central difference %s",
          p.name(), p.shape(), p.checked() + "/" + p.entries(), p.kinks(), sci(p.gradientNorm()),
          sci(p.maxAbsError()), sci(p.maxRelError()), p.worstEntry(), sci(p.worstGenerated()),
          sci(p.worstDifference()));
    }
    line(out, "  %d of %d entries checked (%d at a ReLU kink left out): max abs error %s, "
            + "max rel error %s (tolerance %s, floor %s): %s",
        r.checked(), r.entries(), r.kinks(), sci(r.maxAbsError()), sci(r.maxRelError()),
        sci(REL_TOL), sci(FLOOR), r.passed() ? "PASS" : "FAIL");
    return out.toString();
  }

  /** The printout of several checks, separated by blank lines. */
  public static String format(List<ModelResult> results) {
    var out = new StringBuilder();
    for (int i = 0; i < results.size(); i++) {
      if (i > 0) {
        out.append(System.lineSeparator());
      }
      out.append(format(results.get(i)));
    }
    return out.toString();
  }

  /**
   * Both checks with batches and weights drawn from {@code seed}: logistic regression on 64
   * breast-cancer examples, the 64-16-10 perceptron on 32 digits.
   */
  public static List<ModelResult> run(long seed) {
    return List.of(logistic(64, seed), mlp(32, 16, seed));
  }

  /** The models of {@code results} whose check did not pass. */
  public static List<String> failed(List<ModelResult> results) {
    List<String> failed = new ArrayList<>();
    for (ModelResult r : results) {
      if (!r.passed()) {
        failed.add(r.model());
      }
    }
    return failed;
  }

  /** Runs both checks; fails (an exception, so a nonzero exit) when one does not pass. */
  public static void main(String[] args) {
    List<ModelResult> results = run(SEED);
    System.out.print(format(results));
    List<String> failed = failed(results);
    if (!failed.isEmpty()) {
      throw new IllegalStateException("gradient check failed: " + failed);
    }
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
  }

  private static String sci(double v) {
    return String.format(Locale.ROOT, "%.3e", v);
  }

  private static String full(double v) {
    return Double.toString(v);
  }

  private static double[] gaussian(Random random, int n, double std) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = std * random.nextGaussian();
    }
    return v;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
