package io.github.adjoint.samples.app;

import io.github.adjoint.train.EpochResult;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress as a progress bar of mini-batches over the whole run, with the epoch, the
 * epoch's mean loss so far and the last test accuracy beside it; redrawn in place on a terminal.
 * Where there is no terminal (a log, a pipe), a bar redrawn with carriage returns would be noise,
 * so the bar is drawn after every epoch, on a line of its own.
 */
public final class ProgressBars implements Progress {
  /** The width of a bar on a line of its own, where no terminal says how wide it may be. */
  static final int LOG_WIDTH = 150;

  private final PrintStream out;
  private final boolean interactive;

  /** Progress bars on {@code out}, redrawn in place if {@code interactive}. */
  public ProgressBars(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /** Progress bars on the standard error, redrawn in place when it is a terminal. */
  public static ProgressBars onStandardError() {
    return new ProgressBars(System.err, System.console() != null);
  }

  @Override
  public Bar start(String task, int epochs, int batchesPerEpoch, int epochsDone) {
    ProgressBarBuilder builder = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax((long) epochs * batchesPerEpoch)
        .setStyle(ProgressBarStyle.UNICODE_BLOCK)
        .setUnit(" batches", 1)
        .hideEta();
    builder.setConsumer(interactive ? new ConsoleProgressBarConsumer(out) : new Silent(out))
        .setUpdateIntervalMillis(interactive ? 100 : Integer.MAX_VALUE);
    ProgressBar bar = builder.build();
    bar.stepTo((long) epochsDone * batchesPerEpoch);
    return new Bar() {
      private String lastAccuracy = "";

      @Override
      public void batchDone(int epoch, int batch, int batches, long step, double meanLoss) {
        bar.stepTo((long) (epoch - 1) * batches + batch);
        bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d, loss %.4f%s",
            epoch, epochs, meanLoss, lastAccuracy));
      }

      @Override
      public void epochDone(EpochResult result) {
        lastAccuracy = Double.isNaN(result.validationAccuracy()) ? ""
            : String.format(Locale.ROOT, ", test accuracy %.2f %%",
                100 * result.validationAccuracy());
        String message = String.format(Locale.ROOT, " epoch %d/%d, loss %.4f%s",
            result.epoch(), epochs, result.trainingLoss(), lastAccuracy);
        bar.setExtraMessage(message);
        if (!interactive) {
          out.println(epochLine(task, (long) result.epoch() * batchesPerEpoch,
              (long) epochs * batchesPerEpoch, message));
        }
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }

  /**
   * Off a terminal the bar draws nothing itself: its renderings come from a refresh thread, at
   * moments of its own choosing, so the epoch lines are written by {@link #epochLine} instead.
   */
  private static final class Silent extends ConsoleProgressBarConsumer {
    Silent(PrintStream out) {
      super(out, LOG_WIDTH);
    }

    @Override
    public void accept(String rendered) {}

    @Override
    public void close() {} // no closing newline: the epoch lines end their own
  }

  /** One epoch's line off a terminal: the task, the share done as a bar, the batches, the rest. */
  static String epochLine(String task, long done, long total, String message) {
    int width = 40;
    int filled = (int) (width * done / Math.max(1, total));
    return String.format(Locale.ROOT, "%s %3d%% |%s%s| %d/%d batches %s", task,
        100 * done / Math.max(1, total), "█".repeat(filled), " ".repeat(width - filled), done,
        total, message);
  }
}
