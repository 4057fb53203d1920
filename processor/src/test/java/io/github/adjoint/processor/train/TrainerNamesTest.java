package io.github.adjoint.processor.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.optim.Sgd;
import io.github.adjoint.processor.testing.Compiled;
import io.github.adjoint.processor.testing.InMemoryCompiler;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * A trainer of a function whose parameters are named like the trainer's own members (the
 * optimizer argument, accumulate's result, the backward field, the kernels' arguments) and of
 * every data type compiles, and trains what it should: one SGD step moves each trained parameter
 * by lr times the gradient worked out by hand.
 */
class TrainerNamesTest {
  @Test
  void parametersNamedLikeTheTrainersMembers() throws Exception {
    Compiled c = InMemoryCompiler.compile(
        """
        package names;

        import io.github.adjoint.Differentiable;
        import io.github.adjoint.NoGrad;

        public final class M {
          @Differentiable
          static double f(double optimizer, double[] grad, double[][] param, @NoGrad double value,
              int backward, long scale, boolean optimizerCell, @NoGrad double[] w) {
            double s = optimizer * value + grad[0] * w[0] + param[0][1] * backward;
            return optimizerCell ? s * scale : s;
          }
        }
        """);
    Class<?> trainerClass = c.load("names.MFTrainer");
    Constructor<?> constructor = trainerClass.getConstructor(
        double.class, double[].class, double[][].class, Optimizer.class);
    double[] grad = {1.0};
    double[][] param = {{0.0, 2.0}};
    Object trainer = constructor.newInstance(0.5, grad, param, Sgd.of(0.1));
    Method accumulate = trainerClass.getMethod("accumulate",
        double.class, int.class, long.class, boolean.class, double[].class);
    // s = 0.5 * 3 + 1 * 4 + 2 * 5 = 15.5, times scale 2: 31
    double value = (double) accumulate.invoke(trainer, 3.0, 5, 2L, true, new double[] {4.0});
    assertEquals(31.0, value);
    trainerClass.getMethod("step").invoke(trainer);
    // gradients: d/doptimizer = value * scale = 6, d/dgrad[0] = w[0] * scale = 8,
    // d/dparam[0][1] = backward * scale = 10, d/dparam[0][0] = 0
    assertEquals(0.5 - 0.1 * 6, trainerClass.getField("optimizer").getDouble(trainer), 1e-15);
    assertEquals(1.0 - 0.1 * 8, grad[0], 1e-15);
    assertEquals(2.0 - 0.1 * 10, param[0][1], 1e-15);
    assertEquals(0.0, param[0][0]);
  }
}
