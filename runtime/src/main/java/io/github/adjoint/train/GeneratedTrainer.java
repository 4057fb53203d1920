package io.github.adjoint.train;

import io.github.adjoint.optim.AdaGrad;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.AdamW;
import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.optim.RmsProp;
import io.github.adjoint.optim.Sgd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The base of every generated {@code <Class><Method>Trainer}; not for hand-written code.
 *
 * <p>The generated subclass knows the function: its parameters' names and shapes, its backward
 * class, and the fused row kernels of each optimizer (one loop per variant, written out). This
 * class holds what does not depend on the function: the parameters seen as rows (a matrix's rows,
 * a vector as one row, a scalar as a one-element cell), the optimizer state of the same shapes,
 * the step count, the per-step coefficients (bias corrections, decayed learning rate) and the
 * snapshot and restore of all of it. A step resolves the optimizer kind once, then runs one fused
 * pass per parameter, row by row.
 */
public abstract class GeneratedTrainer implements Trainer {
  private final String function;
  private final List<String> names;
  private final List<TrainerState.Kind> kinds;
  private final double[] l1;
  private final double[] l2;
  private double[][][] parameters;
  private double[][][] gradients;
  private Optimizer optimizer;
  private int pending;
  private long steps;

  /** Optimizer state by PyTorch's name, [parameter][row][element]; absent until first used. */
  private final Map<String, double[][][]> buffers = new LinkedHashMap<>();

  private static final String MOMENTUM_BUFFER = "momentum_buffer";
  private static final String SUM = "sum";
  private static final String SQUARE_AVG = "square_avg";
  private static final String GRAD_AVG = "grad_avg";
  private static final String EXP_AVG = "exp_avg";
  private static final String EXP_AVG_SQ = "exp_avg_sq";
  private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

  /**
   * @param function the trained function, {@code Class.method}
   * @param names the differentiable parameters' names, in declaration order
   * @param kinds their shapes' kinds, in the same order
   * @param optimizer the optimizer configuration of the first step
   */
  protected GeneratedTrainer(
      String function, List<String> names, List<TrainerState.Kind> kinds, Optimizer optimizer) {
    this.function = function;
    this.names = List.copyOf(names);
    this.kinds = List.copyOf(kinds);
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.l1 = new double[names.size()];
    this.l2 = new double[names.size()];
  }

  /**
   * Called once by the subclass's constructor: the parameters and their gradients as rows, in
   * declaration order (a scalar is a one-element cell the subclass keeps in sync with its field).
   */
  protected final void bind(double[][][] parameters, double[][][] gradients) {
    this.parameters = parameters;
    this.gradients = gradients;
  }

  /** Copies the scalar parameters and their gradients from their fields into their cells. */
  protected abstract void loadScalars();

  /** Copies the scalar parameters and their gradients from their cells back into their fields. */
  protected abstract void storeScalars();

  /** Counts one call of {@code accumulate}; the subclass calls it after each one. */
  protected final void accumulated() {
    pending++;
  }

  // ---------------------------------------------------------------- the fused row kernels

  /**
   * SGD over one row: the gradient term (mean-scaled, L1, L2, coupled decay), the momentum buffer
   * {@code b = bufferKeep * b + gradientWeight * g} ({@code b} null without momentum), the
   * update, and the gradient zeroed.
   */
  protected abstract void sgd(double[] param, double[] grad, double[] b, double scale, double l1,
      double l2Twice, double weightDecay, double lr, double momentum, double bufferKeep,
      double gradientWeight, boolean nesterov);

  /** AdaGrad over one row. */
  protected abstract void adagrad(double[] param, double[] grad, double[] sum, double scale,
      double l1, double l2Twice, double weightDecay, double clr, double epsInside,
      double epsOutside);

  /** RMSprop over one row; {@code gradAvg} null unless centered, {@code b} null without momentum. */
  protected abstract void rmsprop(double[] param, double[] grad, double[] squareAvg,
      double[] gradAvg, double[] b, double scale, double l1, double l2Twice, double weightDecay,
      double lr, double alpha, double oneMinusAlpha, double momentum, double epsInside,
      double epsOutside);

  /** Adam and AdamW over one row; {@code maxExpAvgSq} null unless AMSGrad. */
  protected abstract void adam(double[] param, double[] grad, double[] expAvg, double[] expAvgSq,
      double[] maxExpAvgSq, double scale, double l1, double l2Twice, double coupledDecay,
      double decoupledFactor, double oneMinusBeta1, double beta2, double oneMinusBeta2,
      double stepSize, double biasCorrection2Sqrt, double eps);

  // ---------------------------------------------------------------- Trainer

  @Override
  public final void step() {
    if (pending == 0) {
      return;
    }
    loadScalars();
    steps++;
    // The mean over the calls since the last step, and maximize's sign flip, in one factor.
    double scale = (optimizer.maximize() ? -1.0 : 1.0) / pending;
    Optimizer o = optimizer;
    if (o instanceof Sgd c) {
      stepSgd(c, scale);
    } else if (o instanceof AdaGrad c) {
      stepAdaGrad(c, scale);
    } else if (o instanceof RmsProp c) {
      stepRmsProp(c, scale);
    } else if (o instanceof Adam c) {
      stepAdam(scale, c.lr(), c.beta1(), c.beta2(), c.eps(), c.weightDecay(), 1.0, c.amsgrad());
    } else if (o instanceof AdamW c) {
      stepAdam(scale, c.lr(), c.beta1(), c.beta2(), c.eps(), 0.0,
          1 - c.lr() * c.weightDecay(), c.amsgrad());
    }
    storeScalars();
    pending = 0;
  }

  private void stepSgd(Sgd c, double scale) {
    boolean momentum = c.momentum() != 0;
    boolean first = momentum && !buffers.containsKey(MOMENTUM_BUFFER);
    double[][][] b = momentum ? buffer(MOMENTUM_BUFFER, 0.0) : null;
    // PyTorch starts the buffer at the first gradient: b = 0 * b + 1 * g.
    double keep = first ? 0.0 : c.momentum();
    double weight = first ? 1.0 : 1 - c.dampening();
    for (int j = 0; j < parameters.length; j++) {
      for (int r = 0; r < parameters[j].length; r++) {
        sgd(parameters[j][r], gradients[j][r], b == null ? null : b[j][r], scale, l1[j],
            2 * l2[j], c.weightDecay(), c.lr(), c.momentum(), keep, weight, c.nesterov());
      }
    }
  }

  private void stepAdaGrad(AdaGrad c, double scale) {
    double[][][] sum = buffer(SUM, c.initialAccumulator());
    double clr = c.lr() / (1 + (steps - 1) * c.lrDecay());
    double epsInside = c.epsInsideSqrt() ? c.eps() : 0.0;
    double epsOutside = c.epsInsideSqrt() ? 0.0 : c.eps();
    for (int j = 0; j < parameters.length; j++) {
      for (int r = 0; r < parameters[j].length; r++) {
        adagrad(parameters[j][r], gradients[j][r], sum[j][r], scale, l1[j], 2 * l2[j],
            c.weightDecay(), clr, epsInside, epsOutside);
      }
    }
  }

  private void stepRmsProp(RmsProp c, double scale) {
    double[][][] squareAvg = buffer(SQUARE_AVG, 0.0);
    double[][][] gradAvg = c.centered() ? buffer(GRAD_AVG, 0.0) : null;
    double[][][] b = c.momentum() > 0 ? buffer(MOMENTUM_BUFFER, 0.0) : null;
    double epsInside = c.epsInsideSqrt() ? c.eps() : 0.0;
    double epsOutside = c.epsInsideSqrt() ? 0.0 : c.eps();
    for (int j = 0; j < parameters.length; j++) {
      for (int r = 0; r < parameters[j].length; r++) {
        rmsprop(parameters[j][r], gradients[j][r], squareAvg[j][r],
            gradAvg == null ? null : gradAvg[j][r], b == null ? null : b[j][r], scale, l1[j],
            2 * l2[j], c.weightDecay(), c.lr(), c.alpha(), 1 - c.alpha(), c.momentum(), epsInside,
            epsOutside);
      }
    }
  }

  private void stepAdam(double scale, double lr, double beta1, double beta2, double eps,
      double coupledDecay, double decoupledFactor, boolean amsgrad) {
    double[][][] expAvg = buffer(EXP_AVG, 0.0);
    double[][][] expAvgSq = buffer(EXP_AVG_SQ, 0.0);
    double[][][] maxExpAvgSq = amsgrad ? buffer(MAX_EXP_AVG_SQ, 0.0) : null;
    double biasCorrection1 = 1 - Math.pow(beta1, steps);
    double biasCorrection2 = 1 - Math.pow(beta2, steps);
    double stepSize = lr / biasCorrection1;
    double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
    for (int j = 0; j < parameters.length; j++) {
      for (int r = 0; r < parameters[j].length; r++) {
        adam(parameters[j][r], gradients[j][r], expAvg[j][r], expAvgSq[j][r],
            maxExpAvgSq == null ? null : maxExpAvgSq[j][r], scale, l1[j], 2 * l2[j], coupledDecay,
            decoupledFactor, 1 - beta1, beta2, 1 - beta2, stepSize, biasCorrection2Sqrt, eps);
      }
    }
  }

  /** The buffer named {@code name}, created of the parameters' shapes and filled on first use. */
  private double[][][] buffer(String name, double initial) {
    return buffers.computeIfAbsent(name, n -> like(parameters, initial));
  }

  private static double[][][] like(double[][][] shapes, double initial) {
    double[][][] copy = new double[shapes.length][][];
    for (int j = 0; j < shapes.length; j++) {
      copy[j] = new double[shapes[j].length][];
      for (int r = 0; r < shapes[j].length; r++) {
        copy[j][r] = new double[shapes[j][r].length];
        java.util.Arrays.fill(copy[j][r], initial);
      }
    }
    return copy;
  }

  @Override
  public final int pending() {
    return pending;
  }

  @Override
  public final long steps() {
    return steps;
  }

  @Override
  public final Optimizer optimizer() {
    return optimizer;
  }

  @Override
  public final void optimizer(Optimizer optimizer) {
    Objects.requireNonNull(optimizer, "optimizer");
    if (optimizer.getClass() != this.optimizer.getClass()) {
      throw new IllegalArgumentException("the trainer of " + function + " uses "
          + kindOf(this.optimizer) + " and keeps its state; it cannot switch to "
          + kindOf(optimizer) + ": build a new trainer");
    }
    this.optimizer = optimizer;
  }

  // ---------------------------------------------------------------- regularization

  /**
   * The ordinals of the parameters an L1 or L2 setter names, checked.
   */
  protected static int[] ordinals(Enum<?> first, Enum<?>... more) {
    int[] result = new int[1 + more.length];
    result[0] = Objects.requireNonNull(first, "parameter").ordinal();
    for (int i = 0; i < more.length; i++) {
      result[i + 1] = Objects.requireNonNull(more[i], "parameter").ordinal();
    }
    return result;
  }

  /** Sets the lecture's L1 coefficient of the given parameters. */
  protected final void setL1(double lambda, int[] parameters) {
    set(l1, "l1", lambda, parameters);
  }

  /** Sets the lecture's L2 coefficient of the given parameters. */
  protected final void setL2(double lambda, int[] parameters) {
    set(l2, "l2", lambda, parameters);
  }

  /** The lecture's L1 coefficient of a parameter. */
  protected final double l1Of(int parameter) {
    return l1[parameter];
  }

  /** The lecture's L2 coefficient of a parameter. */
  protected final double l2Of(int parameter) {
    return l2[parameter];
  }

  private static void set(double[] target, String what, double lambda, int[] parameters) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "invalid " + what + " = " + lambda + ": must be finite and >= 0 (0 turns it off)");
    }
    for (int j : parameters) {
      target[j] = lambda;
    }
  }

  // ---------------------------------------------------------------- state

  @Override
  public final TrainerState state() {
    loadScalars();
    List<TrainerState.Entry> entries = new ArrayList<>();
    for (int j = 0; j < parameters.length; j++) {
      entries.add(new TrainerState.Entry(names.get(j), kinds.get(j), parameters[j]));
    }
    for (Map.Entry<String, double[][][]> b : buffers.entrySet()) {
      for (int j = 0; j < parameters.length; j++) {
        entries.add(new TrainerState.Entry(
            names.get(j) + "." + b.getKey(), kinds.get(j), b.getValue()[j]));
      }
    }
    return new TrainerState(function, kindOf(optimizer), steps, entries);
  }

  @Override
  public final Optional<TrainerState.NonFinite> firstNonFinite() {
    loadScalars();
    for (int j = 0; j < parameters.length; j++) {
      OptionalDouble bad = TrainerState.firstNonFinite(parameters[j]);
      if (bad.isPresent()) {
        return Optional.of(new TrainerState.NonFinite(names.get(j), bad.getAsDouble()));
      }
    }
    for (Map.Entry<String, double[][][]> b : buffers.entrySet()) {
      for (int j = 0; j < parameters.length; j++) {
        OptionalDouble bad = TrainerState.firstNonFinite(b.getValue()[j]);
        if (bad.isPresent()) {
          return Optional.of(new TrainerState.NonFinite(
              names.get(j) + "." + b.getKey(), bad.getAsDouble()));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public final void restore(TrainerState state) {
    state.requireOrigin(function, kindOf(optimizer));
    Map<String, double[][][]> restored = new LinkedHashMap<>();
    List<String> known = new ArrayList<>(names);
    for (TrainerState.Entry e : state.entries()) {
      int dot = e.name().indexOf('.');
      if (dot >= 0) {
        String buffer = e.name().substring(dot + 1);
        restored.computeIfAbsent(buffer, n -> like(parameters, 0.0));
        known.add(e.name());
      }
    }
    // Check every entry against this trainer's shapes before changing anything.
    for (TrainerState.Entry e : state.entries()) {
      if (!known.contains(e.name())) {
        throw new IllegalArgumentException(
            e.name() + ": the trainer of " + function + " has no such parameter");
      }
    }
    for (int j = 0; j < parameters.length; j++) {
      String name = names.get(j);
      check(state.entry(name), kinds.get(j), parameters[j]);
      for (Map.Entry<String, double[][][]> b : restored.entrySet()) {
        check(state.entry(name + "." + b.getKey()), kinds.get(j), parameters[j]);
      }
    }
    loadScalars();
    for (int j = 0; j < parameters.length; j++) {
      String name = names.get(j);
      copy(state.entry(name), parameters[j]);
      for (Map.Entry<String, double[][][]> b : restored.entrySet()) {
        copy(state.entry(name + "." + b.getKey()), b.getValue()[j]);
      }
      for (double[] row : gradients[j]) {
        java.util.Arrays.fill(row, 0.0);
      }
    }
    buffers.clear();
    buffers.putAll(restored);
    steps = state.steps();
    pending = 0;
    storeScalars();
  }

  private static void check(TrainerState.Entry e, TrainerState.Kind kind, double[][] rows) {
    double[][] values = e.rows();
    boolean same = e.kind() == kind && values.length == rows.length;
    for (int r = 0; same && r < rows.length; r++) {
      same = values[r].length == rows[r].length;
    }
    if (!same) {
      throw new IllegalArgumentException(e.name() + ": the state holds " + shape(e.kind(), values)
          + ", the trainer has " + shape(kind, rows));
    }
  }

  private static String shape(TrainerState.Kind kind, double[][] rows) {
    return switch (kind) {
      case SCALAR -> "a scalar";
      case VECTOR -> "a vector of length " + rows[0].length;
      case MATRIX -> {
        StringBuilder s = new StringBuilder("a matrix of row lengths [");
        for (int r = 0; r < rows.length; r++) {
          s.append(r == 0 ? "" : ", ").append(rows[r].length);
        }
        yield s.append(']').toString();
      }
    };
  }

  private static void copy(TrainerState.Entry e, double[][] target) {
    double[][] values = e.rows();
    for (int r = 0; r < target.length; r++) {
      System.arraycopy(values[r], 0, target[r], 0, target[r].length);
    }
  }

  private static String kindOf(Optimizer o) {
    return o.getClass().getSimpleName();
  }
}
