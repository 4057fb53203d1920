package io.github.adjoint.train;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

/**
 * Replaces a file's contents atomically: the bytes go to a temporary file in the same folder
 * (a rename is atomic only within one file system), which is forced to the disk and then renamed
 * over the target; the folder is forced too, so that the rename itself survives a power loss. A
 * reader sees the old file or the new one, never a mix; a crash leaves at most a stray temporary
 * file named {@code .<name>.<random>.tmp}, which the next successful write removes.
 */
final class AtomicFile {
  private AtomicFile() {}

  static void write(Path target, byte[] bytes, UnaryOperator<OutputStream> wrap)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    String prefix = tempPrefix(absolute);
    Path temp = Files.createTempFile(folder, prefix, ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = wrap.apply(Channels.newOutputStream(channel));
        out.write(bytes);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
      }
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    forceFolder(folder);
    removeStrayTemporaries(folder, prefix);
  }

  private static String tempPrefix(Path absolute) {
    return "." + absolute.getFileName() + ".";
  }

  /** Makes the rename durable; some platforms cannot open a folder, and then it is skipped. */
  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory as a channel; its rename is durable on its own terms.
    }
  }

  /** Deletes temporary files that crashed writes of this target left behind. */
  private static void removeStrayTemporaries(Path folder, String prefix) {
    try (DirectoryStream<Path> stray = Files.newDirectoryStream(folder, glob(prefix) + "*.tmp")) {
      for (Path p : stray) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Only tidying: the checkpoint itself is written.
    }
  }

  /** {@code prefix} as a glob pattern that matches it literally. */
  private static String glob(String prefix) {
    return prefix.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
  }
}
