package io.github.adjoint.samples;

import io.github.adjoint.samples.paths.ConvergencePaths;
import java.nio.file.Path;
import java.util.List;

/**
 * The main job: the lecture's two graphs differentiated by generated code, the gradients of
 * logistic regression (breast cancer) and of an MLP (digits) checked on real data, then the
 * optimizers' convergence paths drawn into a folder: the only argument, or {@code
 * target/adjoint-demo} under the working directory.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    if (args.length > 1) {
      System.err.println("usage: Demo [output-folder]");
      System.exit(2);
    }
    Path folder = args.length == 1 ? Path.of(args[0]) : ConvergencePaths.DEFAULT_FOLDER;
    System.out.println("== Backpropagation on the lecture's computational graphs");
    System.out.print(Lecture.report());
    System.out.println();
    System.out.println("== Gradient checks of generated code on real data");
    GradientCheck.main(new String[0]);
    System.out.println();
    System.out.println("== Convergence paths of SGD, momentum, Nesterov, AdaGrad, RMSprop and Adam");
    List<Path> files = ConvergencePaths.write(folder);
    System.out.println("wrote the pictures to " + folder.toAbsolutePath().normalize() + ":");
    for (Path file : files) {
      System.out.println("  " + file.getFileName());
    }
  }
}
