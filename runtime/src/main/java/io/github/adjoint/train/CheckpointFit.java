package io.github.adjoint.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks that a checkpoint fits a trainer and a loop before anything of it is loaded. */
final class CheckpointFit {
  private CheckpointFit() {}

  /**
   * @throws IllegalArgumentException naming the file and the first thing that does not fit
   */
  static void require(Path file, Checkpoint c, TrainerState current, int examples, int batchSize,
      Set<String> streams) {
    String problem = problem(c, current, examples, batchSize, streams);
    if (problem != null) {
      throw new IllegalArgumentException("the checkpoint " + file + " does not fit: " + problem);
    }
  }

  private static String problem(Checkpoint c, TrainerState current, int examples, int batchSize,
      Set<String> streams) {
    TrainerState saved = c.state();
    if (!saved.function().equals(current.function())) {
      return "it trains " + saved.function() + ", this trainer " + current.function();
    }
    if (!saved.optimizer().equals(current.optimizer())) {
      return "it was made with the optimizer " + saved.optimizer() + ", this trainer uses "
          + current.optimizer();
    }
    String shapes = shapeProblem(saved, current);
    if (shapes == null && c.best() != null) {
      shapes = shapeProblem(c.best().state(), current);
    }
    if (shapes != null) {
      return shapes;
    }
    if (c.examples() != examples) {
      return "it was taken training on " + c.examples() + " examples, this loop has " + examples;
    }
    if (c.batchSize() != batchSize) {
      return "it was taken with mini-batches of " + c.batchSize() + ", this loop's are "
          + batchSize;
    }
    int batches = (examples + batchSize - 1) / batchSize;
    if (c.epoch() < 0 || c.batch() < 0 || c.batch() >= batches) {
      return "its position (epoch " + c.epoch() + ", mini-batch " + c.batch()
          + ") is not one of this loop's " + batches + " mini-batches per epoch";
    }
    if (!c.randomStreams().keySet().equals(new TreeSet<>(streams))) {
      return "it holds the random streams " + c.randomStreams().keySet()
          + ", this loop registers " + new TreeSet<>(streams);
    }
    return null;
  }

  /** What differs between the entries of two states, or null if they have the same shapes. */
  static String shapeProblem(TrainerState saved, TrainerState current) {
    List<TrainerState.Entry> a = saved.entries();
    List<TrainerState.Entry> b = current.entries();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i >= a.size()) {
        return "it has no entry " + b.get(i).name() + ", which this trainer has";
      }
      if (i >= b.size() || !a.get(i).name().equals(b.get(i).name())) {
        return "its entry " + a.get(i).name() + " is not this trainer's"
            + (i < b.size() ? " (expected " + b.get(i).name() + " there)" : "");
      }
      String shapeA = shape(a.get(i));
      String shapeB = shape(b.get(i));
      if (!shapeA.equals(shapeB)) {
        return a.get(i).name() + " is " + shapeA + " in the checkpoint, " + shapeB
            + " in this trainer";
      }
    }
    return null;
  }

  /** The shape in words: "a scalar", "a vector of 10", "a 64 x 32 matrix", "a jagged matrix". */
  private static String shape(TrainerState.Entry e) {
    double[][] rows = e.rows();
    return switch (e.kind()) {
      case SCALAR -> "a scalar";
      case VECTOR -> "a vector of " + rows[0].length;
      case MATRIX -> {
        StringBuilder lengths = new StringBuilder();
        boolean rectangular = true;
        for (double[] row : rows) {
          lengths.append(lengths.length() == 0 ? "" : ", ").append(row.length);
          rectangular &= row.length == rows[0].length;
        }
        yield rows.length == 0 ? "a matrix of no rows"
            : rectangular ? "a " + rows.length + " x " + rows[0].length + " matrix"
            : "a jagged matrix of rows " + lengths;
      }
    };
  }
}
