package io.github.adjoint.tape;

import java.util.Arrays;

/**
 * A last-in first-out stack of branch outcomes, one bit each, so the reverse sweep retraces the
 * branches a loop took. See {@link DoubleTape}.
 */
public final class BranchTape extends Tapes {
  private long[] words;

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
    int bit = top();
    return (words[bit >>> 6] & (1L << (bit & 63))) != 0;
  }
}
