package io.github.adjoint.train;

import io.github.adjoint.data.Dataset;
import io.github.adjoint.data.Split;
import io.github.adjoint.optim.Optimizer;

/** The data and the loop configuration the training tests share. */
final class Fixture {
  private Fixture() {}

  /** 150 examples, 4 features, 3 classes; 120 to train on, 30 held out; standardized. */
  static final Split DATA = Blobs.of(150, 4, 3, 7).split(0.2, 3).standardized();

  static SoftmaxTrainer trainer(Optimizer optimizer) {
    return SoftmaxTrainer.random(3, 4, optimizer, 99);
  }

  /**
   * A loop over the training part in mini-batches of 16 (8 per epoch, the last of 8 examples),
   * evaluated on the test part, with the trainer's dropout stream registered.
   */
  static TrainingLoop<SoftmaxTrainer> loop(SoftmaxTrainer trainer) {
    Dataset train = DATA.train();
    Dataset test = DATA.test();
    return TrainingLoop.of(trainer, train.size(),
            (t, i) -> t.accumulate(train.x()[i], train.label(i)))
        .batchSize(16)
        .seed(5)
        .evaluation(t -> Evaluation.of(test.size(),
            i -> t.loss(test.x()[i], test.label(i)),
            i -> t.predict(test.x()[i]) == test.label(i)))
        .randomStream("dropout", trainer.dropout::state, trainer.dropout::state);
  }
}
