package io.github.adjoint.data;

/**
 * A small, fast, seeded random number generator whose whole state is one {@code long}, so it can
 * be saved in a checkpoint and set back: Steele, Lea and Flood's SplitMix64 (the generator behind
 * {@link java.util.SplittableRandom}, which yields the same {@link #nextLong()} sequence for the
 * same seed). The same seed gives the same sequence on every JVM.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class SplitMix64 {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  /** A generator whose sequence is determined by {@code seed}. */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** The whole state: a generator set to it continues exactly where this one is. */
  public long state() {
    return state;
  }

  /** Sets the state saved by {@link #state()}. */
  public void state(long state) {
    this.state = state;
  }

  /** The next 64 random bits. */
  public long nextLong() {
    long z = (state += GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * A uniformly distributed {@code int} in {@code [0, bound)}, without modulo bias: 31-bit draws
   * that fall into the incomplete last block of {@code bound} values are drawn again.
   */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, was " + bound);
    }
    while (true) {
      int bits = (int) (nextLong() >>> 33);
      int value = bits % bound;
      if (bits - value + (bound - 1) >= 0) { // no int overflow: bits is in a complete block
        return value;
      }
    }
  }

  /** A uniformly distributed {@code double} in {@code [0, 1)}, a multiple of 2^-53. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Shuffles {@code values} in place (Fisher-Yates: every order is equally likely). */
  public void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  /** {@code 0..n-1} in a random order. */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffle(p);
    return p;
  }
}
