package io.github.adjoint.samples.paths;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lecture's convergence-path pictures: SGD, momentum, Nesterov, AdaGrad, RMSprop and Adam
 * from one start on the ravine and on Rosenbrock's valley, each trained through its generated
 * trainer, drawn over the function's level lines as PNG and SVG. The demo and the command line
 * call {@link #write(Path)} with the folder to write into.
 */
public final class ConvergencePaths {
  private ConvergencePaths() {}

  /** Where the pictures go when no folder is given, relative to the working directory. */
  public static final Path DEFAULT_FOLDER = Path.of("target", "adjoint-demo");

  /**
   * For every landscape of {@link Landscapes#all()}, writes its paths as {@code <name>.png} and
   * {@code <name>.svg}, and their losses step by step as {@code <name>-loss.png} and {@code
   * <name>-loss.svg}, into {@code folder} (created if needed); returns the files written, in
   * order.
   */
  public static List<Path> write(Path folder) {
    List<Path> files = new ArrayList<>();
    for (Landscape landscape : Landscapes.all()) {
      List<Trajectory> paths = landscape.descendAll();
      files.addAll(PathPicture.write(
          PathPicture.paths(landscape, paths), folder, landscape.name()));
      files.addAll(PathPicture.write(
          PathPicture.losses(landscape, paths), folder, landscape.name() + "-loss"));
    }
    return files;
  }

  /** Writes the pictures into the folder given as the only argument, or {@link #DEFAULT_FOLDER}. */
  public static void main(String[] args) {
    if (args.length > 1) {
      System.err.println("usage: ConvergencePaths [output-folder]");
      System.exit(2);
    }
    Path folder = args.length == 1 ? Path.of(args[0]) : DEFAULT_FOLDER;
    for (Path file : write(folder)) {
      System.out.println("wrote " + file.toAbsolutePath().normalize());
    }
  }
}
