package io.github.adjoint.processor.train;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The fused row kernels of a trainer: one method per optimizer, overriding the runtime's
 * {@code GeneratedTrainer}. Each variant an optimizer's options select (momentum or not,
 * Nesterov, centered, AMSGrad, an L1 term) is its own loop, chosen once per row before the loop,
 * so no loop branches on a flag. Every loop reads and writes its arrays at the same index, so the
 * JIT can vectorize it, and does in one pass what the step needs per element: the mean-scaled
 * gradient with the regularization terms, the state update, the parameter update, and zeroing the
 * gradient.
 *
 * <p>The formulas are PyTorch's, in PyTorch's order of operations (see the runtime's
 * {@code io.github.adjoint.optim} documentation); {@code torch.lerp} is written in the form it uses
 * for weights below 0.5 ({@code m + (1 - β1)·(g - m)}), which covers β1 and α above 0.5.
 */
final class StepKernels {
  private StepKernels() {}

  /** The four kernels, in the order the runtime declares them. */
  static List<MethodSpec> all() {
    return List.of(sgd(), adagrad(), rmsprop(), adam());
  }

  private static MethodSpec sgd() {
    CodeBlock.Builder body = CodeBlock.builder();
    body.beginControlFlow("if (b == null)");
    loop(body, List.of("SGD:", "w ← w − lr·g"),
        "param[i] = w + -lr * g;");
    body.nextControlFlow("else if (nesterov)");
    loop(body, List.of("SGD, Nesterov momentum:", "b ← μ·b + (1 − dampening)·g; w ← w − lr·(g + μ·b)"),
        "b[i] = b[i] * bufferKeep + gradientWeight * g;",
        "param[i] = w + -lr * (g + momentum * b[i]);");
    body.nextControlFlow("else");
    loop(body, List.of("SGD, momentum:", "b ← μ·b + (1 − dampening)·g; w ← w − lr·b"),
        "b[i] = b[i] * bufferKeep + gradientWeight * g;",
        "param[i] = w + -lr * b[i];");
    body.endControlFlow();
    return kernel("sgd", body.build(), List.of("b"),
        "scale", "l1", "l2Twice", "weightDecay", "lr", "momentum", "bufferKeep", "gradientWeight",
        "nesterov");
  }

  private static MethodSpec adagrad() {
    CodeBlock.Builder body = CodeBlock.builder();
    loop(body, List.of("AdaGrad, clr = lr / (1 + (t − 1)·lrDecay):",
        "sum ← sum + g²; w ← w − clr·g / (√sum + ε)"),
        "sum[i] = sum[i] + g * g;",
        "param[i] = w + -clr * g / (Math.sqrt(sum[i] + epsInside) + epsOutside);");
    return kernel("adagrad", body.build(), List.of("sum"),
        "scale", "l1", "l2Twice", "weightDecay", "clr", "epsInside", "epsOutside");
  }

  private static MethodSpec rmsprop() {
    String square = "squareAvg[i] = squareAvg[i] * alpha + oneMinusAlpha * g * g;";
    String centeredAvg = "gradAvg[i] = gradAvg[i] + oneMinusAlpha * (g - gradAvg[i]);";
    String avg = "double avg = Math.sqrt(squareAvg[i] + epsInside) + epsOutside;";
    String centered =
        "double avg = Math.sqrt(squareAvg[i] - gradAvg[i] * gradAvg[i] + epsInside) + epsOutside;";
    String withMomentum = "b[i] = b[i] * momentum + g / avg;";
    CodeBlock.Builder body = CodeBlock.builder();
    body.beginControlFlow("if (gradAvg == null && b == null)");
    loop(body, List.of("RMSprop:", "v ← α·v + (1 − α)·g²; w ← w − lr·g / (√v + ε)"),
        square, avg, "param[i] = w + -lr * g / avg;");
    body.nextControlFlow("else if (gradAvg == null)");
    loop(body, List.of("RMSprop, momentum:",
        "v ← α·v + (1 − α)·g²; b ← μ·b + g / (√v + ε); w ← w − lr·b"),
        square, avg, withMomentum, "param[i] = w + -lr * b[i];");
    body.nextControlFlow("else if (b == null)");
    loop(body, List.of("RMSprop, centered:",
        "v ← α·v + (1 − α)·g²; ḡ ← α·ḡ + (1 − α)·g; w ← w − lr·g / (√(v − ḡ²) + ε)"),
        square, centeredAvg, centered, "param[i] = w + -lr * g / avg;");
    body.nextControlFlow("else");
    loop(body, List.of("RMSprop, centered, momentum:",
        "v ← α·v + (1 − α)·g²; ḡ ← α·ḡ + (1 − α)·g; b ← μ·b + g / (√(v − ḡ²) + ε); w ← w − lr·b"),
        square, centeredAvg, centered, withMomentum, "param[i] = w + -lr * b[i];");
    body.endControlFlow();
    return kernel("rmsprop", body.build(), List.of("squareAvg", "gradAvg", "b"),
        "scale", "l1", "l2Twice", "weightDecay", "lr", "alpha", "oneMinusAlpha", "momentum",
        "epsInside", "epsOutside");
  }

  private static MethodSpec adam() {
    String decay = "w = w * decoupledFactor;";
    String first = "expAvg[i] = expAvg[i] + oneMinusBeta1 * (g - expAvg[i]);";
    String second = "expAvgSq[i] = expAvgSq[i] * beta2 + oneMinusBeta2 * g * g;";
    CodeBlock.Builder body = CodeBlock.builder();
    body.beginControlFlow("if (maxExpAvgSq == null)");
    loop(body, List.of("Adam (for AdamW, decoupledFactor = 1 − lr·weightDecay; for Adam, 1):",
        "m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²;",
        "w ← w − lr / (1 − β1^t) · m / (√v / √(1 − β2^t) + ε)"),
        decay, first, second,
        "param[i] = w + -stepSize * expAvg[i] / (Math.sqrt(expAvgSq[i]) / biasCorrection2Sqrt"
            + " + eps);");
    body.nextControlFlow("else");
    loop(body, List.of("Adam, AMSGrad: as Adam, with v̂ ← max(v̂, v) in the denominator"),
        decay, first, second,
        "maxExpAvgSq[i] = Math.max(maxExpAvgSq[i], expAvgSq[i]);",
        "param[i] = w + -stepSize * expAvg[i] / (Math.sqrt(maxExpAvgSq[i]) / biasCorrection2Sqrt"
            + " + eps);");
    body.endControlFlow();
    return kernel("adam", body.build(), List.of("expAvg", "expAvgSq", "maxExpAvgSq"),
        "scale", "l1", "l2Twice", "weightDecay", "decoupledFactor", "oneMinusBeta1", "beta2",
        "oneMinusBeta2", "stepSize", "biasCorrection2Sqrt", "eps");
  }

  /**
   * One variant: the loop without the L1 term and, under {@code l1 != 0}, the loop with it
   * ({@code Math.signum} keeps a loop from being vectorized on JDK 17, so it is not paid for
   * when unused).
   */
  private static void loop(CodeBlock.Builder body, List<String> formula, String... lines) {
    for (String line : formula) {
      body.add("// $L\n", line);
    }
    body.beginControlFlow("if (l1 == 0.0)");
    elementLoop(body, false, lines);
    body.nextControlFlow("else");
    elementLoop(body, true, lines);
    body.endControlFlow();
  }

  private static void elementLoop(CodeBlock.Builder body, boolean withL1, String... lines) {
    body.beginControlFlow("for (int i = 0; i < param.length; i++)");
    body.addStatement("double w = param[i]");
    body.add("// g: the mean gradient$L + the lecture's L2 term 2λ·w + PyTorch's weight_decay\n",
        withL1 ? " + the lecture's L1 term λ·sign(w)" : "");
    body.addStatement(withL1
        ? "double g = grad[i] * scale + l1 * Math.signum(w) + l2Twice * w + weightDecay * w"
        : "double g = grad[i] * scale + l2Twice * w + weightDecay * w");
    body.addStatement("grad[i] = 0.0");
    for (String line : lines) {
      body.add("$L\n", line);
    }
    body.endControlFlow();
  }

  private static MethodSpec kernel(
      String name, CodeBlock body, List<String> buffers, String... doubles) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .addParameter(double[].class, "param")
        .addParameter(double[].class, "grad");
    for (String buffer : buffers) {
      method.addParameter(double[].class, buffer);
    }
    for (String d : doubles) {
      method.addParameter(d.equals("nesterov") ? TypeName.BOOLEAN : TypeName.DOUBLE, d);
    }
    return method.addCode(body).build();
  }
}
