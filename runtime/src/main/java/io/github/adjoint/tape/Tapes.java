package io.github.adjoint.tape;

/**
 * What the primitive tapes share: their size, their growth policy and the check that the reverse
 * sweep never pops more than the forward sweep pushed. Each tape stores its own primitive type,
 * so none boxes.
 */
abstract class Tapes {
  /** Java arrays cannot be longer than this on common JVMs. */
  private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

  int size;

  public final int size() {
    return size;
  }

  /** Empties the tape and keeps its capacity. */
  public final void clear() {
    size = 0;
  }

  /** The index to pop, failing loudly when the sweeps disagree. */
  final int top() {
    if (size == 0) {
      throw new IllegalStateException("pop from an empty tape: forward and reverse sweeps disagree");
    }
    return --size;
  }

  static int grow(int length) {
    if (length >= MAX_LENGTH) {
      throw new OutOfMemoryError("tape cannot grow beyond " + MAX_LENGTH + " entries");
    }
    return (int) Math.min(MAX_LENGTH, Math.max(16L, 2L * length));
  }
}
