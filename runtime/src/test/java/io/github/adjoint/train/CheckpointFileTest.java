package io.github.adjoint.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format as documented; corrupted and truncated files; atomic writes under failure. */
class CheckpointFileTest {

  @Test
  void roundTripsEveryField(@TempDir Path dir) throws IOException {
    for (Checkpoint c : List.of(CheckpointSamples.full(0), CheckpointSamples.minimal())) {
      Path file = dir.resolve("c.ckpt");
      c.write(file);
      assertEquals(c, Checkpoint.read(file));
    }
    assertArrayEquals(CheckpointCodec.encode(CheckpointSamples.full(0)),
        CheckpointCodec.encode(CheckpointSamples.full(0)), "deterministic bytes");
  }

  @Test
  void layoutIsTheDocumentedOne() {
    byte[] bytes = CheckpointCodec.encode(CheckpointSamples.full(0));
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte[] magic = new byte[8];
    in.get(magic);
    assertArrayEquals(new byte[] {(byte) 0x89, 'A', 'D', 'J', 'C', 'K', 'P', 'T'}, magic);
    assertEquals(1, in.getInt(), "version");
    assertEquals(bytes.length - 24, in.getLong(), "payload length");
    assertEquals("Adam[lr=0.001, beta1=0.9]", string(in));
    assertEquals(List.of(120, 16, 2, 5),
        List.of(in.getInt(), in.getInt(), in.getInt(), in.getInt()));
    assertEquals(0x1234_5678_9abc_def0L, in.getLong(), "shuffle state");
    assertEquals(12.75, in.getDouble(), "epoch loss sum");
    assertEquals(0.01, in.getDouble(), "base lr");
    assertEquals(21, in.getLong(), "schedule step");
    assertEquals(0.0075, in.getDouble(), "lr");
    assertEquals(2, in.getInt(), "random streams, sorted by name");
    assertEquals("augment", string(in));
    assertEquals(42, in.getLong());
    assertEquals("dropout", string(in));
    assertEquals(-5, in.getLong());
    assertEquals("Models.mlpLoss", string(in));
    assertEquals("Adam", string(in));
    assertEquals(17, in.getLong(), "steps");
    assertEquals(6, in.getInt(), "entries");
    assertEquals("b", string(in));
    assertEquals(List.of(0, 1, 1), List.of((int) in.get(), in.getInt(), in.getInt()));
    assertEquals(0.5, in.getDouble());
    assertEquals("w", string(in));
    assertEquals(List.of(1, 1, 3), List.of((int) in.get(), in.getInt(), in.getInt()));
    assertEquals(1.0, in.getDouble());
    // The history closes the payload: a count, then 44 bytes per epoch.
    in.position(bytes.length - 4 - 2 * 44 - 4);
    assertEquals(2, in.getInt());
    assertEquals(1, in.getInt());
    assertEquals(8, in.getLong());
    assertEquals(List.of(1.5, 1.25, 0.5, 0.01),
        List.of(in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble()));
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    assertEquals((int) crc.getValue(), ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt());
  }

  private static String string(ByteBuffer in) {
    byte[] utf8 = new byte[in.getInt()];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  @Test
  void everyFlippedBitOrByteIsDetected() {
    byte[] good = CheckpointCodec.encode(CheckpointSamples.full(0));
    for (int i = 0; i < good.length; i++) {
      for (int mask : new int[] {0x01, 0x10, 0x80, 0xFF}) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) mask;
        int at = i;
        var e = assertThrows(CheckpointFormatException.class,
            () -> CheckpointCodec.decode("x.ckpt", bad), "byte " + at + " ^ " + mask);
        assertTrue(e.getMessage().startsWith("x.ckpt is "), e.getMessage());
      }
    }
  }

  @Test
  void aFileCutAtAnyLengthIsTruncated() {
    byte[] good = CheckpointCodec.encode(CheckpointSamples.full(0));
    for (int length = 0; length < good.length; length++) {
      byte[] cut = Arrays.copyOf(good, length);
      var e = assertThrows(CheckpointFormatException.class,
          () -> CheckpointCodec.decode("x.ckpt", cut), "length " + length);
      assertTrue(e.getMessage().startsWith("x.ckpt is truncated"),
          "length " + length + ": " + e.getMessage());
    }
  }

  @Test
  void otherFilesVersionsAndTrailingBytesAreNamed() {
    byte[] good = CheckpointCodec.encode(CheckpointSamples.minimal());
    assertEquals("x.ckpt is not an Adjoint checkpoint (it does not start with the checkpoint"
        + " magic bytes 89 41 44 4A 43 4B 50 54)", message("epoch,loss\n1,0.5\n".getBytes()));

    byte[] future = good.clone();
    future[11] = 2;
    resealChecksum(future);
    assertEquals("x.ckpt is a checkpoint of format version 2; this version of Adjoint reads"
        + " version 1", message(future));
    byte[] flipped = good.clone();
    flipped[11] = 3;
    assertTrue(message(flipped).startsWith("x.ckpt is corrupted, or a checkpoint of an unknown"
        + " format version 3"), message(flipped));

    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertTrue(message(longer).startsWith("x.ckpt is corrupted or has trailing bytes"),
        message(longer));
  }

  @Test
  void aForgedChecksumCannotMakeTheReaderAllocateMoreThanTheFile() {
    byte[] bytes = CheckpointCodec.encode(CheckpointSamples.minimal());
    // payload: string "" (4), 4 ints (16), long, double, double, long, double (40), streams (4),
    // then the state: "F.f" (7), "Sgd" (7), steps (8), and its entry count.
    int entries = 20 + 4 + 16 + 40 + 4 + 7 + 7 + 8;
    assertEquals(0, ByteBuffer.wrap(bytes, entries, 4).getInt());
    ByteBuffer.wrap(bytes, entries, 4).putInt(Integer.MAX_VALUE);
    resealChecksum(bytes);
    assertEquals("x.ckpt is corrupted: trainer state: entries: a count of 2147483647 does not fit"
        + " the 9 bytes that remain", message(bytes)); // flag 1, patience 4, history count 4
  }

  private static String message(byte[] bytes) {
    return assertThrows(CheckpointFormatException.class,
        () -> CheckpointCodec.decode("x.ckpt", bytes)).getMessage();
  }

  private static void resealChecksum(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes, bytes.length - 4, 4).putInt((int) crc.getValue());
  }

  /** Writes half of what it is given, then fails as a full disk would. */
  private static UnaryOperator<OutputStream> failingHalfWay(RuntimeException unchecked) {
    return out -> new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len / 2);
        if (unchecked != null) {
          throw unchecked;
        }
        throw new IOException("No space left on device");
      }
    };
  }

  @Test
  void aFailedSaveLeavesThePreviousCheckpointIntact(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("run.ckpt");
    CheckpointSamples.full(0).write(file);
    byte[] before = Files.readAllBytes(file);
    for (RuntimeException unchecked : new RuntimeException[] {null, new IllegalStateException()}) {
      Exception e = assertThrows(Exception.class,
          () -> CheckpointSamples.full(1).write(file, failingHalfWay(unchecked)));
      assertTrue(unchecked == null ? e instanceof IOException : e == unchecked, e.toString());
      assertArrayEquals(before, Files.readAllBytes(file));
      assertEquals(CheckpointSamples.full(0), Checkpoint.read(file));
      assertEquals(List.of(file), list(dir), "the temporary file is removed");
    }
  }

  @Test
  void aSaveRemovesTemporaryFilesThatCrashedSavesLeft(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("run.ckpt");
    Path stray = Files.write(dir.resolve(".run.ckpt.8172635.tmp"), new byte[] {1, 2, 3});
    Path other = Files.write(dir.resolve(".other.ckpt.1.tmp"), new byte[] {1});
    CheckpointSamples.full(0).write(file);
    assertFalse(Files.exists(stray));
    assertTrue(Files.exists(other), "another checkpoint's temporary file is not ours");
  }

  @Test
  void aProcessKilledHalfWayThroughASaveLeavesThePreviousCheckpoint(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("run.ckpt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashingWriter.class.getName(), file.toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("HALF", out.readLine(), "the writer reached the middle of its second save");
      writer.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
      assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
    }
    assertEquals(CheckpointSamples.full(0), Checkpoint.read(file), "the first save, whole");
    List<Path> files = list(dir);
    assertEquals(2, files.size(), "the checkpoint and the half-written temporary: " + files);
    Path temp = files.get(0).equals(file) ? files.get(1) : files.get(0);
    assertTrue(temp.getFileName().toString().startsWith(".run.ckpt."), temp.toString());
    assertEquals(CheckpointCodec.encode(CheckpointSamples.full(1)).length / 2, Files.size(temp));

    CheckpointSamples.full(2).write(file);
    assertEquals(CheckpointSamples.full(2), Checkpoint.read(file));
    assertEquals(List.of(file), list(dir));
  }

  @Test
  void aMissingFileIsAnIoError(@TempDir Path dir) {
    assertThrows(java.nio.file.NoSuchFileException.class,
        () -> Checkpoint.read(dir.resolve("none.ckpt")));
    assertNull(CheckpointSamples.minimal().best());
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
