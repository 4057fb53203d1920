package io.github.adjoint.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad arguments: exit code 2, a one-line error naming what is wrong, the command's short usage and
 * where the help is; nothing on the standard output and no training.
 */
class ArgumentErrorsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--lr -1                          | Adam: invalid lr = -1.0",
      "-o sgd --betas 0.9,0.99          | --betas applies to adam and adamw, not to sgd",
      "-o adam --momentum 0.9           | --momentum applies to sgd and rmsprop, not to adam",
      "-o sgd --nesterov                | nesterov = true requires momentum > 0",
      "--betas 0.9                      | --betas takes two numbers B1,B2",
      "-o lbfgs                         | unknown optimizer 'lbfgs'",
      "--model tree                     | unknown model 'tree'; the models are logistic, softmax",
      "--epochs 0                       | epochs 0 is not >= 1",
      "--batch-size 0                   | batch size 0 is not >= 1",
      "--keep 0                         | keep 0.0 is not in (0, 1]",
      "--keep 1.5                       | keep 1.5 is not in (0, 1]",
      "--l2 -0.1                        | must be >= 0",
      "--test-fraction 1                | --test-fraction 1.0 is not in (0, 1)",
      "--schedule cosine:x              | schedule 'cosine:x': 'x' is not a number",
      "--schedule step:10               | schedule 'step:10' has 1 argument",
      "--schedule warm                  | unknown schedule 'warm'",
      "--epochs x                       | Invalid value for option '--epochs': 'x' is not an int",
      "--hidden                         | Missing required parameter for option '--hidden'",
      "--frobnicate                     | Unknown option: '--frobnicate'"})
  void aBadTrainArgumentIsOneLineTheUsageAndExitCode2(String args, String message) {
    Cli cli = Cli.run(("train --no-progress " + args.trim()).split(" +"));

    assertEquals(2, cli.exitCode(), cli.toString());
    List<String> err = cli.errLines();
    assertTrue(err.get(0).startsWith("adjoint train: "), cli.toString());
    assertTrue(err.get(0).contains(message), cli.toString());
    assertEquals("Usage: adjoint train [OPTIONS]", err.get(err.size() - 2), cli.toString());
    assertEquals("Try 'adjoint train --help' for more information.", err.get(err.size() - 1));
    assertEquals("", cli.out());
  }

  @Test
  void anUnknownCommandSuggestsTheNearestOne() {
    Cli cli = Cli.run("trian");

    assertEquals(2, cli.exitCode(), cli.toString());
    assertEquals("adjoint: Unmatched argument at index 0: 'trian'", cli.errLines().get(0));
    assertTrue(cli.err().contains("Did you mean: adjoint train?"), cli.toString());
    assertTrue(cli.err().contains("Usage: adjoint [OPTIONS] [COMMAND]"), cli.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"lecture", "train", "paths", "gradcheck", "demo"})
  void everyCommandHasHelp(String command) {
    Cli cli = Cli.run(command, "--help");

    assertEquals(0, cli.exitCode(), cli.toString());
    assertTrue(cli.out().startsWith("Usage: adjoint " + command + " [OPTIONS]"), cli.out());
    assertTrue(cli.out().contains("-h, --help"), cli.out());
    assertEquals("", cli.err());
  }

  @Test
  void theTopLevelHelpListsTheCommands() {
    Cli cli = Cli.run("--help");

    assertEquals(0, cli.exitCode(), cli.toString());
    for (String command : List.of("lecture", "train", "paths", "gradcheck", "demo")) {
      assertTrue(cli.out().contains("\n  " + command + " "), command + " in\n" + cli.out());
    }
  }

  @Test
  void trainHelpNamesEveryTrainingSetting() {
    String help = Cli.run("train", "--help").out();
    for (String option : List.of("--data", "--model", "--hidden", "--optimizer", "--lr",
        "--momentum", "--betas", "--schedule", "--batch-size", "--epochs", "--l1", "--l2",
        "--keep", "--seed", "--checkpoint", "--resume", "--out")) {
      assertTrue(help.contains(option + "="), option + " in\n" + help);
    }
  }
}
