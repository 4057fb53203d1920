package io.github.adjoint.benchmarks;

/**
 * The element-wise tensor operations an unfused framework runs an optimizer step with, one
 * whole-array pass each, named after PyTorch's in-place ops ({@code mul_}, {@code add_}, {@code
 * lerp_}, {@code addcmul_}, {@code addcdiv_}, {@code sqrt}, {@code zero_}). Each is a plain counted
 * loop with one index for every array, the form C2 auto-vectorizes, so the unfused baseline is as
 * fast per pass as plain Java gets: what it loses against the fused step is the extra passes over
 * memory, nothing else.
 */
final class TensorOps {
  private TensorOps() {}

  /** {@code a.mul_(c)}: a ← c·a. */
  static void mul(double[] a, double c) {
    for (int i = 0; i < a.length; i++) {
      a[i] = a[i] * c;
    }
  }

  /** {@code a.div_(c)}: a ← a / c. */
  static void div(double[] a, double c) {
    for (int i = 0; i < a.length; i++) {
      a[i] = a[i] / c;
    }
  }

  /** {@code a.add_(c)}: a ← a + c. */
  static void add(double[] a, double c) {
    for (int i = 0; i < a.length; i++) {
      a[i] = a[i] + c;
    }
  }

  /** {@code a.add_(b, alpha=c)}: a ← a + c·b. */
  static void add(double[] a, double[] b, double c) {
    for (int i = 0; i < a.length; i++) {
      a[i] = a[i] + c * b[i];
    }
  }

  /** {@code a.lerp_(b, c)}: a ← a + c·(b − a). */
  static void lerp(double[] a, double[] b, double c) {
    for (int i = 0; i < a.length; i++) {
      a[i] = a[i] + c * (b[i] - a[i]);
    }
  }

  /** {@code a.addcmul_(b, b, value=c)}: a ← a + c·b·b. */
  static void addSquare(double[] a, double[] b, double c) {
    for (int i = 0; i < a.length; i++) {
      a[i] = a[i] + c * b[i] * b[i];
    }
  }

  /** {@code a.addcdiv_(b, d, value=c)}: a ← a + c·b / d. */
  static void addQuotient(double[] a, double[] b, double[] d, double c) {
    for (int i = 0; i < a.length; i++) {
      a[i] = a[i] + c * b[i] / d[i];
    }
  }

  /** {@code torch.sqrt(a, out=d)}: d ← √a, into a temporary. */
  static void sqrt(double[] d, double[] a) {
    for (int i = 0; i < a.length; i++) {
      d[i] = Math.sqrt(a[i]);
    }
  }

  /** {@code a.copy_(b)}. */
  static void copy(double[] a, double[] b) {
    System.arraycopy(b, 0, a, 0, a.length);
  }

  /** {@code a.zero_()}. */
  static void zero(double[] a) {
    java.util.Arrays.fill(a, 0.0);
  }
}
