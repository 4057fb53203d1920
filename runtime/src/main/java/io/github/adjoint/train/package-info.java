/**
 * What generated trainers share: the {@link io.github.adjoint.train.Trainer} interface and the
 * {@link io.github.adjoint.train.TrainerState} they snapshot to and restore from.
 */
package io.github.adjoint.train;
