package io.github.adjoint.processor.diagnostics;

import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.assertErrorAt;
import static io.github.adjoint.processor.diagnostics.DiagnosticAssertions.compileBad;
import static io.github.adjoint.processor.diagnostics.StatementDiagnosticsTest.method;

import io.github.adjoint.processor.diagnostics.DiagnosticAssertions.Compiled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Locals of a type outside double, int, long, boolean: {@code [Adjoint:UnsupportedType]} naming it. */
class LocalTypeDiagnosticsTest {

  private static final String TAG = "[Adjoint:UnsupportedType]";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "float scale = 2;              | float",
        "char letter = 'a';            | char",
        "String label = \"loss\";      | String",
        "byte small = 1;               | byte",
        "short medium = 1;             | short",
        "Double boxed = x;             | Double",
        "Object anything = null;       | Object",
      })
  void unsupportedLocalType(String declaration, String type) {
    Compiled c = compileBad(method(declaration + "\nreturn x;\n"));
    assertErrorAt(c, TAG, declaration, type);
  }

  @Test
  void unsupportedTypeIsReportedAtTheDeclarationLine() {
    Compiled c =
        compileBad(
            method(
                """
                double a = x * x;
                double b = a + 1;
                float c = 1;
                double d = b * 2;
                return d;
                """));
    assertErrorAt(c, TAG, "float c = 1;", "float");
  }
}
