package io.github.adjoint.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.github.adjoint.processor.ir.Pos;

/**
 * The comment above each block of generated code, naming the source statement and line it comes
 * from: once per statement, not again for the next lines of the same one.
 */
final class Comments {
  private final String fileName;
  private Pos last;

  Comments(String fileName) {
    this.fileName = fileName;
  }

  void comment(CodeBlock.Builder out, Pos pos, String prefix) {
    if (pos.equals(last) || pos.line() == 0) {
      return;
    }
    last = pos;
    String text = pos.statement().replace("\\u", "\\ u");
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1);
    }
    out.add("// $L$L ($L:$L)\n", prefix, text, fileName, pos.line());
  }

  /** The statement last commented, to return to after a block that may have commented others. */
  Pos last() {
    return last;
  }

  void resume(Pos pos) {
    last = pos;
  }
}
