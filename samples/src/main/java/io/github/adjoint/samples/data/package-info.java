/**
 * The real data sets shipped with the samples ({@link io.github.adjoint.samples.data.Datasets}),
 * read from the classpath into the runtime's {@link io.github.adjoint.data.Dataset}. The data
 * come from the UCI Machine Learning Repository under CC BY 4.0; see {@code data/CREDITS.md}.
 */
package io.github.adjoint.samples.data;
