package io.github.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BuffersTest {
  @Test
  void zeroedReusesAndClearsABufferOfTheRightLength() {
    double[] buffer = {1, 2, 3};
    assertSame(buffer, Buffers.zeroed(buffer, 3));
    assertArrayEquals(new double[3], buffer);
    assertNotSame(buffer, Buffers.zeroed(buffer, 4));
    assertEquals(4, Buffers.zeroed(buffer, 4).length);
  }

  @Test
  void zeroedMatrixHasTheRequestedShape() {
    double[][] m = Buffers.zeroed(null, 2, 3);
    m[1][2] = 5;
    double[][] again = Buffers.zeroed(m, 2, 3);
    assertSame(m, again);
    assertEquals(0.0, again[1][2]);
  }

  @Test
  void ofLengthKeepsABufferOfThatLengthAsItIs() {
    double[] b = {1, 2, 3};
    assertSame(b, Buffers.ofLength(b, 3));
    assertArrayEquals(new double[] {1, 2, 3}, b, "not zeroed: the caller writes every entry first");
    assertArrayEquals(new double[4], Buffers.ofLength(b, 4));
    assertArrayEquals(new double[2], Buffers.ofLength(null, 2));
  }

  @Test
  void atLeastKeepsABufferThatIsLongEnough() {
    double[] b = {1, 2, 3};
    assertSame(b, Buffers.atLeast(b, 2));
    assertArrayEquals(new double[] {1, 2, 3}, b);
    assertEquals(5, Buffers.atLeast(b, 5).length);
    assertEquals(0, Buffers.atLeast((double[]) null, -4).length);
  }

  @Test
  void atLeastOfIntsKeepsABufferThatIsLongEnough() {
    int[] b = {1, 2, 3};
    assertSame(b, Buffers.atLeast(b, 3));
    assertArrayEquals(new int[] {1, 2, 3}, b);
    assertEquals(4, Buffers.atLeast(b, 4).length);
    assertEquals(0, Buffers.atLeast((int[]) null, -1).length);
  }

  @Test
  void zeroFromClearsOnlyTheEntriesFromTheIndexOn() {
    double[] g = {1, 2, 3, 4};
    Buffers.zeroFrom(g, 2);
    assertArrayEquals(new double[] {1, 2, 0, 0}, g);
    Buffers.zeroFrom(g, 9);
    assertArrayEquals(new double[] {1, 2, 0, 0}, g);
    Buffers.zeroFrom(g, -3);
    assertArrayEquals(new double[4], g);
    Buffers.zeroFrom((double[]) null, 0);
  }

  @Test
  void zeroFromClearsWholeRowsOfAMatrix() {
    double[][] g = {{1, 2}, null, {3}, {4, 5}};
    Buffers.zeroFrom(g, 2);
    assertArrayEquals(new double[] {1, 2}, g[0]);
    assertNull(g[1]);
    assertArrayEquals(new double[1], g[2]);
    assertArrayEquals(new double[2], g[3]);
    Buffers.zeroFrom(g, -1);
    assertArrayEquals(new double[2], g[0]);
  }

  @Test
  void shapedKeepsAccumulatedValuesWhenTheShapeFits() {
    double[] g = {1, 2};
    assertSame(g, Buffers.shaped(g, new double[2]));
    assertArrayEquals(new double[] {1, 2}, g);
    assertArrayEquals(new double[3], Buffers.shaped(g, new double[3]));
  }

  @Test
  void shapedFollowsJaggedRows() {
    double[][] like = {new double[1], new double[3]};
    double[][] g = Buffers.shaped(null, like);
    assertEquals(1, g[0].length);
    assertEquals(3, g[1].length);
    g[1][2] = 7;
    assertSame(g, Buffers.shaped(g, like));
    assertEquals(7, g[1][2]);
    assertNull(Buffers.shaped((double[][]) null, null));
  }

  @Test
  void zeroedLikeCopiesTheShapeOnly() {
    double[][] like = {{1, 2}, {3}};
    double[][] z = Buffers.zeroedLike(null, like);
    assertArrayEquals(new double[2], z[0]);
    assertArrayEquals(new double[1], z[1]);
  }

  @Test
  void matrixFormsKeepRowsThatFitAndReplaceOnlyTheOnesThatChanged() {
    double[] kept = {4, 5};
    double[] stale = {6};
    double[][] g = {kept, stale, {7}};
    double[][] like = {new double[2], new double[3], null};
    assertSame(g, Buffers.shaped(g, like));
    assertSame(kept, g[0]);
    assertArrayEquals(new double[] {4, 5}, g[0]);
    assertArrayEquals(new double[3], g[1]);
    assertNull(g[2]);

    double[][] z = {kept, stale, {8}};
    assertSame(z, Buffers.zeroedLike(z, like));
    assertSame(kept, z[0]);
    assertArrayEquals(new double[2], z[0]);
    assertArrayEquals(new double[3], z[1]);
    assertNull(z[2]);

    double[] row = {1, 2, 3};
    double[][] m = {row, {1}};
    assertSame(m, Buffers.zeroed(m, 2, 3));
    assertSame(row, m[0]);
    assertArrayEquals(new double[3], m[0]);
    assertArrayEquals(new double[3], m[1]);
  }

  @Test
  void zeroClearsEveryRowAndToleratesNull() {
    double[][] g = {{1, 2}, {3}};
    Buffers.zero(g);
    assertArrayEquals(new double[2], g[0]);
    assertArrayEquals(new double[1], g[1]);
    Buffers.zero((double[]) null);
    Buffers.zero((double[][]) null);
  }

  @Test
  void addScaledAddsAScaledCopyRowByRow() {
    double[][] target = {{1, 2}, {3}};
    Buffers.addScaled(target, 2.0, new double[][] {{10, 20}, {30}});
    assertArrayEquals(new double[] {21, 42}, target[0]);
    assertArrayEquals(new double[] {63}, target[1]);
  }
}
