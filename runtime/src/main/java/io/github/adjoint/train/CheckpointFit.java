package io.github.adjoint.train;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /**
   * What does not fit between a saved state and a trainer's current one, or null if nothing: the
   * parameters (entries without a dot) must be the same, of the same shapes; an optimizer buffer
   * ({@code parameter.buffer}) must belong to one of them and have its shape. Buffers need not
   * match: a trainer creates its buffers at its first step, and a restore replaces them.
   */
  static String shapeProblem(TrainerState saved, TrainerState current) {
    Map<String, TrainerState.Entry> parameters = new LinkedHashMap<>();
    for (TrainerState.Entry e : current.entries()) {
      if (e.name().indexOf('.') < 0) {
        parameters.put(e.name(), e);
      }
    }
    Set<String> savedNames = new HashSet<>();
    for (TrainerState.Entry e : saved.entries()) {
      savedNames.add(e.name());
      int dot = e.name().indexOf('.');
      String parameter = dot < 0 ? e.name() : e.name().substring(0, dot);
      TrainerState.Entry own = parameters.get(parameter);
      if (own == null) {
        return "its entry " + e.name() + " belongs to no parameter of this trainer "
            + parameters.keySet();
      }
      String shapeSaved = shape(e);
      String shapeOwn = shape(own);
      if (!shapeSaved.equals(shapeOwn)) {
        return e.name() + " is " + shapeSaved + " in the checkpoint, " + shapeOwn
            + " in this trainer";
      }
    }
    for (String name : parameters.keySet()) {
      if (!savedNames.contains(name)) {
        return "it has no entry " + name + ", a parameter of this trainer";
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
