package io.github.adjoint.tape;

import java.util.Arrays;

/**
 * A last-in first-out stack of branch outcomes, one bit each, so the reverse sweep retraces the
 * branches a loop took. See {@link DoubleTape}.
 */
public final class BranchTape {
  private long[] words;
  private int size;

  public BranchTape() {
    this(64);
  }

  public BranchTape(int initialBits) {
    words = new long[Math.max(1, (initialBits + 63) >>> 6)];
  }

  public void push(boolean taken) {
    int word = size >>> 6;
    if (word == words.length) {
      words = Arrays.copyOf(words, Tapes.grow(words.length));
    }
    long bit = 1L << (size & 63);
    if (taken) {
      words[word] |= bit;
    } else {
      words[word] &= ~bit;
    }
    size++;
  }

  public boolean pop() {
    if (size == 0) {
      throw new IllegalStateException("pop from an empty tape: forward and reverse sweeps disagree");
    }
    size--;
    return (words[size >>> 6] & (1L << (size & 63))) != 0;
  }

  public int size() {
    return size;
  }

  public void clear() {
    size = 0;
  }
}
