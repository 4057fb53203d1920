package io.github.adjoint.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures while training: exit code 1 and exactly one line on the standard error that says what
 * went wrong and where; no usage (the arguments were fine) and no stack trace.
 */
class FailuresTest {

  private static void assertOneLineFailure(Cli cli, String... parts) {
    assertEquals(1, cli.exitCode(), cli.toString());
    List<String> err = cli.errLines();
    assertEquals(1, err.size(), cli.toString());
    assertTrue(err.get(0).startsWith("adjoint train: "), cli.toString());
    for (String part : parts) {
      assertTrue(err.get(0).contains(part), "'" + part + "' in " + err.get(0));
    }
  }

  @Test
  void aMalformedCsvNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "a,b,label\n1,2,0\n3,x,1\n");

    Cli cli = Cli.run("train", "--no-progress", "--data", csv.toString());

    assertOneLineFailure(cli, csv + ":3: column 2: 'x' is not a number (feature 'b')");
  }

  @Test
  void anEmptyCsvIsAnError(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("empty.csv");
    Files.writeString(csv, "");

    assertOneLineFailure(Cli.run("train", "--no-progress", "--data", csv.toString()),
        csv + ":1: the file is empty");
  }

  @Test
  void aMissingFileNamesTheShippedDataSets() {
    assertOneLineFailure(Cli.run("train", "--no-progress", "--data", "no/such.csv"),
        "no/such.csv: no such file", "breast_cancer, digits, iris, wine");
  }

  @Test
  void aDivergedRunNamesEpochAndStepAndSuggestsALowerLearningRate(@TempDir Path dir) {
    Cli cli = Cli.run("train", "--no-progress", "--optimizer", "sgd", "--lr", "1e4",
        "--out", dir.toString());

    assertOneLineFailure(cli, "training diverged: ", "in epoch 1, step ",
        "Try a lower learning rate than 10000.0");
    assertFalse(Files.exists(dir.resolve("digits-mlp-sgd-history.csv")));
  }

  @Test
  void aCheckpointOfAnotherModelDoesNotFit(@TempDir Path dir) {
    Path checkpoint = dir.resolve("iris.ckpt");
    Cli first = Cli.run("train", "--no-progress", "--data", "iris", "--hidden", "8",
        "--epochs", "1", "--checkpoint", checkpoint.toString(), "--out", dir.toString());
    assertEquals(0, first.exitCode(), first.toString());

    Cli cli = Cli.run("train", "--no-progress", "--data", "iris", "--hidden", "6",
        "--epochs", "2", "--resume", checkpoint.toString(), "--out", dir.toString());

    assertOneLineFailure(cli, "the checkpoint " + checkpoint + " does not fit: ",
        "w1 is a 8 x 4 matrix in the checkpoint, a 6 x 4 matrix in this trainer");
  }

  @Test
  void aTruncatedCheckpointIsAnErrorNotAHalfLoadedModel(@TempDir Path dir) throws IOException {
    Path checkpoint = dir.resolve("iris.ckpt");
    Cli first = Cli.run("train", "--no-progress", "--data", "iris", "--epochs", "1",
        "--checkpoint", checkpoint.toString(), "--out", dir.toString());
    assertEquals(0, first.exitCode(), first.toString());
    byte[] bytes = Files.readAllBytes(checkpoint);
    Files.write(checkpoint, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    Cli cli = Cli.run("train", "--no-progress", "--data", "iris", "--epochs", "2",
        "--resume", checkpoint.toString(), "--out", dir.toString());

    assertOneLineFailure(cli, checkpoint + " is truncated or corrupted");
  }

  @Test
  void logisticRegressionOnThreeClassesSaysWhatToUseInstead() {
    assertOneLineFailure(Cli.run("train", "--no-progress", "--data", "wine", "--model",
        "logistic"), "logistic regression separates 2 classes, the data has 3: use softmax or mlp");
  }
}
