package io.github.adjoint.processor.diag;

/**
 * The catalogue of every diagnostic Adjoint reports. Each message starts with a stable tag, so
 * tools and tests can match on it; the text names the construct and says what to do instead.
 */
public enum Message {
  NOT_STATIC("NotStatic", "@Differentiable method %s must be static; move its state into parameters"),
  RETURN_TYPE("ReturnType", "@Differentiable method %s must return double, not %s"),
  PARAMETER_TYPE(
      "ParameterType",
      "parameter %s has type %s; a @Differentiable method takes double, double[], double[][]"
          + " (differentiable unless @NoGrad) and int, long, boolean (never differentiable)"),
  NO_BODY("NoBody", "@Differentiable method %s has no body to differentiate"),
  OVERLOADED(
      "Overloaded",
      "@Differentiable method %s is overloaded in %s; generated class names would collide,"
          + " give each @Differentiable method a distinct name"),
  UNSUPPORTED_STATEMENT("UnsupportedStatement", "%s is not supported in a @Differentiable method; %s"),
  UNSUPPORTED_EXPRESSION("UnsupportedExpression", "%s is not supported in a @Differentiable method; %s"),
  UNSUPPORTED_TYPE(
      "UnsupportedType",
      "type %s is not supported in a @Differentiable method; use double, int, long or boolean"),
  UNSUPPORTED_CALL(
      "UnsupportedCall",
      "%s has no derivative; annotate it @Differentiable (a static method returning double),"
          + " or use a java.lang.Math function or an Adjoint intrinsic"),
  INSTANCE_CALL(
      "InstanceCall",
      "call of method %s on an object is not supported; only static calls of java.lang.Math,"
          + " StrictMath and @Differentiable methods can be differentiated"),
  FIELD_WRITE(
      "FieldWrite",
      "assignment to field %s; a @Differentiable method may only assign its locals and scalar"
          + " parameters, return the value instead"),
  UNSUPPORTED_FIELD(
      "UnsupportedField",
      "field %s is not a static final constant; pass it as a (@NoGrad) parameter instead"),
  ARRAY_CONSTANT(
      "ArrayConstant",
      "field %s is a static final %s: final fixes the reference, not the elements, so an array is"
          + " not a constant; pass it as a @NoGrad %2$s parameter"),
  INACCESSIBLE_CONSTANT(
      "InaccessibleConstant",
      "constant %s is private and not a compile-time constant, so generated code cannot read it;"
          + " make it package-private or pass it as a parameter"),
  UNKNOWN_NAME("UnknownName", "cannot resolve %s"),
  TYPE_MISMATCH(
      "TypeMismatch",
      "%s is %s where %s is expected; %s"),
  ARGUMENT_COUNT(
      "ArgumentCount",
      "%s takes %s argument(s), not %s; pass one argument per parameter"),
  MISSING_BACKWARD(
      "MissingBackward",
      "%s is @Differentiable but its generated class %s is not on the classpath; compile %s with"
          + " the Adjoint processor"),
  PARAMETER_ARRAY_WRITE(
      "ParameterArrayWrite",
      "write into %s, which is (part of) a parameter array; the caller's data must not change,"
          + " copy it into a local array first"),
  ARRAY_REASSIGN(
      "ArrayReassign",
      "array variable %s %s; declare array locals once, with their initializer"
          + " (new double[n], {...} or a row m[i]), and write their elements"),
  ARRAY_IN_LOOP(
      "ArrayInLoop",
      "%s allocates an array inside a loop; allocate it once before the loop and overwrite its"
          + " elements"),
  NAME_COLLISION(
      "NameCollision",
      "the generated class %s of %s would also be the generated class of %s; rename one of the"
          + " methods"),
  NO_GRAD_ARGUMENT(
      "NoGradArgument",
      "argument %s of %s depends on a differentiable value but the parameter is @NoGrad, so its"
          + " derivative would be lost; remove @NoGrad from that parameter or pass a value that"
          + " does not depend on the differentiable parameters"),
  KEEP_PROBABILITY(
      "KeepProbability",
      "the keep probability %s of Functions.dropout is %s, outside (0, 1]; keep is the"
          + " probability of keeping a unit (keep = 0.7 drops it with probability 0.3), keep = 1 is"
          + " inference (no dropout)"),
  DIFFERENTIABLE_KEEP(
      "DifferentiableKeep",
      "the keep probability %s of Functions.dropout depends on a differentiable value, and no"
          + " derivative with respect to a keep probability is meant; pass a constant or a @NoGrad"
          + " parameter"),
  NOT_JAVAC(
      "NotJavac",
      "Adjoint reads method bodies through javac's com.sun.source.util.Trees, which this compiler"
          + " environment (%s) does not provide; compile with javac"),
  INTERNAL_ERROR(
      "InternalError",
      "Adjoint failed on %s; this is a bug in Adjoint, please report it with this trace:%n%s");

  private final String tag;
  private final String format;

  Message(String tag, String format) {
    this.tag = tag;
    this.format = format;
  }

  /** The stable tag, e.g. {@code [Adjoint:UnsupportedCall]}. */
  public String tag() {
    return "[Adjoint:" + tag + "]";
  }

  public String format(Object... args) {
    return tag() + " " + String.format(format, args);
  }
}
