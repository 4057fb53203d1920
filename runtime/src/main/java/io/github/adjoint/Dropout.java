package io.github.adjoint;

import io.github.adjoint.data.SplitMix64;

/**
 * The random stream behind {@link Functions#dropout}: inverted dropout's masks, one draw per call,
 * from a SplitMix64 generator per thread (like PyTorch's global generator that {@code
 * torch.manual_seed} sets, but one per thread, so that threads never race on it).
 *
 * <p>{@link #seed(long)} makes a run reproducible; {@link #state()} and {@link #state(long)} save
 * and restore the stream in a checkpoint, so a resumed run draws the masks the uninterrupted run
 * would have drawn ({@code TrainingLoop.randomStream("dropout", Dropout::state, Dropout::state)}
 * does that for the training loop's checkpoints). A thread that never seeds starts from {@link
 * #DEFAULT_SEED}: every such thread draws the same masks, so seed each worker thread with a seed
 * of its own.
 *
 * <p>Generated backward classes draw through {@link #scale(double)} in their forward sweep exactly
 * as the method itself does through {@link Functions#dropout}, so {@code compute} returns the
 * method's value bit for bit from the same state, and leaves the stream where the method would.
 */
public final class Dropout {
  /** The state of a thread's stream before any {@link #seed}. */
  public static final long DEFAULT_SEED = 0x5DEECE66DL;

  private static final ThreadLocal<SplitMix64> STREAM =
      ThreadLocal.withInitial(() -> new SplitMix64(DEFAULT_SEED));

  private Dropout() {}

  /** Restarts this thread's stream from {@code seed}: the same seed gives the same masks. */
  public static void seed(long seed) {
    STREAM.get().state(seed);
  }

  /** This thread's stream state, to save in a checkpoint and give back to {@link #state(long)}. */
  public static long state() {
    return STREAM.get().state();
  }

  /** Sets this thread's stream state, as {@link #state()} returned it. */
  public static void state(long state) {
    STREAM.get().state(state);
  }

  /**
   * One unit's inverted-dropout factor: {@code 1 / keep} with probability {@code keep}, else
   * {@code 0.0}, so that the expected value of {@code x * scale(keep)} is {@code x}. At {@code keep
   * == 1} (inference) it is {@code 1.0} and draws nothing.
   *
   * @param keep the probability of keeping a unit, in (0, 1] (the lecture's "threshold": 0.7 drops
   *     a unit with probability 0.3)
   * @throws IllegalArgumentException if {@code keep} is outside (0, 1] or NaN
   */
  public static double scale(double keep) {
    if (!(keep > 0.0 && keep <= 1.0)) {
      throw new IllegalArgumentException(
          "Dropout: invalid keep = " + keep + "; valid range: 0 < keep <= 1 (keep = 1 is inference)");
    }
    if (keep == 1.0) {
      return 1.0;
    }
    return STREAM.get().nextDouble() < keep ? 1.0 / keep : 0.0;
  }
}
