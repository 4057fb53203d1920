package io.github.adjoint.train;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Run as a separate JVM by {@link CheckpointFileTest}: writes {@code CheckpointSamples.full(0)}
 * to the file named by its argument, then starts writing {@code full(1)}, stops half-way through
 * the bytes, says {@code HALF} on standard output and waits to be killed.
 */
public final class CrashingWriter {
  private CrashingWriter() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    CheckpointSamples.full(0).write(file);
    CheckpointSamples.full(1).write(file, out -> new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len / 2);
        out.flush();
        System.out.println("HALF");
        System.out.flush();
        try {
          Thread.sleep(120_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("not killed in time");
      }
    });
  }
}
