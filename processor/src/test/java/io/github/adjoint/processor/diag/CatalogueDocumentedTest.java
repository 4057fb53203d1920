package io.github.adjoint.processor.diag;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's error catalogue lists every tag the processor can report. */
class CatalogueDocumentedTest {
  @Test
  void everyTagIsInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    for (Message m : Message.values()) {
      assertTrue(readme.contains("`" + m.tag() + "`"), m.tag() + " is missing from README.md's error catalogue");
    }
  }

  @Test
  void everyMessageStartsWithItsTag() {
    for (Message m : Message.values()) {
      String text = m.format("a", "b", "c", "d");
      assertTrue(text.startsWith("[Adjoint:"), text);
    }
  }
}
