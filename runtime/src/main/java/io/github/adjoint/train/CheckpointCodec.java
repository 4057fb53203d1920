package io.github.adjoint.train;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The checkpoint file format, version 1. Big-endian throughout; a string is an int32 byte count
 * and that many bytes of UTF-8; a state is encoded as {@code TrainerState} below.
 *
 * <pre>
 * offset  size  field
 * 0       8     magic: 0x89 'A' 'D' 'J' 'C' 'K' 'P' 'T'
 * 8       4     int32 format version (1)
 * 12      8     int64 payload length P
 * 20      P     payload
 * 20+P    4     CRC-32 (java.util.zip.CRC32, the zip/PNG polynomial) of bytes 0 .. 20+P-1
 *
 * payload:
 *   string  optimizer configuration (text, informational)
 *   int32   examples per epoch         int32  batch size
 *   int32   epochs completed           int32  batches completed in the current epoch
 *   int64   shuffle state at the start of the current epoch
 *   float64 sum of the current epoch's losses so far
 *   float64 base learning rate         int64  schedule position     float64 learning rate
 *   int32   random-stream count n, then n times: string name, int64 state (sorted by name)
 *   TrainerState  the trainer's state
 *   int8    1 if early stopping has a best epoch, else 0; if 1:
 *             int32 best epoch, float64 best metric (lower is better), TrainerState best state
 *   int32   epochs without improvement
 *   int32   history length h, then h times: int32 epoch, int64 steps, float64 training loss,
 *           float64 validation loss, float64 validation accuracy, float64 learning rate
 *
 * TrainerState:
 *   string function ("Class.method")   string optimizer kind   int64 steps
 *   int32   entry count e, then e times:
 *           string name, int8 kind (0 scalar, 1 vector, 2 matrix), int32 row count r,
 *           then r times: int32 length k, k float64 values
 * </pre>
 *
 * <p>A reader checks, before it decodes anything: the magic, the version (it reads version 1
 * only), that the file is exactly {@code 24 + P} bytes long, and the checksum. So a truncated,
 * extended or corrupted file is an error, never a partly loaded state; every count is also
 * checked against the bytes that remain, so even a file with a forged checksum cannot make the
 * reader allocate more than the file holds.
 */
final class CheckpointCodec {
  static final byte[] MAGIC = {(byte) 0x89, 'A', 'D', 'J', 'C', 'K', 'P', 'T'};
  static final int VERSION = 1;
  static final int HEADER_BYTES = 20;
  static final int CHECKSUM_BYTES = 4;

  private CheckpointCodec() {}

  static byte[] encode(Checkpoint c) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeString(out, c.optimizer());
      out.writeInt(c.examples());
      out.writeInt(c.batchSize());
      out.writeInt(c.epoch());
      out.writeInt(c.batch());
      out.writeLong(c.shuffleState());
      out.writeDouble(c.epochLossSum());
      out.writeDouble(c.baseLr());
      out.writeLong(c.scheduleStep());
      out.writeDouble(c.lr());
      out.writeInt(c.randomStreams().size());
      for (Map.Entry<String, Long> stream : c.randomStreams().entrySet()) {
        writeString(out, stream.getKey());
        out.writeLong(stream.getValue());
      }
      writeState(out, c.state());
      out.writeByte(c.best() == null ? 0 : 1);
      if (c.best() != null) {
        out.writeInt(c.best().epoch());
        out.writeDouble(c.best().metric());
        writeState(out, c.best().state());
      }
      out.writeInt(c.epochsWithoutImprovement());
      out.writeInt(c.history().size());
      for (EpochResult r : c.history()) {
        out.writeInt(r.epoch());
        out.writeLong(r.steps());
        out.writeDouble(r.trainingLoss());
        out.writeDouble(r.validationLoss());
        out.writeDouble(r.validationAccuracy());
        out.writeDouble(r.lr());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    byte[] payload = bytes.toByteArray();
    ByteBuffer file = ByteBuffer.allocate(HEADER_BYTES + payload.length + CHECKSUM_BYTES);
    file.put(MAGIC).putInt(VERSION).putLong(payload.length).put(payload);
    CRC32 crc = new CRC32();
    crc.update(file.array(), 0, file.position());
    file.putInt((int) crc.getValue());
    return file.array();
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static void writeState(DataOutputStream out, TrainerState state) throws IOException {
    writeString(out, state.function());
    writeString(out, state.optimizer());
    out.writeLong(state.steps());
    out.writeInt(state.entries().size());
    for (TrainerState.Entry e : state.entries()) {
      writeString(out, e.name());
      out.writeByte(e.kind().ordinal());
      double[][] rows = e.rows();
      out.writeInt(rows.length);
      for (double[] row : rows) {
        out.writeInt(row.length);
        for (double v : row) {
          out.writeDouble(v);
        }
      }
    }
  }

  /** Checks the whole file, then decodes it. */
  static Checkpoint decode(String file, byte[] bytes) throws CheckpointFormatException {
    int start = Math.min(bytes.length, MAGIC.length);
    if (!Arrays.equals(Arrays.copyOf(bytes, start), Arrays.copyOf(MAGIC, start))) {
      throw new CheckpointFormatException(file + " is not an Adjoint checkpoint (it does not start"
          + " with the checkpoint magic bytes 89 41 44 4A 43 4B 50 54)");
    }
    if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) {
      throw new CheckpointFormatException(file + " is truncated: " + bytes.length
          + " bytes, shorter than a checkpoint's header and checksum");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, MAGIC.length, HEADER_BYTES - MAGIC.length);
    int version = header.getInt();
    if (version != VERSION) {
      throw new CheckpointFormatException(file + (checksumHolds(bytes)
          ? " is a checkpoint of format version " + version
          : " is corrupted, or a checkpoint of an unknown format version " + version)
          + "; this version of Adjoint reads version " + VERSION);
    }
    long payload = header.getLong();
    long expected = HEADER_BYTES + payload + CHECKSUM_BYTES;
    if (payload < 0 || expected != bytes.length) {
      throw new CheckpointFormatException(file + " is " + (expected > bytes.length || payload < 0
          ? "truncated or corrupted" : "corrupted or has trailing bytes") + ": its header announces "
          + payload + " payload bytes (" + expected + " in all), the file has " + bytes.length);
    }
    if (!checksumHolds(bytes)) {
      throw new CheckpointFormatException(file + " is corrupted: its CRC-32 checksum "
          + String.format("%08x", storedChecksum(bytes)) + " does not match its contents ("
          + String.format("%08x", checksum(bytes)) + ")");
    }
    Reader in = new Reader(file, ByteBuffer.wrap(bytes, HEADER_BYTES, (int) payload));
    try {
      Checkpoint c = in.checkpoint();
      in.requireEnd();
      return c;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CheckpointFormatException(file + " is corrupted: " + e.getMessage());
    }
  }

  private static boolean checksumHolds(byte[] bytes) {
    return storedChecksum(bytes) == checksum(bytes);
  }

  /** The CRC-32 of everything before the last four bytes. */
  private static int checksum(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - CHECKSUM_BYTES);
    return (int) crc.getValue();
  }

  private static int storedChecksum(byte[] bytes) {
    return ByteBuffer.wrap(bytes, bytes.length - CHECKSUM_BYTES, CHECKSUM_BYTES).getInt();
  }

  /** Reads the payload, checking every length against what remains. */
  private static final class Reader {
    private final String file;
    private final ByteBuffer in;

    Reader(String file, ByteBuffer in) {
      this.file = file;
      this.in = in;
    }

    Checkpoint checkpoint() throws CheckpointFormatException {
      String optimizer = string("optimizer configuration");
      int examples = need(4, "examples").getInt();
      int batchSize = need(4, "batch size").getInt();
      int epoch = need(4, "epoch").getInt();
      int batch = need(4, "batch").getInt();
      long shuffleState = need(8, "shuffle state").getLong();
      double epochLossSum = need(8, "epoch loss sum").getDouble();
      double baseLr = need(8, "base learning rate").getDouble();
      long scheduleStep = need(8, "schedule position").getLong();
      double lr = need(8, "learning rate").getDouble();
      int streams = count(12, "random streams");
      Map<String, Long> randomStreams = new LinkedHashMap<>();
      for (int i = 0; i < streams; i++) {
        randomStreams.put(string("random stream name"), need(8, "random stream state").getLong());
      }
      TrainerState state = state("trainer state");
      Checkpoint.Best best = null;
      if (need(1, "early stopping flag").get() != 0) {
        int bestEpoch = need(4, "best epoch").getInt();
        double metric = need(8, "best metric").getDouble();
        best = new Checkpoint.Best(bestEpoch, metric, state("best state"));
      }
      int patienceCounter = need(4, "epochs without improvement").getInt();
      int epochs = count(44, "history");
      List<EpochResult> history = new ArrayList<>(epochs);
      for (int i = 0; i < epochs; i++) {
        need(44, "history entry");
        history.add(new EpochResult(in.getInt(), in.getLong(), in.getDouble(), in.getDouble(),
            in.getDouble(), in.getDouble()));
      }
      return new Checkpoint(state, optimizer, examples, batchSize, epoch, batch, shuffleState,
          epochLossSum, baseLr, scheduleStep, lr, randomStreams, best, patienceCounter, history);
    }

    private TrainerState state(String what) throws CheckpointFormatException {
      String function = string(what + ": function");
      String optimizer = string(what + ": optimizer");
      long steps = need(8, what + ": steps").getLong();
      int entries = count(9, what + ": entries");
      List<TrainerState.Entry> list = new ArrayList<>(entries);
      TrainerState.Kind[] kinds = TrainerState.Kind.values();
      for (int i = 0; i < entries; i++) {
        String name = string(what + ": entry name");
        int kind = need(1, what + ": kind of " + name).get();
        if (kind < 0 || kind >= kinds.length) {
          throw corrupted(what + ": entry " + name + " has the unknown kind " + kind);
        }
        double[][] rows = new double[count(4, what + ": rows of " + name)][];
        for (int r = 0; r < rows.length; r++) {
          rows[r] = new double[count(8, what + ": values of " + name)];
          in.asDoubleBuffer().get(rows[r]);
          in.position(in.position() + 8 * rows[r].length);
        }
        list.add(new TrainerState.Entry(name, kinds[kind], rows));
      }
      return new TrainerState(function, optimizer, steps, list);
    }

    private String string(String what) throws CheckpointFormatException {
      byte[] utf8 = new byte[count(1, what)];
      in.get(utf8);
      return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Reads a count of items of at least {@code bytesEach} bytes, checked against the rest. */
    private int count(int bytesEach, String what) throws CheckpointFormatException {
      int n = need(4, what).getInt();
      if (n < 0 || (long) n * bytesEach > in.remaining()) {
        throw corrupted(what + ": a count of " + n + " does not fit the " + in.remaining()
            + " bytes that remain");
      }
      return n;
    }

    private ByteBuffer need(int bytes, String what) throws CheckpointFormatException {
      if (in.remaining() < bytes) {
        throw corrupted(what + " is cut off");
      }
      return in;
    }

    void requireEnd() throws CheckpointFormatException {
      if (in.hasRemaining()) {
        throw corrupted(in.remaining() + " bytes after the last field");
      }
    }

    private CheckpointFormatException corrupted(String what) {
      return new CheckpointFormatException(file + " is corrupted: " + what);
    }
  }
}
