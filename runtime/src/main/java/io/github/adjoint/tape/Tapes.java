package io.github.adjoint.tape;

/** Growth policy shared by the tapes. */
final class Tapes {
  /** Java arrays cannot be longer than this on common JVMs. */
  private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

  private Tapes() {}

  static int grow(int length) {
    if (length >= MAX_LENGTH) {
      throw new OutOfMemoryError("tape cannot grow beyond " + MAX_LENGTH + " entries");
    }
    return (int) Math.min(MAX_LENGTH, Math.max(16L, 2L * length));
  }
}
