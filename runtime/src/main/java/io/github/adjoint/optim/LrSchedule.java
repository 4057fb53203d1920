package io.github.adjoint.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * A learning-rate schedule: the learning rate to use after {@code step} scheduler steps, given
 * the optimizer's initial learning rate {@code baseLr}. {@code step} counts like PyTorch's {@code
 * last_epoch}: 0 before the first scheduler step. Call it once per scheduler step and pass the
 * result to {@link Optimizer#withLr(double)}.
 *
 * <p>The implementations evaluate PyTorch's closed forms ({@code _get_closed_form_lr}), which
 * depend only on {@code baseLr} and {@code step}, so a schedule is stateless and can be restarted
 * or evaluated at any step. (PyTorch's {@code scheduler.step()} uses recursive forms that agree
 * with these up to rounding, except where PyTorch chains schedulers.)
 *
 * <table>
 *   <caption>Schedules</caption>
 *   <tr><th>factory</th><th>PyTorch</th><th>{@code lr(baseLr, t)}</th></tr>
 *   <tr><td>{@link #constant()}</td><td>(no scheduler)</td><td>{@code baseLr}</td></tr>
 *   <tr><td>{@link #step(long, double)}</td><td>{@code StepLR(step_size, gamma)}</td>
 *       <td>{@code baseLr * gamma^floor(t / stepSize)}</td></tr>
 *   <tr><td>{@link #exponential(double)}</td><td>{@code ExponentialLR(gamma)}</td>
 *       <td>{@code baseLr * gamma^t}</td></tr>
 *   <tr><td>{@link #cosine(long, double)}</td><td>{@code CosineAnnealingLR(T_max, eta_min)}</td>
 *       <td>{@code etaMin + (baseLr - etaMin) * (1 + cos(pi * t / tMax)) / 2}</td></tr>
 *   <tr><td>{@link #linear(double, double, long)}</td>
 *       <td>{@code LinearLR(start_factor, end_factor, total_iters)}</td>
 *       <td>{@code baseLr * (start + (end - start) * min(t, totalIters) / totalIters)}</td></tr>
 *   <tr><td>{@link #sequential(List, long...)}</td>
 *       <td>{@code SequentialLR(schedulers, milestones)}</td>
 *       <td>schedule {@code i} at {@code t - milestones[i-1]} while {@code milestones[i-1] <= t <
 *       milestones[i]}</td></tr>
 * </table>
 *
 * <p>Arguments are validated when a schedule is built, and {@code baseLr >= 0}, {@code step >= 0}
 * on every call; violations throw {@link IllegalArgumentException} naming the argument, its value
 * and the valid range.
 */
@FunctionalInterface
public interface LrSchedule {

  /**
   * The learning rate after {@code step} scheduler steps.
   *
   * @param baseLr the optimizer's initial learning rate, {@code >= 0}
   * @param step the number of scheduler steps taken so far (PyTorch's {@code last_epoch}), {@code
   *     >= 0}
   */
  double lr(double baseLr, long step);

  /** The learning rate never changes. */
  static LrSchedule constant() {
    return new Constant();
  }

  /** PyTorch's {@code StepLR}: multiply by {@code gamma} every {@code stepSize} steps. */
  static LrSchedule step(long stepSize, double gamma) {
    return new Step(stepSize, gamma);
  }

  /** PyTorch's {@code ExponentialLR}: multiply by {@code gamma} every step. */
  static LrSchedule exponential(double gamma) {
    return new Exponential(gamma);
  }

  /** PyTorch's {@code CosineAnnealingLR} (closed form): from {@code baseLr} to {@code etaMin}. */
  static LrSchedule cosine(long tMax, double etaMin) {
    return new Cosine(tMax, etaMin);
  }

  /** PyTorch's {@code LinearLR}: a linear warm-up (or cool-down) of the factor. */
  static LrSchedule linear(double startFactor, double endFactor, long totalIters) {
    return new Linear(startFactor, endFactor, totalIters);
  }

  /**
   * PyTorch's {@code SequentialLR}: {@code schedules.get(0)} until {@code milestones[0]}, then
   * {@code schedules.get(1)} restarted at step 0, and so on.
   */
  static LrSchedule sequential(List<LrSchedule> schedules, long... milestones) {
    List<Long> boxed = new ArrayList<>(milestones.length);
    for (long m : milestones) {
      boxed.add(m);
    }
    return new Sequential(schedules, boxed);
  }

  /** Checks the arguments of {@link #lr(double, long)}. */
  private static void checkCall(String owner, double baseLr, long step) {
    Check.nonNegative(owner, "baseLr", baseLr);
    Check.nonNegative(owner, "step", step);
  }

  /** See {@link LrSchedule#constant()}. */
  record Constant() implements LrSchedule {
    @Override
    public double lr(double baseLr, long step) {
      checkCall("Constant", baseLr, step);
      return baseLr;
    }
  }

  /**
   * See {@link LrSchedule#step(long, double)}.
   *
   * @param stepSize period of the decay, {@code >= 1}
   * @param gamma multiplicative factor, {@code > 0}
   */
  record Step(long stepSize, double gamma) implements LrSchedule {
    /** Validates the arguments. */
    public Step {
      Check.positive("StepLr", "stepSize", stepSize);
      Check.positive("StepLr", "gamma", gamma);
    }

    @Override
    public double lr(double baseLr, long step) {
      checkCall("StepLr", baseLr, step);
      return baseLr * Math.pow(gamma, (double) (step / stepSize));
    }
  }

  /**
   * See {@link LrSchedule#exponential(double)}.
   *
   * @param gamma multiplicative factor per step, {@code > 0}
   */
  record Exponential(double gamma) implements LrSchedule {
    /** Validates the argument. */
    public Exponential {
      Check.positive("ExponentialLr", "gamma", gamma);
    }

    @Override
    public double lr(double baseLr, long step) {
      checkCall("ExponentialLr", baseLr, step);
      return baseLr * Math.pow(gamma, (double) step);
    }
  }

  /**
   * See {@link LrSchedule#cosine(long, double)}. Past {@code tMax} the closed form keeps following
   * the cosine (back up towards {@code baseLr}), as PyTorch's does; combine with {@link
   * LrSchedule#sequential} to hold a final value instead.
   *
   * @param tMax half period in steps, {@code >= 1}
   * @param etaMin the minimum learning rate, {@code >= 0}
   */
  record Cosine(long tMax, double etaMin) implements LrSchedule {
    /** Validates the arguments. */
    public Cosine {
      Check.positive("CosineAnnealingLr", "tMax", tMax);
      Check.nonNegative("CosineAnnealingLr", "etaMin", etaMin);
    }

    @Override
    public double lr(double baseLr, long step) {
      checkCall("CosineAnnealingLr", baseLr, step);
      return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * step / tMax)) / 2;
    }
  }

  /**
   * See {@link LrSchedule#linear(double, double, long)}.
   *
   * @param startFactor factor at step 0, in {@code (0, 1]}
   * @param endFactor factor from step {@code totalIters} on, in {@code [0, 1]}
   * @param totalIters length of the ramp in steps, {@code >= 1}
   */
  record Linear(double startFactor, double endFactor, long totalIters) implements LrSchedule {
    /** Validates the arguments. */
    public Linear {
      if (!(startFactor > 0 && startFactor <= 1)) {
        throw Check.invalid("LinearLr", "startFactor", startFactor, "0 < startFactor <= 1");
      }
      Check.unitClosed("LinearLr", "endFactor", endFactor);
      Check.positive("LinearLr", "totalIters", totalIters);
    }

    @Override
    public double lr(double baseLr, long step) {
      checkCall("LinearLr", baseLr, step);
      return baseLr
          * (startFactor
              + (endFactor - startFactor) * (double) Math.min(totalIters, step) / totalIters);
    }
  }

  /**
   * See {@link LrSchedule#sequential(List, long...)}.
   *
   * @param schedules the schedules, one more than milestones
   * @param milestones the steps at which the next schedule takes over, strictly increasing, {@code
   *     >= 1}
   */
  record Sequential(List<LrSchedule> schedules, List<Long> milestones) implements LrSchedule {
    /** Validates the arguments and copies the lists. */
    public Sequential {
      schedules = List.copyOf(schedules);
      milestones = List.copyOf(milestones);
      if (schedules.size() != milestones.size() + 1) {
        throw Check.invalid(
            "SequentialLr",
            "schedules.size()",
            schedules.size(),
            "milestones.length + 1 = " + (milestones.size() + 1));
      }
      long previous = 0;
      for (int i = 0; i < milestones.size(); i++) {
        long m = milestones.get(i);
        if (m <= previous) {
          throw Check.invalid(
              "SequentialLr",
              "milestones[" + i + "]",
              m,
              "milestones strictly increasing and >= 1 (previous: " + previous + ")");
        }
        previous = m;
      }
    }

    @Override
    public double lr(double baseLr, long step) {
      checkCall("SequentialLr", baseLr, step);
      int i = 0;
      long start = 0;
      while (i < milestones.size() && milestones.get(i) <= step) {
        start = milestones.get(i);
        i++;
      }
      return schedules.get(i).lr(baseLr, step - start);
    }
  }
}
