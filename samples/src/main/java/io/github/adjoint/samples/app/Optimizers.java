package io.github.adjoint.samples.app;

import io.github.adjoint.optim.AdaGrad;
import io.github.adjoint.optim.Adam;
import io.github.adjoint.optim.AdamW;
import io.github.adjoint.optim.Optimizer;
import io.github.adjoint.optim.RmsProp;
import io.github.adjoint.optim.Sgd;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Optimizer configurations in words, as the summaries and tables print them. */
public final class Optimizers {
  private Optimizers() {}

  /** PyTorch's name of the optimizer: {@code SGD}, {@code Adagrad}, {@code RMSprop}, ... */
  public static String name(Optimizer optimizer) {
    if (optimizer instanceof Sgd) {
      return "SGD";
    } else if (optimizer instanceof AdaGrad) {
      return "AdaGrad";
    } else if (optimizer instanceof RmsProp) {
      return "RMSprop";
    } else if (optimizer instanceof Adam) {
      return "Adam";
    } else {
      return "AdamW";
    }
  }

  /** The same kind of optimizer with PyTorch's defaults and the learning rate {@code lr}. */
  static Optimizer defaults(Optimizer optimizer) {
    double lr = optimizer.lr();
    if (optimizer instanceof Sgd) {
      return Sgd.of(lr);
    } else if (optimizer instanceof AdaGrad) {
      return AdaGrad.of(lr);
    } else if (optimizer instanceof RmsProp) {
      return RmsProp.of(lr);
    } else if (optimizer instanceof Adam) {
      return Adam.of(lr);
    } else {
      return AdamW.of(lr);
    }
  }

  /**
   * The name, the learning rate and every hyperparameter that differs from PyTorch's default,
   * e.g. {@code SGD lr 0.05 momentum 0.9 nesterov}.
   */
  public static String describe(Optimizer optimizer) {
    Optimizer defaults = defaults(optimizer);
    List<String> words = new ArrayList<>(List.of(name(optimizer), "lr " + optimizer.lr()));
    for (RecordComponent component : optimizer.getClass().getRecordComponents()) {
      Object value = valueOf(component, optimizer);
      if (!component.getName().equals("lr") && !Objects.equals(value, valueOf(component, defaults))) {
        words.add(value.equals(Boolean.TRUE) ? component.getName()
            : component.getName() + " " + value);
      }
    }
    return String.join(" ", words);
  }

  private static Object valueOf(RecordComponent component, Optimizer optimizer) {
    try {
      return component.getAccessor().invoke(optimizer);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of " + optimizer, e);
    }
  }
}
