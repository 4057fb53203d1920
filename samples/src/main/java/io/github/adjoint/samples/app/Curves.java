package io.github.adjoint.samples.app;

import io.github.adjoint.train.EpochResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Learning curves drawn with XChart as PNG: one run's loss and accuracy per epoch, and several
 * runs' curves side by side. Epochs without a value (the training accuracy of epochs before a
 * resumed checkpoint) are left out of their line.
 */
public final class Curves {
  private Curves() {}

  static final int WIDTH = 900;
  static final int HEIGHT = 560;

  /** One line of a chart: its legend and the value of each epoch. */
  record Line(String name, List<EpochResult> epochs, ToDoubleFunction<Integer> value) {}

  /**
   * Writes {@code <name>-loss.png} (training and test loss per epoch, on a logarithmic axis) and
   * {@code <name>-accuracy.png} (training and test accuracy) of {@code run} into {@code folder},
   * created if needed; returns the two files.
   */
  public static List<Path> write(RunResult run, Path folder, String name) {
    List<EpochResult> h = run.history();
    String title = run.model() + ", " + Optimizers.describe(run.config().optimizer()) + ", "
        + run.data();
    XYChart loss = chart(title, "loss (log scale)", true, Styler.LegendPosition.InsideNE, List.of(
        new Line("training loss (epoch mean)", h, i -> h.get(i).trainingLoss()),
        new Line("test loss", h, i -> h.get(i).validationLoss())));
    XYChart accuracy = chart(title, "accuracy", false, Styler.LegendPosition.InsideSE, List.of(
        new Line("training accuracy", h, i -> run.trainAccuracies().get(i)),
        new Line("test accuracy", h, i -> h.get(i).validationAccuracy())));
    return List.of(save(loss, folder, name + "-loss"), save(accuracy, folder, name + "-accuracy"));
  }

  /**
   * Writes {@code <name>.png}: the training loss per epoch of each run, labelled {@code
   * labels.get(i)}, on a logarithmic axis; returns the file.
   */
  public static Path compareLoss(
      List<RunResult> runs, List<String> labels, String title, Path folder, String name) {
    List<Line> lines = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      List<EpochResult> h = runs.get(r).history();
      lines.add(new Line(labels.get(r), h, i -> h.get(i).trainingLoss()));
    }
    return save(chart(title, "training loss (log scale)", true, Styler.LegendPosition.InsideNE,
        lines), folder, name);
  }

  private static XYChart chart(String title, String yTitle, boolean logarithmic,
      Styler.LegendPosition legend, List<Line> lines) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("epoch").yAxisTitle(yTitle).build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(legend);
    styler.setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setYAxisLogarithmic(logarithmic);
    for (Line line : lines) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < line.epochs().size(); i++) {
        double y = line.value().applyAsDouble(i);
        if (Double.isFinite(y) && (!logarithmic || y > 0)) {
          xs.add((double) line.epochs().get(i).epoch());
          ys.add(y);
        }
      }
      if (!xs.isEmpty()) {
        chart.addSeries(line.name(), xs, ys).setMarker(SeriesMarkers.NONE);
      }
    }
    return chart;
  }

  private static Path save(XYChart chart, Path folder, String name) {
    Path file = folder.resolve(name + ".png");
    try {
      Files.createDirectories(folder);
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }
}
