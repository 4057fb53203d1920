/**
 * Primitive last-in first-out tapes that generated reverse sweeps use to record what loops
 * overwrite. Owned by a generated backward instance and reused across calls.
 */
package io.github.adjoint.tape;
