package io.github.adjoint.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code adjoint train} end to end, in-process: what it prints, writes and exits with. */
class TrainCommandTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private static final Pattern SUMMARY = Pattern.compile(
      "iris \\(120 train, 30 test\\), softmax regression 4-3, Adam lr 0\\.01, batch 16, "
          + "3 epochs, seed 7: training loss (\\d+\\.\\d{4}), train accuracy (\\d+\\.\\d\\d) %, "
          + "test accuracy (\\d+\\.\\d\\d) %, \\d+\\.\\d s");

  @Test
  void trainsPrintsASummaryAndWritesCurvesAndHistory(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    Cli cli = Cli.run("train", "--data", "iris", "--model", "softmax", "--lr", "0.01",
        "--batch-size", "16", "--epochs", "3", "--seed", "7", "--out", out.toString());

    assertEquals(0, cli.exitCode(), cli.toString());
    assertEquals("", cli.err());
    Matcher summary = SUMMARY.matcher(cli.outLines().get(0));
    assertTrue(summary.matches(), cli.outLines().get(0));
    List<String> history = Files.readAllLines(out.resolve("iris-softmax-adam-history.csv"));
    assertEquals(HistoryCsv.HEADER, history.get(0));
    assertEquals(4, history.size(), history.toString());
    String[] last = history.get(3).split(",");
    assertEquals("3", last[0]);
    assertEquals(3 * 8, Long.parseLong(last[1]), "120 examples in batches of 16: 8 steps");
    assertEquals(summary.group(1), String.format(java.util.Locale.ROOT, "%.4f",
        Double.parseDouble(last[3])), "the summary's training loss is the last epoch's");
    for (String picture : List.of("iris-softmax-adam-loss.png", "iris-softmax-adam-accuracy.png")) {
      assertTrue(cli.out().contains("wrote " + out.resolve(picture)), cli.out());
      byte[] bytes = Files.readAllBytes(out.resolve(picture));
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), picture);
      assertTrue(bytes.length > 10_000, picture + " has " + bytes.length + " bytes");
    }
  }

  @Test
  void drawsOneProgressLinePerEpochWhereThereIsNoTerminal(@TempDir Path dir) {
    Cli cli = Cli.run("train", "--data", "iris", "--model", "softmax", "--epochs", "4",
        "--batch-size", "40", "--out", dir.toString());

    assertEquals(0, cli.exitCode(), cli.toString());
    List<String> lines = cli.progress().lines().toList();
    assertEquals(4, lines.size(), cli.progress());
    for (int epoch = 1; epoch <= 4; epoch++) {
      String line = lines.get(epoch - 1);
      assertTrue(line.contains(" " + 3 * epoch + "/12 batches"), line);
      assertTrue(line.contains("epoch " + epoch + "/4, loss "), line);
      assertTrue(line.contains("test accuracy "), line);
    }
  }

  /** --hidden N,M trains the two-hidden-layer MLP; three layers are a bad argument. */
  @Test
  void twoHiddenLayers(@TempDir Path dir) {
    Cli cli = Cli.run("train", "--no-progress", "--data", "iris", "--hidden", "12,6", "--keep",
        "0.9", "--epochs", "30", "--lr", "0.01", "--out", dir.toString());
    assertEquals(0, cli.exitCode(), cli.toString());
    String summary = cli.out().lines().filter(l -> l.contains("test accuracy")).findFirst()
        .orElseThrow(() -> new AssertionError(cli.toString()));
    assertTrue(summary.contains("MLP 4-12-6-3 (ReLU)"), summary);
    double accuracy = Double.parseDouble(
        summary.replaceAll(".*test accuracy (\\d+\\.\\d+) %.*", "$1"));
    assertTrue(accuracy >= 80, summary);
    Cli three = Cli.run("train", "--no-progress", "--data", "iris", "--hidden", "8,8,8");
    assertEquals(2, three.exitCode(), three.toString());
    assertTrue(three.err().lines().findFirst().orElse("").contains("one or two hidden layers"),
        three.toString());
  }

  /** With dropout, the checkpoint also carries the dropout stream, so the masks continue too. */
  @ParameterizedTest(name = "keep {0}")
  @ValueSource(strings = {"1", "0.5"})
  void aRunResumedFromItsCheckpointEqualsTheUninterruptedRun(String keep, @TempDir Path dir)
      throws IOException {
    String[] common = {"train", "--no-progress", "--data", "wine", "--hidden", "8",
        "--batch-size", "16", "--seed", "3", "--keep", keep};
    Cli whole = Cli.run(concat(common, "--epochs", "4", "--out", dir.resolve("a").toString()));
    Path checkpoint = dir.resolve("wine.ckpt");
    Cli first = Cli.run(concat(common, "--epochs", "2", "--checkpoint", checkpoint.toString(),
        "--out", dir.resolve("b").toString()));
    Cli resumed = Cli.run(concat(common, "--epochs", "4", "--resume", checkpoint.toString(),
        "--out", dir.resolve("b").toString()));

    assertEquals(0, whole.exitCode(), whole.toString());
    assertEquals(0, first.exitCode(), first.toString());
    assertEquals(0, resumed.exitCode(), resumed.toString());
    List<String> uninterrupted = Files.readAllLines(dir.resolve("a/wine-mlp-adam-history.csv"));
    List<String> continued = Files.readAllLines(dir.resolve("b/wine-mlp-adam-history.csv"));
    assertEquals(5, continued.size(), continued.toString());
    for (int row = 1; row <= 4; row++) {
      String[] expected = uninterrupted.get(row).split(",", -1);
      String[] actual = continued.get(row).split(",", -1);
      // Every column bit for bit; the training accuracy of epochs before the checkpoint is not
      // kept in it, so the resumed run leaves those cells empty.
      expected[5] = row <= 2 ? "" : expected[5];
      assertArrayEquals(expected, actual, "epoch " + row);
    }
    assertEquals(whole.out().replaceAll(", \\d+\\.\\d s", "").lines().findFirst(),
        resumed.out().replaceAll(", \\d+\\.\\d s", "").lines().findFirst());
  }

  @Test
  void theScheduleSetsTheLearningRateOfEachEpoch(@TempDir Path dir) throws IOException {
    Cli cli = Cli.run("train", "--no-progress", "--data", "iris", "--model", "softmax",
        "--lr", "0.08", "--schedule", "step:2:0.5", "--epochs", "5", "--out", dir.toString());

    assertEquals(0, cli.exitCode(), cli.toString());
    assertTrue(cli.out().contains(", Adam lr 0.08, schedule "), cli.out());
    List<String> history = Files.readAllLines(dir.resolve("iris-softmax-adam-history.csv"));
    double[] expected = {0.08, 0.08, 0.04, 0.04, 0.02}; // StepLR(step_size=2, gamma=0.5)
    for (int epoch = 1; epoch <= 5; epoch++) {
      assertEquals(expected[epoch - 1], Double.parseDouble(history.get(epoch).split(",")[2]),
          1e-17, "epoch " + epoch);
    }
  }

  @Test
  void dropoutChangesTrainingAndASeedRepeatsIt(@TempDir Path dir) throws IOException {
    List<List<String>> histories = new java.util.ArrayList<>();
    for (String keep : List.of("1", "0.5", "0.5")) {
      Path out = dir.resolve("keep" + histories.size());
      Cli cli = Cli.run("train", "--no-progress", "--data", "iris", "--hidden", "16",
          "--epochs", "3", "--keep", keep, "--out", out.toString());
      assertEquals(0, cli.exitCode(), cli.toString());
      assertTrue(cli.out().contains(", dropout keep 0.5, ") == keep.equals("0.5"), cli.out());
      histories.add(Files.readAllLines(out.resolve("iris-mlp-adam-history.csv")));
    }
    assertNotEquals(histories.get(0), histories.get(1));
    assertEquals(histories.get(1), histories.get(2));
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
