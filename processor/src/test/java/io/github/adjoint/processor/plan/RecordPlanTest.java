package io.github.adjoint.processor.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adjoint.processor.derive.Lowering;
import io.github.adjoint.processor.ir.Expr;
import io.github.adjoint.processor.ir.Stmt;
import io.github.adjoint.processor.ir.Type;
import io.github.adjoint.processor.testing.PipelineProbe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The record plan as a stage of its own: each decision asserted on a real function, read and
 * lowered as the processor does it, before any code is written.
 */
class RecordPlanTest {
  static final String SOURCE = """
      package plans;

      import io.github.adjoint.Differentiable;
      import io.github.adjoint.NoGrad;

      public final class P {
        @Differentiable
        static double dot(double[] w, @NoGrad double[] x) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += w[i] * x[i];
          }
          return s;
        }

        @Differentiable
        static double hiddenBound(double[] w) {
          int hidden = w.length;
          double s = 1;
          for (int k = 0; k < 2; k++) {
            for (int j = 0; j < hidden; j++) {
              s = s * Math.sin(w[j]);
            }
          }
          return s;
        }

        @Differentiable
        static double raggedRows(double[] w, @NoGrad double[][] X) {
          double s = 1;
          for (int n = 0; n < X.length; n++) {
            double[] xn = X[n];
            for (int j = 0; j < xn.length; j++) {
              s = s * Math.cos(w[j] * xn[j]);
            }
          }
          return s;
        }

        @Differentiable
        static double newton(double a) {
          double x = a;
          int n = 0;
          while (Math.abs(x * x - a) > 1e-12 && n < 50) {
            x = 0.5 * (x + a / x);
            n++;
          }
          return x;
        }

        @Differentiable
        static double branchInLoop(double[] w) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
              s += w[i] * w[i];
            }
          }
          return s;
        }

        @Differentiable
        static double hiddenLayer(double[] b, double[] v) {
          double[] h = new double[b.length];
          for (int k = 0; k < b.length; k++) {
            double a = b[k] * 2;
            h[k] = Math.tanh(a);
          }
          double s = 0;
          for (int k = 0; k < b.length; k++) {
            s += v[k] * h[k];
          }
          return s;
        }

        @Differentiable
        static double hiddenLayerPerExample(double[] b, double[] v, @NoGrad double[][] x) {
          double[] h = new double[b.length];
          double s = 0;
          for (int n = 0; n < x.length; n++) {
            for (int k = 0; k < b.length; k++) {
              double a = b[k] * x[n][k];
              h[k] = Math.tanh(a);
            }
            for (int k = 0; k < b.length; k++) {
              s += v[k] * h[k];
            }
          }
          return s;
        }

        @Differentiable
        static double springs(double[] px, double rest) {
          double e = 0;
          for (int i = 0; i + 1 < px.length; i++) {
            double d = px[i + 1] - px[i];
            e += (d - rest) * (d - rest);
          }
          for (int i = 0; i <= px.length - 2; i++) {
            e += px[i] * px[i + 1];
          }
          return e;
        }

        @Differentiable
        static double strided(double[] w) {
          double s = 0;
          for (int i = 0; i + 1 < w.length; i++) {
            int j = (i * 3) % w.length;
            s += w[j] * w[i + 1];
          }
          return s;
        }

        @Differentiable
        static double tanhLayer(double[][] W, double[] b, @NoGrad double[] x) {
          double carried = 1;
          for (int k = 0; k < b.length; k++) {
            double a = b[k];
            for (int j = 0; j < x.length; j++) {
              a += W[k][j] * x[j];
            }
            carried = carried * Math.tanh(a);
          }
          return carried;
        }

        @Differentiable
        static double layerSum(double[][] W, double[] b, @NoGrad double[] x) {
          double s = 0;
          double[] h = new double[b.length];
          for (int k = 0; k < b.length; k++) {
            double a = b[k];
            for (int j = 0; j < x.length; j++) {
              a += W[k][j] * x[j];
            }
            h[k] = Math.tanh(a);
            s += Math.exp(a);
          }
          return s + h[0];
        }

        @Differentiable
        static double filled(double[] w) {
          double[] h = new double[w.length];
          double[] g = new double[w.length];
          double c = 2;
          for (int k = 0; k < w.length; k++) {
            h[k] = Math.sin(w[k]) * c;
          }
          for (int k = 0; k < h.length; k++) {
            g[k] = g[k] + h[k];
          }
          return g[0] * h[0];
        }

        @Differentiable
        static double straight(double x, double y) {
          double q = x + y;
          q = q * Math.exp(y);
          return q * x;
        }
      }
      """;

  /** A function after reading and lowering, with its plan. */
  record Planned(Lowering.Lowered lowered, RecordPlan plan) {
    List<Stmt.Loop> loops() {
      List<Stmt.Loop> loops = new ArrayList<>();
      Stmt.walk(lowered.body(), s -> {
        if (s instanceof Stmt.Loop l) {
          loops.add(l);
        }
      });
      return loops;
    }

    List<Stmt> statementsOf(Stmt.Loop l) {
      List<Stmt> all = new ArrayList<>();
      Stmt.walk(l.body(), all::add);
      Stmt.walk(l.update(), all::add);
      return all;
    }
  }

  static final Map<String, Planned> PLANS = new HashMap<>();

  @BeforeAll
  static void plan() {
    PipelineProbe.lower("plans.P", SOURCE, (f, lowered) ->
        PLANS.put(f.methodName(), new Planned(lowered,
            RecordPlanner.plan(f.parameters(), lowered.body(), lowered.result()))));
  }

  @Test
  void anAccumulatingLoopRecordsNothingAndIsRecountedAndRunsForwards() {
    Planned p = PLANS.get("dot");
    Stmt.Loop loop = p.loops().get(0);
    for (Stmt s : p.statementsOf(loop)) {
      assertNull(p.plan().saved(s), () -> "nothing saved in s += w[i] * x[i], but: " + s);
    }
    RecordPlan.TripCount trips = p.plan().trips(loop);
    assertInstanceOf(RecordPlan.Recounted.class, trips);
    assertNotNull(p.plan().countedFromConstant(loop));
    assertNotNull(p.plan().orderFreeCounter(loop), "s += ... commutes: the reverse runs forwards");
    assertNotNull(p.plan().forLoopStart(loop));
    assertTrue(p.plan().tapeTypes().isEmpty(), "no tape at all");
  }

  @Test
  void aBoundFromAnIntLocalDeclaredOnceIsRecountedAndTheProductKeptAtBothCounters() {
    Planned p = PLANS.get("hiddenBound");
    Stmt.Loop outer = p.loops().get(0);
    Stmt.Loop inner = p.loops().get(1);
    assertInstanceOf(RecordPlan.Recounted.class, p.plan().trips(inner));
    // s = s * sin(w[j]) overwrites the s the multiplication's reverse reads: kept per pair of
    // passes (k, j), the inner count being the same in every pass of the outer loop.
    assertTrue(p.statementsOf(inner).stream().anyMatch(s -> p.plan().saved(s) != null
        && p.plan().saved(s).storage() == RecordPlan.Storage.PASS && p.plan().saved(s).loop() == inner));
    assertSame(outer, p.plan().enclosingPass(inner));
    assertNull(p.plan().enclosingPass(outer));
    assertTrue(p.plan().tapeTypes().isEmpty());
  }

  @Test
  void shiftedAndInclusiveBoundsAreRecountedAndTheirValuesKeptPerPass() {
    Planned p = PLANS.get("springs");
    List<Stmt.Loop> loops = p.loops();
    RecordPlan.Recounted shifted = assertInstanceOf(RecordPlan.Recounted.class, p.plan().trips(loops.get(0)));
    assertEquals(1, shifted.offset(), "i + 1 < px.length");
    RecordPlan.Recounted inclusive = assertInstanceOf(RecordPlan.Recounted.class, p.plan().trips(loops.get(1)));
    assertEquals(-1, inclusive.offset(), "i <= px.length - 2");
    // px[i + 1] stays an element read the reverse evaluates again; the two d - rest the product's
    // reverse reads are kept per pass: no tape.
    assertEquals(List.of(Type.DOUBLE, Type.DOUBLE), savedPerPass(p, loops.get(0)));
    assertTrue(p.plan().tapeTypes().isEmpty(), "no tape at all");
  }

  @Test
  void anIntLocalTheReverseReadsIsKeptPerPass() {
    Planned p = PLANS.get("strided");
    // j = (i * 3) % w.length, overwritten on every pass, indexes dw[j] in the reverse.
    assertEquals(List.of(Type.INT), savedPerPass(p, p.loops().get(0)));
    assertTrue(p.plan().tapeTypes().isEmpty(), "no tape at all");
  }

  @Test
  void aValueThePassDeclaresIsKeptAsThePassLeavesIt() {
    Planned p = PLANS.get("tanhLayer");
    Stmt.Loop outer = p.loops().get(0);
    Stmt.Loop inner = p.loops().get(1);
    Stmt declaration = outer.body().get(0); // double a = b[k]
    RecordPlan.Saved a = p.plan().saved(declaration);
    assertEquals(RecordPlan.Storage.PASS, a.storage());
    assertSame(inner, a.keptAfter(), "a's last writes are in the inner loop: kept after it");
    assertEquals(List.of(declaration), p.plan().keptAfter(inner));
    // tanh's result too (a temporary the pass writes once), kept right after it is computed.
    Stmt tanh = outer.body().stream()
        .filter(s -> s instanceof Stmt.Assign t && t.value() instanceof Expr.MathCall)
        .findFirst().orElseThrow();
    assertSame(tanh, p.plan().saved(tanh).keptAfter());
    assertEquals(List.of(declaration, tanh), p.plan().loadedAtPassStart(outer));
    // carried is declared before the loop: kept before each pass overwrites it, as a tape would.
    List<RecordPlan.Saved> beforeOverwrite = p.statementsOf(outer).stream()
        .map(s -> p.plan().saved(s))
        .filter(saved -> saved != null && !saved.atPassEnd())
        .toList();
    assertEquals(1, beforeOverwrite.size(), "carried = carried * tanh(a)");
    assertEquals(RecordPlan.Storage.PASS, beforeOverwrite.get(0).storage());
    // Put back pass by pass, carried ties each pass's reverse to the next one's: last pass first.
    assertNull(p.plan().orderFreeCounter(outer));
  }

  @Test
  void passesThatKeepTheirOwnValuesRunForwards() {
    Planned p = PLANS.get("layerSum");
    Stmt.Loop outer = p.loops().get(0);
    // a and exp's result are loaded where each pass's reverse begins, h[k] is the pass's own
    // element, s is only incremented: no pass's reverse depends on another's.
    assertNotNull(p.plan().orderFreeCounter(outer));
    assertEquals(2, p.plan().loadedAtPassStart(outer).size());
  }

  @Test
  void anArrayTheNextLoopFillsBeforeAnyReadNeedsNoZeroing() {
    Planned p = PLANS.get("filled");
    List<Stmt> body = p.lowered().body();
    // h: the first loop after it (past g's allocation and c) writes h[k] on every pass.
    assertTrue(p.plan().filledFirst(body.get(0)));
    // g: that loop does not write it, and the next one reads g[k] before writing it.
    assertFalse(p.plan().filledFirst(body.get(1)));
  }

  /** The types of the values a loop saves, each asserted to be kept at the pass's counter. */
  private static List<Type> savedPerPass(Planned p, Stmt.Loop loop) {
    List<Type> perPass = new ArrayList<>();
    for (Stmt s : p.statementsOf(loop)) {
      RecordPlan.Saved saved = p.plan().saved(s);
      if (saved != null) {
        assertEquals(RecordPlan.Storage.PASS, saved.storage(), () -> "kept per pass: " + s);
        perPass.add(saved.type());
      }
    }
    return perPass;
  }

  @Test
  void aDataDependentLoopCountsItsTripsAndStepsItsCounterBack() {
    Planned p = PLANS.get("newton");
    Stmt.Loop loop = p.loops().get(0);
    RecordPlan.TripCount trips = p.plan().trips(loop);
    assertEquals(new RecordPlan.Counted(RecordPlan.Storage.SLOT), trips);
    assertNull(p.plan().orderFreeCounter(loop));
    // n++ is never read by the reverse: it is neither saved nor stepped back.
    for (Stmt s : p.statementsOf(loop)) {
      assertFalse(p.plan().steppedBack(s), () -> "nothing reads n: " + s);
    }
  }

  @Test
  void aBranchInALoopKeepsItsOutcomeOnTheTape() {
    Planned p = PLANS.get("branchInLoop");
    Stmt.If branch = (Stmt.If) p.statementsOf(p.loops().get(0)).stream()
        .filter(s -> s instanceof Stmt.If).findFirst().orElseThrow();
    assertEquals(RecordPlan.Storage.TAPE, p.plan().branch(branch));
    assertEquals(Set.of(Type.BOOLEAN), p.plan().tapeTypes());
  }

  @Test
  void straightLineCodeSavesAnOverwrittenValueInASlotAndNeedsNoTape() {
    Planned p = PLANS.get("straight");
    List<RecordPlan.Saved> saved = new ArrayList<>();
    Stmt.walk(p.lowered().body(), s -> {
      if (p.plan().saved(s) != null) {
        saved.add(p.plan().saved(s));
      }
    });
    // q = q * exp(y) overwrites the q that the multiplication's reverse reads.
    assertEquals(List.of(new RecordPlan.Saved(Type.DOUBLE, RecordPlan.Storage.SLOT)), saved);
    assertTrue(p.plan().tapeTypes().isEmpty());
  }

  private static Stmt.ArrayAssign writeOf(Planned p, String array) {
    List<Stmt.ArrayAssign> writes = new ArrayList<>();
    Stmt.walk(p.lowered().body(), s -> {
      if (s instanceof Stmt.ArrayAssign w && w.array().name().equals(array)) {
        writes.add(w);
      }
    });
    assertEquals(1, writes.size());
    return writes.get(0);
  }

  /** Each pass writes its own h[k], and only its own reverse reads it back: nothing is saved. */
  @Test
  void anElementOnlyItsOwnPassReadsBackIsNotSaved() {
    Planned p = PLANS.get("hiddenLayer");
    assertNull(p.plan().saved(writeOf(p, "h")));
  }

  /**
   * In a batch loop the next example overwrites h[k], which this example's reverse reads: saved,
   * per example and unit; each unit's reverse puts back its own element, so they run forwards.
   */
  @Test
  void anElementTheNextExampleOverwritesIsSavedPerExampleAndUnit() {
    Planned p = PLANS.get("hiddenLayerPerExample");
    Stmt.Loop examples = p.loops().get(0);
    Stmt.Loop units = p.loops().get(1);
    assertEquals(new RecordPlan.Saved(Type.DOUBLE, RecordPlan.Storage.PASS, units, null),
        p.plan().saved(writeOf(p, "h")));
    assertSame(examples, p.plan().enclosingPass(units));
    assertNotNull(p.plan().orderFreeCounter(units));
    assertNull(p.plan().orderFreeCounter(examples), "the next example overwrites h: not order-free");
  }

  /** A row alias's length may differ from pass to pass: the inner loop's saves stay on the tape. */
  @Test
  void anInnerCountThatMayDifferFromPassToPassKeepsTheTape() {
    Planned p = PLANS.get("raggedRows");
    Stmt.Loop inner = p.loops().get(1);
    assertInstanceOf(RecordPlan.Recounted.class, p.plan().trips(inner));
    assertNull(p.plan().enclosingPass(inner));
    assertTrue(p.statementsOf(inner).stream().anyMatch(s -> p.plan().saved(s) != null
        && p.plan().saved(s).storage() == RecordPlan.Storage.TAPE));
  }
}
