package io.github.adjoint.samples.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.adjoint.optim.LrSchedule;
import org.junit.jupiter.api.Test;

/** Schedules written as text mean PyTorch's schedulers with those arguments, stepped per epoch. */
class SchedulesTest {

  @Test
  void eachFormIsThePyTorchSchedulerWithItsArguments() {
    assertNull(Schedules.parse("constant", 10));
    LrSchedule step = Schedules.parse("step:3:0.5", 10);
    assertEquals(0.1, step.lr(0.1, 2), 0.0);
    assertEquals(0.05, step.lr(0.1, 3), 0.0);
    assertEquals(0.025, step.lr(0.1, 7), 1e-18);
    assertEquals(0.1 * 0.9 * 0.9, Schedules.parse("exponential:0.9", 10).lr(0.1, 2), 1e-18);
    LrSchedule cosine = Schedules.parse("cosine", 10); // over the run's 10 epochs, down to 0
    assertEquals(0.05, cosine.lr(0.1, 5), 1e-15);
    assertEquals(0.0, cosine.lr(0.1, 10), 1e-18);
    assertEquals(0.01 + 0.09 / 2, Schedules.parse("cosine:0.01", 10).lr(0.1, 5), 1e-15);
    LrSchedule warmUp = Schedules.parse("linear:0.1:1:4", 10);
    assertEquals(0.01, warmUp.lr(0.1, 0), 1e-15);
    assertEquals(0.1 * (0.1 + 0.9 / 2), warmUp.lr(0.1, 2), 1e-15);
    assertEquals(0.1, warmUp.lr(0.1, 9), 1e-15);
  }

  @Test
  void malformedSchedulesSayWhatIsWrongAndListTheForms() {
    assertEquals("unknown schedule 'cyclic'; the schedules are " + Schedules.FORMS,
        assertThrows(IllegalArgumentException.class, () -> Schedules.parse("cyclic", 5))
            .getMessage());
    assertEquals("schedule 'exponential' has 0 arguments; the schedules are " + Schedules.FORMS,
        assertThrows(IllegalArgumentException.class, () -> Schedules.parse("exponential", 5))
            .getMessage());
    assertEquals("schedule 'step:1.5:0.1': '1.5' is not a whole number of epochs",
        assertThrows(IllegalArgumentException.class, () -> Schedules.parse("step:1.5:0.1", 5))
            .getMessage());
  }
}
