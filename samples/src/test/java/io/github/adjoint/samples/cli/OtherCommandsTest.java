package io.github.adjoint.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lecture}, {@code gradcheck} and {@code demo}, in-process. */
class OtherCommandsTest {

  @Test
  void lecturePrintsBothGraphsWithTheGeneratedGradients() {
    Cli cli = Cli.run("lecture");

    assertEquals(0, cli.exitCode(), cli.toString());
    assertTrue(cli.out().contains("LectureExamplesFBackward.compute(-2, 5, -4) = -12"), cli.out());
    assertTrue(cli.out().contains("gradient (df/dx, df/dy, df/dz) = (-4, -4, 3)"), cli.out());
    assertTrue(cli.out().contains("LectureExamplesNeuronBackward.compute(2, -3, -3, -1, -2) = "
        + "0.7311"), cli.out());
  }

  @Test
  void gradcheckPassesOnBothModels() {
    Cli cli = Cli.run("gradcheck");

    assertEquals(0, cli.exitCode(), cli.toString());
    assertEquals(2, cli.out().lines().filter(l -> l.endsWith(": PASS")).count(), cli.out());
  }

  @Test
  void pathsWritesThePicturesItNames(@TempDir Path dir) {
    Cli cli = Cli.run("paths", "--out", dir.toString());

    assertEquals(0, cli.exitCode(), cli.toString());
    for (String picture : new String[] {"ravine.png", "ravine.svg", "rosenbrock.png",
        "rosenbrock.svg"}) {
      assertTrue(cli.out().contains("wrote " + dir.resolve(picture) + "\n"), cli.out());
      assertTrue(Files.isRegularFile(dir.resolve(picture)), picture);
    }
  }

  @Test
  void theQuickDemoRunsEveryPartAndNamesItsPictures(@TempDir Path dir) {
    Path folder = dir.resolve("demo");
    Cli cli = Cli.run("demo", "--quick", "--out", folder.toString());

    assertEquals(0, cli.exitCode(), cli.toString());
    String out = cli.out();
    assertTrue(out.contains("== Backpropagation on the lecture's computational graphs"), out);
    assertTrue(out.contains("digits (1438 train, 359 test), MLP 64-64-10 (ReLU), Adam lr 0.001, "
        + "batch 32, 2 epochs, seed 42: "), out);
    for (String optimizer : new String[] {"| SGD | SGD lr 0.05 |", "| SGD + momentum |",
        "| AdaGrad |", "| RMSprop |", "| Adam |"}) {
      assertTrue(out.contains(optimizer), optimizer + " in\n" + out);
    }
    assertTrue(out.contains("| none | "), out);
    assertTrue(out.contains("== Pictures in " + folder.toAbsolutePath().normalize()), out);
    assertTrue(out.contains("| dropout keep 0.5 + L2 λ = 0.001 | "), out);
    for (String picture : new String[] {"flagship-loss.png", "flagship-accuracy.png",
        "optimizers-loss.png", "regularization-loss.png", "ravine.png", "rosenbrock.png"}) {
      assertTrue(out.contains("  " + picture + "\n"), picture + " in\n" + out);
      assertTrue(Files.isRegularFile(folder.resolve(picture)), picture);
    }
  }
}
