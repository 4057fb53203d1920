package io.github.adjoint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's worked example shows the class the processor generates today, verbatim. */
class ReadmeExampleTest {
  private static final String INTRO = "Adjoint generates `LectureExamplesFBackward` in the same package:\n\n```java\n";

  @Test
  void workedExampleIsTheGeneratedSource() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf(INTRO);
    if (start < 0) {
      throw new AssertionError("README.md lost its worked example");
    }
    start += INTRO.length();
    String shown = readme.substring(start, readme.indexOf("\n```", start));
    String generated =
        Files.readString(
            Path.of("target/generated-sources/annotations/io/github/adjoint/samples/LectureExamplesFBackward.java"),
            StandardCharsets.UTF_8);
    assertEquals(generated.strip(), shown.strip(), "update README.md's worked example");
  }
}
