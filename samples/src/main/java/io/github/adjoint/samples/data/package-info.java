/**
 * The real data sets of the samples, read from the classpath ({@link
 * io.github.adjoint.samples.data.Datasets}), as {@link io.github.adjoint.samples.data.Dataset}s
 * ready for Adjoint's models: standardization, seeded shuffles, splits and mini-batches. The data
 * come from the UCI Machine Learning Repository under CC BY 4.0; see {@code data/CREDITS.md}.
 */
package io.github.adjoint.samples.data;
