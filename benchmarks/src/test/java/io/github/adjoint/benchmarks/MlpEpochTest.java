package io.github.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The epoch benchmark's contenders do the same work: from the same start, two epochs of the
 * hand-written MLP and Adam leave the parameters the generated trainer in the training loop
 * leaves (to rounding: the two sum in different orders), with the same epoch losses.
 */
class MlpEpochTest {

  @Test
  void theHandWrittenEpochTrainsExactlyLikeTheGeneratedTrainerInTheLoop() {
    MlpEpoch epoch = new MlpEpoch();
    Object[] generated = epoch.start();
    Object[] handWritten = epoch.start();
    var loop = epoch.generated(generated);
    var hand = epoch.handWritten(handWritten);
    for (int e = 0; e < 2; e++) {
      double generatedLoss = loop.run().last().trainingLoss();
      double handLoss = hand.epoch(epoch.x, epoch.labels, MlpEpoch.BATCH, MlpEpoch.SEED);
      assertEquals(generatedLoss, handLoss, 1e-12 * generatedLoss, "epoch " + (e + 1));
    }
    double[] g = StyleCases.flat((double[][]) generated[0], (double[]) generated[1],
        (double[][]) generated[2], (double[]) generated[3]);
    double[] h = StyleCases.flat((double[][]) handWritten[0], (double[]) handWritten[1],
        (double[][]) handWritten[2], (double[]) handWritten[3]);
    double[] start = StyleCases.flat((double[][]) epoch.start()[0], (double[]) epoch.start()[1],
        (double[][]) epoch.start()[2], (double[]) epoch.start()[3]);
    double moved = 0;
    for (int i = 0; i < g.length; i++) {
      assertEquals(g[i], h[i], 1e-9 * Math.max(1, Math.abs(g[i])), "parameter " + i);
      moved = Math.max(moved, Math.abs(g[i] - start[i]));
    }
    assertTrue(moved > 1e-3, "training moved the parameters by at most " + moved);
  }
}
