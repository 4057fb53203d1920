package io.github.adjoint.samples.app;

import io.github.adjoint.Dropout;
import io.github.adjoint.data.Dataset;
import io.github.adjoint.data.Split;
import io.github.adjoint.train.EarlyStopping;
import io.github.adjoint.train.EpochResult;
import io.github.adjoint.train.Evaluation;
import io.github.adjoint.train.Trainer;
import io.github.adjoint.train.TrainingListener;
import io.github.adjoint.train.TrainingLoop;
import io.github.adjoint.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Trains one {@link RunConfig} on a split through the runtime's {@link TrainingLoop}: the model's
 * generated trainer, the shuffled mini-batches, the test set as the evaluation hook, checkpoints
 * and resume, and the training accuracy after every epoch (for the curves).
 */
public final class TrainingRun {
  private TrainingRun() {}

  /**
   * Trains {@code config}'s model on {@code split.train()} (its first {@code trainExamples}
   * examples, if set), evaluated on {@code split.test()} after every epoch.
   *
   * @param dataName the data set's name, for the result
   * @param split the data, standardized
   * @throws io.github.adjoint.train.DivergenceException if the loss becomes NaN or infinite
   * @throws IOException if a checkpoint cannot be read or written
   * @throws IllegalArgumentException if the data does not suit the model, or the checkpoint to
   *     resume from does not fit the run
   */
  public static RunResult run(String dataName, Split split, RunConfig config, Progress progress)
      throws IOException {
    Dataset train = config.trainExamples() == 0 || config.trainExamples() >= split.train().size()
        ? split.train() : split.train().rows(0, config.trainExamples());
    Dataset test = split.test();
    if (test.size() == 0) {
      throw new IllegalArgumentException("the test part is empty: use a test fraction above 0");
    }
    Model model = Model.create(config.model(), train.features(), train.classes(), config.hidden(),
        config.keep(), config.optimizer(), config.seed());
    model.l1(config.l1());
    model.l2(config.l2());

    double[][] x = train.x();
    TrainingLoop<Trainer> loop = TrainingLoop
        .of(model.trainer(), train.size(), (t, i) -> model.accumulate(x[i], train.label(i)))
        .epochs(config.epochs())
        .batchSize(config.batchSize())
        .seed(config.seed())
        .evaluation(t -> evaluate(model, test));
    if (config.schedule() != null) {
      loop.schedule(config.schedule(), TrainingLoop.ScheduleUnit.EPOCH);
    }
    if (config.patience() > 0) {
      loop.earlyStopping(EarlyStopping.onValidationLoss(config.patience()));
    }
    if (config.checkpoint() != null) {
      loop.checkpoint(config.checkpoint());
    }
    if (config.keep() < 1) {
      // The masks come from this thread's dropout stream: seeded, and saved in checkpoints so
      // that a resumed run draws the masks the uninterrupted run would have drawn.
      Dropout.seed(config.seed());
      loop.randomStream("dropout", Dropout::state, Dropout::state);
    }

    int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
    int epochsDone = config.resume() == null ? 0 : checkpointEpochs(config.resume());
    List<Double> trainAccuracies = new ArrayList<>(Collections.nCopies(epochsDone, Double.NaN));
    String data = dataName + " (" + train.size() + " train, " + test.size() + " test)";
    long start = System.nanoTime();
    TrainingResult result;
    try (Progress.Bar bar = progress.start(
        model.describe() + ", " + Optimizers.name(config.optimizer()), config.epochs(), batches,
        epochsDone)) {
      loop.listener(new TrainingListener() {
        @Override
        public void batchDone(int epoch, int batch, int count, long step, double meanLoss) {
          bar.batchDone(epoch, batch, count, step, meanLoss);
        }

        @Override
        public void epochDone(EpochResult epoch) {
          trainAccuracies.add(accuracy(model, train));
          bar.epochDone(epoch);
        }

        @Override
        public void checkpointSaved(Path file, int epoch, int batch) {
          bar.checkpointSaved(file, epoch, batch);
        }
      });
      result = config.resume() == null ? loop.run() : loop.resume(config.resume());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Evaluation finalTest = evaluate(model, test);
    return new RunResult(data, model.describe(), config, result.history(), trainAccuracies,
        accuracy(model, train), finalTest.accuracy(), finalTest.loss(), seconds,
        result.stoppedEarly(), result.bestEpoch());
  }

  /** The mean inference loss and the accuracy of {@code model} on {@code data}. */
  static Evaluation evaluate(Model model, Dataset data) {
    double[][] x = data.x();
    return Evaluation.of(data.size(), i -> model.loss(x[i], data.label(i)),
        i -> model.predict(x[i]) == data.label(i));
  }

  /** The fraction of {@code data} that {@code model} classifies correctly. */
  static double accuracy(Model model, Dataset data) {
    double[][] x = data.x();
    int right = 0;
    for (int i = 0; i < data.size(); i++) {
      right += model.predict(x[i]) == data.label(i) ? 1 : 0;
    }
    return (double) right / data.size();
  }

  private static int checkpointEpochs(Path file) throws IOException {
    return io.github.adjoint.train.Checkpoint.read(file).epoch();
  }
}
