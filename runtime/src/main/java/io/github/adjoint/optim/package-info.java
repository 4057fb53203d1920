/**
 * Optimizer configurations and learning-rate schedules for generated trainers.
 *
 * <p>A trainer is built with one {@link io.github.adjoint.optim.Optimizer}: an immutable,
 * validated value whose "withers" are named after PyTorch's arguments, e.g. {@code
 * Sgd.of(0.01).momentum(0.9).nesterov(true)} or {@code AdamW.of(1e-3).weightDecay(0.05)}. The
 * semantics are those of PyTorch's {@code torch.optim} (2.13, for-loop implementation), checked
 * against reference trajectories to {@code 1e-12} relative.
 *
 * <h2>Optimizers</h2>
 *
 * <table>
 *   <caption>Optimizers, their PyTorch equivalents and defaults</caption>
 *   <tr><th>configuration</th><th>PyTorch</th><th>defaults (besides {@code lr}, always
 *       {@code weightDecay = 0}, {@code maximize = false} unless said)</th></tr>
 *   <tr><td>{@link io.github.adjoint.optim.Sgd#of Sgd.of(lr)}</td><td>{@code SGD}</td>
 *       <td>{@code momentum 0, dampening 0, nesterov false}</td></tr>
 *   <tr><td>{@link io.github.adjoint.optim.AdaGrad#of AdaGrad.of(lr)}</td>
 *       <td>{@code Adagrad}</td>
 *       <td>{@code lrDecay 0, initialAccumulator 0, eps 1e-10}; option {@code epsInsideSqrt
 *       false}</td></tr>
 *   <tr><td>{@link io.github.adjoint.optim.RmsProp#of RmsProp.of(lr)}</td>
 *       <td>{@code RMSprop}</td>
 *       <td>{@code alpha 0.99, eps 1e-8, momentum 0, centered false}; option {@code
 *       epsInsideSqrt false}</td></tr>
 *   <tr><td>{@link io.github.adjoint.optim.Adam#of Adam.of(lr)}</td><td>{@code Adam}</td>
 *       <td>{@code betas (0.9, 0.999), eps 1e-8, amsgrad false}</td></tr>
 *   <tr><td>{@link io.github.adjoint.optim.AdamW#of AdamW.of(lr)}</td><td>{@code AdamW}</td>
 *       <td>{@code betas (0.9, 0.999), eps 1e-8, amsgrad false}, <b>{@code weightDecay
 *       0.01}</b></td></tr>
 * </table>
 *
 * <p>Each configuration's documentation gives its exact update, in PyTorch's order of
 * operations. Details that other libraries do differently, on purpose here: SGD's momentum buffer
 * starts at the first gradient (not 0) and dampening is not applied to it; RMSprop's momentum
 * buffer starts at 0 and excludes the lr; eps is added outside the square root (AdaGrad,
 * RMSprop, Adam); Adam's eps is not bias-corrected (Algorithm 1 of Kingma and Ba, not the
 * "eps-hat" form of Keras, TensorFlow, Tribuo and ND4J); AMSGrad takes the maximum of the raw
 * second moment and bias-corrects after the maximum (not Optax's maximum of the bias-corrected
 * value); {@code maximize} negates the gradient before anything else.
 *
 * <p>Invalid hyperparameters (negative lr, eps, weight decay, lr decay, initial accumulator or
 * momentum; dampening outside {@code [0, 1]}; alpha or betas outside {@code [0, 1)}; Nesterov
 * without momentum or with dampening; NaN or infinity anywhere) throw {@link
 * java.lang.IllegalArgumentException} when the configuration is built, naming the argument, its
 * value and the valid range.
 *
 * <h2>Three kinds of "weight decay": do not confuse them</h2>
 *
 * <table>
 *   <caption>L1 and L2 loss terms, PyTorch's weight_decay, AdamW's decoupled decay</caption>
 *   <tr><th></th><th>lecture L1 term</th><th>lecture L2 term</th>
 *       <th>{@code weightDecay(wd)}: Sgd, AdaGrad, RmsProp, Adam</th>
 *       <th>{@code weightDecay(wd)}: AdamW</th></tr>
 *   <tr><td>what it is</td><td>loss {@code + l1 * sum|w|}</td><td>loss {@code + l2 * sum
 *       w^2}</td><td>coupled L2 (PyTorch): loss {@code + (wd/2) * sum w^2}</td>
 *       <td>decoupled decay, not a loss term</td></tr>
 *   <tr><td>effect per element</td><td>{@code g += l1 * sign(w)}, {@code sign(0) = 0}</td>
 *       <td>{@code g += 2 * l2 * w}</td><td>{@code g += wd * w}</td>
 *       <td>{@code w *= 1 - lr * wd}, before the Adam update</td></tr>
 *   <tr><td>passes through the optimizer's moments</td><td>yes</td><td>yes</td><td>yes</td>
 *       <td>no: never enters {@code m} or {@code v}</td></tr>
 *   <tr><td>equivalences</td><td>a subgradient: weights oscillate around 0 rather than reach
 *       it</td><td>{@code l2 = x} is exactly {@code weightDecay = 2x} (not {@code x})</td>
 *       <td>= DL4J {@code L2Regularization}; Keras's {@code weight_decay} is decoupled
 *       instead</td><td>with {@code wd = 0} AdamW is Adam</td></tr>
 * </table>
 *
 * <p>The L1 and L2 terms are penalties on whatever is optimized: they are added to the gradient
 * after {@code maximize}'s sign flip and before coupled weight decay ({@code g = ±grad; g += l1
 * sign(w); g += 2 l2 w; g += wd w}), all evaluated at the parameters before the step, so they
 * shrink weights whether the objective is minimized or maximized, like PyTorch's weight_decay.
 *
 * <h2>The lecture's formulas</h2>
 *
 * <ul>
 *   <li>The lecture's SGD line {@code W + eta * grad} is a sign slip: descent subtracts, {@code W
 *       - eta * grad}. Ascent is {@code maximize(true)}.
 *   <li>The lecture's momentum {@code W -= eta * (grad + gamma * dW)}, with {@code dW} the
 *       velocity of the previous step (PyTorch's momentum buffer), is exactly {@code
 *       Sgd.of(eta).momentum(gamma)}. The classical form {@code V = gamma V + eta grad; W -= V}
 *       is the same while the lr is constant (up to rounding) and differs once a schedule changes
 *       the lr. Reading {@code dW} instead as the previous <em>update</em> ({@code eta} times the
 *       velocity) would make it {@code momentum(eta * gamma)}, a much weaker momentum; that is
 *       not this project's reading.
 *   <li>The lecture's L1 term {@code ||W||_1^2} means {@code ||W||_1 = sum|w|}.
 *   <li>The lecture's AdaGrad and RMSprop put eps inside the square root ({@code g /
 *       sqrt(sum + eps)}); PyTorch puts it outside ({@code g / (sqrt(sum) + eps)}). The
 *       lecture's form is available as {@code AdaGrad.of(lr).epsInsideSqrt(true)} and {@code
 *       RmsProp.of(lr).epsInsideSqrt(true)}; with the same eps the two differ, most where the
 *       accumulated squares are small ({@code sqrt(1e-10) = 1e-5}).
 * </ul>
 *
 * <h2>Learning-rate schedules</h2>
 *
 * <p>{@link io.github.adjoint.optim.LrSchedule} gives the lr after {@code t} scheduler steps from
 * PyTorch's closed forms ({@code StepLR}, {@code ExponentialLR}, {@code CosineAnnealingLR},
 * {@code LinearLR}, {@code SequentialLR}); apply it with {@link
 * io.github.adjoint.optim.Optimizer#withLr(double)}.
 */
package io.github.adjoint.optim;
