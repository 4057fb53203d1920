package io.github.adjoint.samples.paths;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a landscape's level lines with its optimizers' paths on top, and their losses step by
 * step, with XChart; writes a chart as PNG and SVG. XChart has no contour plot: each level is one
 * grey line series left out of the legend, its pieces separated by NaN (where XChart breaks a
 * line).
 */
public final class PathPicture {
  private PathPicture() {}

  public static final int WIDTH = 1000;
  public static final int HEIGHT = 700;

  /**
   * One colour per optimizer, in legend order (Okabe and Ito's palette, told apart with colour
   * blindness too).
   */
  static final List<Color> PALETTE = List.of(
      new Color(0xD55E00), // vermilion
      new Color(0xE69F00), // orange
      new Color(0xCC79A7), // reddish purple
      new Color(0x009E73), // bluish green
      new Color(0x56B4E9), // sky blue
      new Color(0x0072B2)); // blue

  private static final Color LEVEL_LINE = new Color(0xB8B8B8);

  /** Paths of at most this many steps show a marker at every point; longer ones a line only. */
  static final int MARKED_STEPS = 200;

  /** A path too long for a marker per step gets this many, evenly spaced in steps. */
  static final int MILESTONES = 10;

  /** How far, in pixels, a drawn line may deviate from the exact one (see {@link Simplify}). */
  private static final double TOLERANCE_PIXELS = 0.5;

  /**
   * The paths of {@code paths} over the level lines of {@code landscape}, one colour per path in
   * legend order, the minimum as a black diamond.
   *
   * @throws IllegalArgumentException if there are more paths than colours
   */
  public static XYChart paths(Landscape landscape, List<Trajectory> paths) {
    checkColours(paths);
    LevelLines.Grid view = landscape.view();
    boolean everyStepMarked = paths.stream().allMatch(p -> p.steps() <= MARKED_STEPS);
    String title = String.format(Locale.ROOT, "%s: %d steps from (%s, %s)%s", landscape.formula(),
        landscape.steps(), landscape.start()[0], landscape.start()[1],
        everyStepMarked ? "" : ", a dot every " + Math.max(1, landscape.steps() / MILESTONES));
    XYChart chart = newChart(title, "x", "y", everyStepMarked ? 4 : 7);
    XYStyler styler = chart.getStyler();
    styler.setXAxisMin(view.xMin());
    styler.setXAxisMax(view.xMax());
    styler.setYAxisMin(view.yMin());
    styler.setYAxisMax(view.yMax());

    // An upper bound of the data units per pixel: the plot is smaller than the chart.
    double xUnit = (view.xMax() - view.xMin()) / WIDTH;
    double yUnit = (view.yMax() - view.yMin()) / HEIGHT;
    LevelLines lines = LevelLines.sample(landscape.f(), view);
    for (double level : landscape.levels()) {
      double[][] all = withBreaks(lines.at(level));
      if (all[0].length == 0) {
        continue; // the level is not reached inside the view
      }
      double[][] xy = Simplify.polyline(all[0], all[1], xUnit, yUnit, TOLERANCE_PIXELS);
      XYSeries series =
          chart.addSeries(String.format(Locale.ROOT, "f = %.3g", level), xy[0], xy[1]);
      series.setMarker(SeriesMarkers.NONE);
      series.setLineColor(LEVEL_LINE);
      series.setLineStyle(new BasicStroke(1f));
      series.setShowInLegend(false);
    }

    for (int k = 0; k < paths.size(); k++) {
      Trajectory path = paths.get(k);
      boolean marked = path.steps() <= MARKED_STEPS;
      double[][] xy = marked
          ? new double[][] {path.x(), path.y()}
          : Simplify.polyline(path.x(), path.y(), xUnit, yUnit, TOLERANCE_PIXELS);
      XYSeries series = chart.addSeries(path.contender().label(), xy[0], xy[1]);
      paint(series, PALETTE.get(k), marked);
      if (!marked) {
        // A dot every tenth of the way: their spacing shows the speed along the path.
        int every = Math.max(1, path.steps() / MILESTONES);
        XYSeries dots = chart.addSeries(path.contender().label() + ", every " + every + " steps",
            milestones(path.x(), every), milestones(path.y(), every));
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(PALETTE.get(k));
        dots.setShowInLegend(false);
      }
    }

    XYSeries minimum = chart.addSeries("minimum",
        new double[] {landscape.minimum()[0]}, new double[] {landscape.minimum()[1]});
    minimum.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    minimum.setMarker(SeriesMarkers.DIAMOND);
    minimum.setMarkerColor(Color.BLACK);
    return chart;
  }

  /**
   * The value of f at each step of each path, on a logarithmic axis: how fast each optimizer
   * descends, which the paths alone hide where they share a valley.
   *
   * @throws IllegalArgumentException if there are more paths than colours
   */
  public static XYChart losses(Landscape landscape, List<Trajectory> paths) {
    checkColours(paths);
    int steps = paths.stream().mapToInt(Trajectory::steps).max().orElse(1);
    XYChart chart = newChart(landscape.formula() + ": f after each step", "step", "f (log scale)", 4);
    XYStyler styler = chart.getStyler();
    styler.setYAxisLogarithmic(true);
    styler.setXAxisDecimalPattern("0");
    // A margin of 2% on the right. It also keeps XChart from putting its ticks on every k-th
    // data value, which it does when all x values (the axis ends included) are equally spaced.
    styler.setXAxisMin(0.0);
    styler.setXAxisMax(steps * 1.02);

    List<double[]> logLosses = new ArrayList<>();
    double lowest = Double.POSITIVE_INFINITY;
    double highest = Double.NEGATIVE_INFINITY;
    for (Trajectory path : paths) {
      // A log axis cannot show 0; the smallest normal double stands for it.
      double[] logLoss =
          Arrays.stream(path.loss()).map(f -> Math.log10(Math.max(f, Double.MIN_NORMAL))).toArray();
      logLosses.add(logLoss);
      lowest = Math.min(lowest, Arrays.stream(logLoss).min().getAsDouble());
      highest = Math.max(highest, Arrays.stream(logLoss).max().getAsDouble());
    }
    double xUnit = steps * 1.02 / WIDTH;
    double yUnit = Math.max(highest - lowest, 1) / HEIGHT;
    for (int k = 0; k < paths.size(); k++) {
      double[] logLoss = logLosses.get(k);
      double[] step = new double[logLoss.length];
      Arrays.setAll(step, s -> s);
      double[][] xy = Simplify.polyline(step, logLoss, xUnit, yUnit, TOLERANCE_PIXELS);
      double[] loss = Arrays.stream(xy[1]).map(v -> Math.pow(10, v)).toArray();
      paint(chart.addSeries(paths.get(k).contender().label(), xy[0], loss), PALETTE.get(k), false);
    }
    return chart;
  }

  private static void checkColours(List<Trajectory> paths) {
    if (paths.size() > PALETTE.size()) {
      throw new IllegalArgumentException(
          "at most " + PALETTE.size() + " paths per picture, got " + paths.size());
    }
  }

  private static XYChart newChart(String title, String xTitle, String yTitle, int markerSize) {
    XYChart chart = new XYChartBuilder()
        .width(WIDTH)
        .height(HEIGHT)
        .title(title)
        .xAxisTitle(xTitle)
        .yAxisTitle(yTitle)
        .build();
    XYStyler styler = chart.getStyler();
    styler.setLocale(Locale.ROOT); // the same tick labels on every machine
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setMarkerSize(markerSize);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesVisible(false);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    styler.setAntiAlias(true);
    return chart;
  }

  private static void paint(XYSeries series, Color colour, boolean marked) {
    series.setLineColor(colour);
    series.setLineStyle(new BasicStroke(1.6f));
    series.setMarkerColor(colour);
    series.setMarker(marked ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
  }

  /** Every {@code every}-th value after the first: the points after every, 2·every, … steps. */
  static double[] milestones(double[] values, int every) {
    double[] out = new double[(values.length - 1) / every];
    for (int m = 0; m < out.length; m++) {
      out[m] = values[(m + 1) * every];
    }
    return out;
  }

  /** All pieces of one level in one pair of arrays, a NaN between two pieces. */
  static double[][] withBreaks(List<LevelLines.Polyline> pieces) {
    int size = Math.max(0, pieces.size() - 1);
    for (LevelLines.Polyline p : pieces) {
      size += p.size();
    }
    double[] x = new double[size];
    double[] y = new double[size];
    int at = 0;
    for (LevelLines.Polyline p : pieces) {
      if (at > 0) {
        x[at] = Double.NaN;
        y[at] = Double.NaN;
        at++;
      }
      System.arraycopy(p.x(), 0, x, at, p.size());
      System.arraycopy(p.y(), 0, y, at, p.size());
      at += p.size();
    }
    return new double[][] {x, y};
  }

  /**
   * Writes {@code chart} as {@code <name>.png} and {@code <name>.svg} into {@code folder},
   * creating the folder if needed, and returns the two files.
   */
  public static List<Path> write(XYChart chart, Path folder, String name) {
    Path png = folder.resolve(name + ".png");
    Path svg = folder.resolve(name + ".svg");
    try {
      Files.createDirectories(folder);
      BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + name + " into " + folder, e);
    }
    return List.of(png, svg);
  }
}
