package io.github.adjoint.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TapesTest {
  @Test
  void doubleTapePopsInReverseOrderAcrossGrowth() {
    DoubleTape tape = new DoubleTape(1);
    for (int i = 0; i < 1_000_000; i++) {
      tape.push(i * 0.5);
    }
    assertEquals(1_000_000, tape.size());
    for (int i = 999_999; i >= 0; i--) {
      assertEquals(i * 0.5, tape.pop());
    }
    assertEquals(0, tape.size());
  }

  @Test
  void intTapePopsInReverseOrder() {
    IntTape tape = new IntTape(2);
    for (int i = 0; i < 100; i++) {
      tape.push(i * 7 - 3);
    }
    for (int i = 99; i >= 0; i--) {
      assertEquals(i * 7 - 3, tape.pop());
    }
  }

  @Test
  void branchTapeKeepsEveryBitAcrossWordBoundaries() {
    BranchTape tape = new BranchTape(1);
    boolean[] bits = new boolean[1000];
    Random random = new Random(42);
    for (int i = 0; i < bits.length; i++) {
      bits[i] = random.nextBoolean();
      tape.push(bits[i]);
    }
    for (int i = bits.length - 1; i >= 0; i--) {
      assertEquals(bits[i], tape.pop(), "bit " + i);
    }
  }

  @Test
  void branchTapeOverwritesStaleBitsAfterClear() {
    BranchTape tape = new BranchTape();
    tape.push(true);
    tape.push(true);
    tape.clear();
    tape.push(false);
    tape.push(false);
    assertEquals(false, tape.pop());
    assertEquals(false, tape.pop());
  }

  @Test
  void popFromEmptyTapeFailsLoudly() {
    assertThrows(IllegalStateException.class, () -> new DoubleTape().pop());
    assertThrows(IllegalStateException.class, () -> new IntTape().pop());
    assertThrows(IllegalStateException.class, () -> new BranchTape().pop());
  }

  @Test
  void clearKeepsTheTapeUsable() {
    DoubleTape tape = new DoubleTape();
    tape.push(1.0);
    tape.clear();
    assertEquals(0, tape.size());
    tape.push(2.0);
    assertEquals(2.0, tape.pop());
  }
}
