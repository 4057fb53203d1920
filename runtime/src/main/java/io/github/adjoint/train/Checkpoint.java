package io.github.adjoint.train;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Everything a training run needs to continue exactly where it was: the trainer's parameters and
 * optimizer state, the position in the run (epoch, mini-batch, shuffle and other random-stream
 * states), the learning-rate schedule's position, early stopping's best state and patience
 * counter, and the history so far. {@link TrainingLoop#resume(Path)} continues from one; a run
 * resumed from a checkpoint equals the uninterrupted run bit for bit.
 *
 * <p>On disk: the versioned binary format of {@link CheckpointCodec}, written atomically by
 * {@link #write(Path)} (a crash during a save leaves the previous file intact) and checked
 * completely by {@link #read(Path)} before anything is used.
 *
 * @param state the trainer's parameters, optimizer buffers and step count
 * @param optimizer the optimizer configuration as text (its record form), for the record; the
 *     optimizer kind is checked through {@code state}
 * @param examples the number of training examples per epoch
 * @param batchSize the mini-batch size
 * @param epoch the epochs completed
 * @param batch the mini-batches completed in the current epoch (0 at the end of an epoch)
 * @param shuffleState the shuffle generator's state at the start of the current epoch, before its
 *     order was drawn
 * @param epochLossSum the sum of the current epoch's losses so far (0 at the end of an epoch)
 * @param baseLr the learning rate the schedule scales
 * @param scheduleStep the schedule's position: scheduler steps taken
 * @param lr the learning rate in use
 * @param randomStreams other random streams' states by name (e.g. dropout's), sorted by name
 * @param best early stopping's best epoch so far; null without early stopping or before it
 * @param epochsWithoutImprovement early stopping's patience counter
 * @param history one result per completed epoch
 */
public record Checkpoint(
    TrainerState state,
    String optimizer,
    int examples,
    int batchSize,
    int epoch,
    int batch,
    long shuffleState,
    double epochLossSum,
    double baseLr,
    long scheduleStep,
    double lr,
    Map<String, Long> randomStreams,
    Best best,
    int epochsWithoutImprovement,
    List<EpochResult> history) {

  /**
   * Early stopping's best epoch.
   *
   * @param epoch the epoch, from 1
   * @param metric the watched metric's value then, signed so that lower is better
   * @param state the trainer's state at the end of that epoch
   */
  public record Best(int epoch, double metric, TrainerState state) {
    /** Checks for null. */
    public Best {
      Objects.requireNonNull(state, "state");
    }
  }

  /** Copies the collections; checks for null. */
  public Checkpoint {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(optimizer, "optimizer");
    randomStreams = java.util.Collections.unmodifiableMap(new TreeMap<>(randomStreams));
    history = List.copyOf(history);
  }

  /**
   * Writes this checkpoint to {@code file} atomically: to a temporary file in the same folder,
   * forced to the disk, then renamed over {@code file}. A crash at any moment leaves either the
   * previous file or the new one, never a mix.
   */
  public void write(Path file) throws IOException {
    write(file, UnaryOperator.identity());
  }

  /** {@link #write(Path)}, with the file's stream wrapped by {@code wrap} (tests inject faults). */
  void write(Path file, UnaryOperator<OutputStream> wrap) throws IOException {
    AtomicFile.write(file, CheckpointCodec.encode(this), wrap);
  }

  /**
   * Reads a checkpoint written by {@link #write(Path)}, after checking the whole file: the magic
   * bytes, the format version, the length and the checksum.
   *
   * @throws CheckpointFormatException naming the file and what is wrong with it
   */
  public static Checkpoint read(Path file) throws IOException {
    return CheckpointCodec.decode(file.toString(), java.nio.file.Files.readAllBytes(file));
  }
}
