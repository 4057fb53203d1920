/**
 * A differential fuzzer for the Adjoint processor (test scope).
 *
 * <ul>
 *   <li>{@link io.github.adjoint.processor.fuzz.ProgramGenerator} (with {@code ExprGenerator},
 *       {@code Hazards} and {@code Scope}) makes seeded random valid programs over the whole fence,
 *       as {@link io.github.adjoint.processor.fuzz.Ast} trees;
 *   <li>{@code JavaPrinter} prints them as {@code @Differentiable} methods, {@code TwinPrinter} as
 *       forward-mode twins over {@link io.github.adjoint.processor.fuzz.Dual} numbers that compute
 *       the same values with the same floating-point operations;
 *   <li>{@code FuzzRunner} compiles batches of programs and twins in one javac run with the
 *       processor, {@code GradientCheck} compares values (bit for bit) and gradients (1e-10);
 *   <li>{@code Shrinker} delta-debugs a failing program to a minimal one that fails the same way;
 *   <li>{@code ErrorMutator} turns valid programs into invalid ones for the error path.
 * </ul>
 *
 * <p>{@code mvn -B verify} runs {@code DifferentialFuzzTest} (200 programs, seed 1) and {@code
 * ErrorPathFuzzTest} (90 mutants). Any number of programs, any seed:
 *
 * <pre>
 * mvn -B -o -pl processor -am test -Dtest=DifferentialFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfuzz.count=10000 -Dfuzz.seed=N
 * </pre>
 *
 * <p>Surefire passes {@code -D} properties of the Maven command line on to the test JVM as system
 * properties, so no pom configuration is needed. Further properties: {@code fuzz.first} (first
 * program index; {@code -Dfuzz.first=I -Dfuzz.count=1} reproduces program I), {@code fuzz.shrink}
 * (how many distinct failures to shrink, default 3), {@code fuzz.shrinkSeconds} (time per shrink,
 * default 45), {@code fuzz.errorCount} (mutants of {@code ErrorPathFuzzTest}), {@code
 * fuzz.verbose}.
 */
package io.github.adjoint.processor.fuzz;
