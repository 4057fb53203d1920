package io.github.adjoint.samples.cli;

import io.github.adjoint.optim.AdaGrad;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.AdamW;
import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.optim.RmsProp;
import io.github.adjoint.optim.Sgd;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The optimizer options of {@code adjoint train}, named after PyTorch's arguments; each applies
 * to the optimizers that have that hyperparameter, and giving it to another is an error.
 */
final class OptimizerOptions {
  static final List<String> NAMES = List.of("sgd", "adagrad", "rmsprop", "adam", "adamw");

  @Option(names = {"-o", "--optimizer"}, paramLabel = "NAME", defaultValue = "adam",
      description = "sgd, adagrad, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--lr", paramLabel = "LR",
      description = "Learning rate (default: 0.05 for sgd and adagrad, 0.001 for rmsprop, adam "
          + "and adamw).")
  Double lr;

  @Option(names = "--momentum", paramLabel = "M", description = "Momentum (sgd, rmsprop).")
  Double momentum;

  @Option(names = "--dampening", paramLabel = "D", description = "Momentum dampening (sgd).")
  Double dampening;

  @Option(names = "--nesterov", description = "Nesterov momentum (sgd, with --momentum).")
  boolean nesterov;

  @Option(names = "--lr-decay", paramLabel = "D", description = "Learning-rate decay (adagrad).")
  Double lrDecay;

  @Option(names = "--alpha", paramLabel = "A",
      description = "Smoothing constant of the squared gradients (rmsprop).")
  Double alpha;

  @Option(names = "--centered", description = "Centered RMSprop (rmsprop).")
  boolean centered;

  @Option(names = "--betas", paramLabel = "B1,B2",
      description = "Decay rates of the moments, e.g. 0.9,0.999 (adam, adamw).")
  String betas;

  @Option(names = "--amsgrad", description = "AMSGrad (adam, adamw).")
  boolean amsgrad;

  @Option(names = "--eps", paramLabel = "EPS",
      description = "Term added to the denominator (adagrad, rmsprop, adam, adamw).")
  Double eps;

  @Option(names = "--weight-decay", paramLabel = "WD",
      description = "PyTorch's weight_decay: coupled (g + wd·w), decoupled for adamw; not the "
          + "lecture's L2 (--l2).")
  Double weightDecay;

  /**
   * The configuration these options describe.
   *
   * @throws IllegalArgumentException naming the option, if one does not apply to the optimizer
   *     or a value is out of its range
   */
  Optimizer build() {
    String kind = name.toLowerCase(Locale.ROOT);
    if (!NAMES.contains(kind)) {
      throw new IllegalArgumentException("unknown optimizer '" + name + "'; the optimizers are "
          + String.join(", ", NAMES));
    }
    only(kind, "--momentum", momentum != null, "sgd", "rmsprop");
    only(kind, "--dampening", dampening != null, "sgd");
    only(kind, "--nesterov", nesterov, "sgd");
    only(kind, "--lr-decay", lrDecay != null, "adagrad");
    only(kind, "--alpha", alpha != null, "rmsprop");
    only(kind, "--centered", centered, "rmsprop");
    only(kind, "--betas", betas != null, "adam", "adamw");
    only(kind, "--amsgrad", amsgrad, "adam", "adamw");
    only(kind, "--eps", eps != null, "adagrad", "rmsprop", "adam", "adamw");
    Optimizer optimizer = switch (kind) {
      case "sgd" -> sgd();
      case "adagrad" -> adaGrad();
      case "rmsprop" -> rmsProp();
      case "adam" -> adam();
      default -> adamW();
    };
    return weightDecay == null ? optimizer : optimizer.weightDecay(weightDecay);
  }

  private Sgd sgd() {
    Sgd sgd = Sgd.of(lr == null ? 0.05 : lr);
    sgd = momentum == null ? sgd : sgd.momentum(momentum);
    sgd = dampening == null ? sgd : sgd.dampening(dampening);
    return sgd.nesterov(nesterov);
  }

  private AdaGrad adaGrad() {
    AdaGrad adaGrad = AdaGrad.of(lr == null ? 0.05 : lr);
    adaGrad = lrDecay == null ? adaGrad : adaGrad.lrDecay(lrDecay);
    return eps == null ? adaGrad : adaGrad.eps(eps);
  }

  private RmsProp rmsProp() {
    RmsProp rmsProp = RmsProp.of(lr == null ? 1e-3 : lr).centered(centered);
    rmsProp = momentum == null ? rmsProp : rmsProp.momentum(momentum);
    rmsProp = alpha == null ? rmsProp : rmsProp.alpha(alpha);
    return eps == null ? rmsProp : rmsProp.eps(eps);
  }

  private Adam adam() {
    Adam adam = Adam.of(lr == null ? 1e-3 : lr).amsgrad(amsgrad);
    double[] b = betas();
    adam = b == null ? adam : adam.betas(b[0], b[1]);
    return eps == null ? adam : adam.eps(eps);
  }

  private AdamW adamW() {
    AdamW adamW = AdamW.of(lr == null ? 1e-3 : lr).amsgrad(amsgrad);
    double[] b = betas();
    adamW = b == null ? adamW : adamW.betas(b[0], b[1]);
    return eps == null ? adamW : adamW.eps(eps);
  }

  /** The two numbers of {@code --betas}, or null when not given. */
  private double[] betas() {
    if (betas == null) {
      return null;
    }
    String[] parts = betas.split(",", -1);
    try {
      if (parts.length == 2) {
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
      }
    } catch (NumberFormatException e) {
      // answered below, as any other malformed value
    }
    throw new IllegalArgumentException("--betas takes two numbers B1,B2, e.g. 0.9,0.999; got '"
        + betas + "'");
  }

  private static void only(String kind, String option, boolean given, String... kinds) {
    if (given && !List.of(kinds).contains(kind)) {
      throw new IllegalArgumentException(option + " applies to " + String.join(" and ", kinds)
          + ", not to " + kind);
    }
  }
}
