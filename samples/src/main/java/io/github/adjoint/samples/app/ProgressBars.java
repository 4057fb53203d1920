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
 * so the bar is drawn once per epoch, on a line of its own.
 */
public final class ProgressBars implements Progress {
  /** The width of a bar on a line of its own, where no terminal says how wide it may be. */
  static final int LOG_WIDTH = 110;

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
    if (interactive) {
      builder.setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(100);
    } else {
      builder.setConsumer(new LineConsumer(out)).setUpdateIntervalMillis(Integer.MAX_VALUE);
    }
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
        bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d, loss %.4f%s",
            result.epoch(), epochs, result.trainingLoss(), lastAccuracy));
        if (!interactive) {
          bar.refresh();
        }
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }

  /** Prints each rendering of the bar on a line of its own. */
  private static final class LineConsumer extends ConsoleProgressBarConsumer {
    private final PrintStream lines;

    LineConsumer(PrintStream lines) {
      super(lines, LOG_WIDTH);
      this.lines = lines;
    }

    @Override
    public void accept(String rendered) {
      lines.println(rendered);
    }

    @Override
    public void close() {
      lines.flush();
    }
  }
}
