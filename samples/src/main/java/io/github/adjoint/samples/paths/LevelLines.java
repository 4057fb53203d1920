package io.github.adjoint.samples.paths;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;

/**
 * Level lines {f(x, y) = c} of a function of two variables, by marching squares: f is sampled
 * once on a regular grid; each cell whose corners lie on both sides of c gets a segment between
 * the crossing points of its edges (linear interpolation along the edge), and the segments are
 * joined into polylines through the edges they share. A chart library without a contour plot
 * then draws each polyline as an ordinary line.
 */
public final class LevelLines {

  /**
   * A regular grid of {@code columns × rows} cells over [xMin, xMax] × [yMin, yMax].
   *
   * @throws IllegalArgumentException if a bound is not finite, a range is empty, or there is no
   *     cell
   */
  public record Grid(double xMin, double xMax, double yMin, double yMax, int columns, int rows) {
    public Grid {
      if (!(Double.isFinite(xMin) && Double.isFinite(xMax) && xMin < xMax)) {
        throw new IllegalArgumentException(
            "grid x range [" + xMin + ", " + xMax + "] must be finite with xMin < xMax");
      }
      if (!(Double.isFinite(yMin) && Double.isFinite(yMax) && yMin < yMax)) {
        throw new IllegalArgumentException(
            "grid y range [" + yMin + ", " + yMax + "] must be finite with yMin < yMax");
      }
      if (columns < 1 || rows < 1) {
        throw new IllegalArgumentException(
            "grid needs at least one cell, got " + columns + " columns × " + rows + " rows");
      }
    }

    /** The x of grid column {@code i}, 0 ≤ i ≤ columns. */
    public double x(int i) {
      return xMin + (xMax - xMin) * i / columns;
    }

    /** The y of grid row {@code j}, 0 ≤ j ≤ rows. */
    public double y(int j) {
      return yMin + (yMax - yMin) * j / rows;
    }
  }

  /**
   * One connected piece of a level line, its points in order. A closed piece ends with its first
   * point again; an open one starts and ends on the grid's border.
   */
  public record Polyline(double[] x, double[] y) {
    public int size() {
      return x.length;
    }

    public boolean closed() {
      return size() > 2 && x[0] == x[size() - 1] && y[0] == y[size() - 1];
    }
  }

  // Corner k of a cell, counter-clockwise from the bottom left, and its two edges. Edges:
  // 0 bottom, 1 right, 2 top, 3 left.
  private static final int[][] CORNER_EDGES = {{0, 3}, {0, 1}, {1, 2}, {2, 3}};
  private static final int[] CORNER_COLUMN = {0, 1, 1, 0};
  private static final int[] CORNER_ROW = {0, 0, 1, 1};

  private final Grid grid;
  /** f at the grid's nodes: {@code values[j][i] = f(grid.x(i), grid.y(j))}. */
  private final double[][] values;

  private LevelLines(Grid grid, double[][] values) {
    this.grid = grid;
    this.values = values;
  }

  /**
   * Samples {@code f} on {@code grid}, once for all the levels asked later.
   *
   * @throws IllegalArgumentException naming the point, if f is NaN or infinite at a node
   */
  public static LevelLines sample(DoubleBinaryOperator f, Grid grid) {
    double[][] values = new double[grid.rows() + 1][grid.columns() + 1];
    for (int j = 0; j <= grid.rows(); j++) {
      for (int i = 0; i <= grid.columns(); i++) {
        double v = f.applyAsDouble(grid.x(i), grid.y(j));
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "f(%s, %s) = %s: level lines need finite values on the whole grid",
              grid.x(i), grid.y(j), v));
        }
        values[j][i] = v;
      }
    }
    return new LevelLines(grid, values);
  }

  /**
   * {@code count} levels from {@code first} on, each {@code ratio} times the one before: level
   * lines of a bowl spaced evenly in height crowd its rim and leave its floor empty; spaced
   * geometrically they show both.
   */
  public static double[] geometricLevels(double first, double ratio, int count) {
    if (!(first > 0 && Double.isFinite(first) && ratio > 1 && Double.isFinite(ratio) && count > 0)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "geometric levels need first > 0, ratio > 1 and count > 0, got %s, %s, %d",
          first, ratio, count));
    }
    double[] levels = new double[count];
    for (int k = 0; k < count; k++) {
      levels[k] = first * Math.pow(ratio, k);
    }
    return levels;
  }

  /** The grid the function was sampled on. */
  public Grid grid() {
    return grid;
  }

  /** The pieces of the level line f = {@code level}, in a deterministic order. */
  public List<Polyline> at(double level) {
    int edges = horizontalEdges() + (grid.columns() + 1) * grid.rows();
    // Each crossed edge lies in at most two cells, each of which joins it to one other edge.
    int[] first = new int[edges];
    int[] second = new int[edges];
    Arrays.fill(first, -1);
    Arrays.fill(second, -1);
    for (int j = 0; j < grid.rows(); j++) {
      for (int i = 0; i < grid.columns(); i++) {
        connectCell(i, j, level, first, second);
      }
    }
    List<Polyline> lines = new ArrayList<>();
    boolean[] visited = new boolean[edges];
    // Open pieces first, from an end (an edge on the border joined only once), then the loops.
    for (int e = 0; e < edges; e++) {
      if (!visited[e] && first[e] >= 0 && second[e] < 0) {
        lines.add(walk(e, level, first, second, visited));
      }
    }
    for (int e = 0; e < edges; e++) {
      if (!visited[e] && first[e] >= 0) {
        lines.add(walk(e, level, first, second, visited));
      }
    }
    return lines;
  }

  /** Adds the segments of cell (i, j) to the edges' joins. */
  private void connectCell(int i, int j, double level, int[] first, int[] second) {
    boolean[] above = new boolean[4];
    int aboveCount = 0;
    for (int k = 0; k < 4; k++) {
      above[k] = values[j + CORNER_ROW[k]][i + CORNER_COLUMN[k]] >= level;
      aboveCount += above[k] ? 1 : 0;
    }
    if (aboveCount == 0 || aboveCount == 4) {
      return;
    }
    boolean saddle = above[0] == above[2] && above[1] == above[3];
    if (saddle) {
      // Two diagonal corners above, two below: the cell's mean decides which pair the level
      // line separates. Cut off each corner on the other side than the centre.
      double centre = (values[j][i] + values[j][i + 1] + values[j + 1][i + 1] + values[j + 1][i]) / 4;
      boolean centreAbove = centre >= level;
      for (int k = 0; k < 4; k++) {
        if (above[k] != centreAbove) {
          join(edgeId(i, j, CORNER_EDGES[k][0]), edgeId(i, j, CORNER_EDGES[k][1]), first, second);
        }
      }
      return;
    }
    // One corner differs from the other three, or two neighbours from the other two: the line
    // crosses exactly two edges. Edge k joins corner k and corner k + 1.
    int a = -1;
    for (int side = 0; side < 4; side++) {
      if (above[side] != above[(side + 1) % 4]) {
        int edge = edgeId(i, j, side);
        if (a < 0) {
          a = edge;
        } else {
          join(a, edge, first, second);
        }
      }
    }
  }

  private static void join(int a, int b, int[] first, int[] second) {
    link(a, b, first, second);
    link(b, a, first, second);
  }

  private static void link(int from, int to, int[] first, int[] second) {
    if (first[from] < 0) {
      first[from] = to;
    } else {
      second[from] = to;
    }
  }

  private Polyline walk(int start, double level, int[] first, int[] second, boolean[] visited) {
    Points points = new Points();
    int previous = -1;
    int current = start;
    while (true) {
      visited[current] = true;
      points.add(this, current, level);
      int next = first[current] != previous ? first[current] : second[current];
      if (next < 0) {
        break;
      }
      if (next == start) {
        points.add(this, start, level);
        break;
      }
      if (visited[next]) {
        break;
      }
      previous = current;
      current = next;
    }
    return points.toPolyline();
  }

  private int horizontalEdges() {
    return grid.columns() * (grid.rows() + 1);
  }

  /** Edge ids: horizontal edges (i, j) first, row by row, then vertical edges (i, j). */
  private int edgeId(int i, int j, int side) {
    return switch (side) {
      case 0 -> j * grid.columns() + i;
      case 2 -> (j + 1) * grid.columns() + i;
      case 3 -> horizontalEdges() + j * (grid.columns() + 1) + i;
      case 1 -> horizontalEdges() + j * (grid.columns() + 1) + i + 1;
      default -> throw new IllegalArgumentException("no side " + side);
    };
  }

  /** Where f crosses {@code level} on edge {@code id}: interpolated linearly between its ends. */
  private void crossing(int id, double level, double[] point) {
    int i0;
    int j0;
    int i1;
    int j1;
    if (id < horizontalEdges()) {
      j0 = id / grid.columns();
      i0 = id % grid.columns();
      i1 = i0 + 1;
      j1 = j0;
    } else {
      int v = id - horizontalEdges();
      j0 = v / (grid.columns() + 1);
      i0 = v % (grid.columns() + 1);
      i1 = i0;
      j1 = j0 + 1;
    }
    double v0 = values[j0][i0];
    double v1 = values[j1][i1];
    double t = (level - v0) / (v1 - v0);
    point[0] = grid.x(i0) + t * (grid.x(i1) - grid.x(i0));
    point[1] = grid.y(j0) + t * (grid.y(j1) - grid.y(j0));
  }

  /** A growing list of points. */
  private static final class Points {
    private double[] x = new double[16];
    private double[] y = new double[16];
    private int size;
    private final double[] point = new double[2];

    void add(LevelLines lines, int edge, double level) {
      lines.crossing(edge, level, point);
      if (size == x.length) {
        x = Arrays.copyOf(x, 2 * size);
        y = Arrays.copyOf(y, 2 * size);
      }
      x[size] = point[0];
      y[size] = point[1];
      size++;
    }

    Polyline toPolyline() {
      return new Polyline(Arrays.copyOf(x, size), Arrays.copyOf(y, size));
    }
  }
}
