package io.github.adjoint.train;

import java.io.IOException;

/**
 * A file that is no complete, intact checkpoint this version can read: not a checkpoint at all,
 * another format version, truncated, or corrupted (its checksum does not match). Nothing of it
 * was loaded. The message names the file and what is wrong.
 */
public final class CheckpointFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  CheckpointFormatException(String message) {
    super(message);
  }
}
