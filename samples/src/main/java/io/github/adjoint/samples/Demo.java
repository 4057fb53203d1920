package io.github.adjoint.samples;

/**
 * The main job: the lecture's two graphs differentiated by generated code, then the gradients of
 * logistic regression (breast cancer) and of an MLP (digits) checked on real data.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    System.out.println("== Backpropagation on the lecture's computational graphs");
    System.out.print(Lecture.report());
    System.out.println();
    System.out.println("== Gradient checks of generated code on real data");
    GradientCheck.main(args);
  }
}
