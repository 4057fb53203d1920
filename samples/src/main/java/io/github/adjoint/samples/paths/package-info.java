/**
 * The lecture's convergence-path pictures: optimizers descending a ravine and Rosenbrock's valley
 * through generated trainers ({@link io.github.adjoint.samples.paths.Landscapes}), level lines by
 * marching squares ({@link io.github.adjoint.samples.paths.LevelLines}), charts written with
 * XChart ({@link io.github.adjoint.samples.paths.PathPicture}); {@link
 * io.github.adjoint.samples.paths.ConvergencePaths#write(java.nio.file.Path)} writes them all.
 */
package io.github.adjoint.samples.paths;
