/**
 * Labelled data for training: {@link io.github.adjoint.data.Csv} reads a CSV file (layouts in
 * {@link io.github.adjoint.data.CsvFormat}) into a {@link io.github.adjoint.data.Dataset}, naming
 * file, line and column of anything malformed; {@link io.github.adjoint.data.Split} makes a
 * seeded, stratified train/test split; {@link io.github.adjoint.data.Standardizer} standardizes
 * features with statistics of the training part only; {@link io.github.adjoint.data.SplitMix64}
 * is the seeded random generator behind shuffles and splits, its state one saveable {@code long}.
 */
package io.github.adjoint.data;
