package io.github.adjoint.processor.rules;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operand's share of a rule: "upstream gradient × local gradient", written in the rule table
 * as a template over {@code $g} (the upstream gradient), {@code $0}, {@code $1} (the operands),
 * {@code $z} (the result) and {@code $F} (the runtime's {@code Functions}), with a leading {@code
 * -} for a contribution that subtracts. The template is compiled once into tokens; every stage asks
 * the tokens what the rule reads, and emission builds code from them.
 */
public final class LocalGradient {
  /** The runtime class of the intrinsics and their helpers. */
  public static final ClassName FUNCTIONS = ClassName.get("io.github.adjoint", "Functions");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$([gz01F])");

  private sealed interface Token {}

  private record Text(String text) implements Token {}

  private record Upstream() implements Token {}

  private record Operand(int index) implements Token {}

  private record Result() implements Token {}

  private record Intrinsics() implements Token {}

  /** Stands for an operation that lowering rewrites before emission: never emitted. */
  private record Rewritten(String how) implements Token {}

  private final List<Token> tokens;
  private final boolean negated;

  private LocalGradient(List<Token> tokens, boolean negated) {
    this.tokens = List.copyOf(tokens);
    this.negated = negated;
  }

  /** Compiles a template of the rule table, e.g. {@code "$g * Math.cos($0)"} or {@code "-$g"}. */
  public static LocalGradient of(String template) {
    boolean negated = template.startsWith("-");
    String body = negated ? template.substring(1) : template;
    List<Token> tokens = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(body);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        tokens.add(new Text(body.substring(at, m.start())));
      }
      tokens.add(switch (m.group(1)) {
        case "g" -> new Upstream();
        case "z" -> new Result();
        case "F" -> new Intrinsics();
        default -> new Operand(Integer.parseInt(m.group(1)));
      });
      at = m.end();
    }
    if (at < body.length()) {
      tokens.add(new Text(body.substring(at)));
    }
    return new LocalGradient(tokens, negated);
  }

  /** The local gradient of an operation that lowering always rewrites (see {@link Rewritten}). */
  static LocalGradient rewrittenByLowering(String how) {
    return new LocalGradient(List.of(new Rewritten(how)), false);
  }

  /** Whether the contribution is subtracted from the operand's adjoint. */
  public boolean negated() {
    return negated;
  }

  /** Whether emitting it reads operand {@code index}'s value. */
  public boolean readsOperand(int index) {
    return tokens.stream().anyMatch(t -> t instanceof Operand o && o.index() == index);
  }

  /** Whether emitting it reads the operation's result. */
  public boolean readsResult() {
    return tokens.stream().anyMatch(t -> t instanceof Result);
  }

  /** The upstream gradient itself, added unchanged: the local gradient is the constant 1. */
  public boolean isUpstream() {
    return !negated && tokens.size() == 1 && tokens.get(0) instanceof Upstream;
  }

  /**
   * The contribution's magnitude where the upstream gradient is the constant 1: a leading factor
   * {@code $g * } is dropped ({@code 1.0 * a} is {@code a}, bit for bit), elsewhere the upstream
   * becomes {@code 1.0}.
   */
  public CodeBlock emitForUnitUpstream(List<CodeBlock> operands, CodeBlock result) {
    List<Token> folded = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean startsOperand = folded.isEmpty()
          || (folded.get(folded.size() - 1) instanceof Text before && opensOperand(before.text()));
      if (t instanceof Upstream
          && startsOperand
          && i + 1 < tokens.size()
          && tokens.get(i + 1) instanceof Text after
          && after.text().startsWith(" * ")) {
        String rest = after.text().substring(3);
        if (!rest.isEmpty()) {
          folded.add(new Text(rest));
        }
        i++; // the factor's " * " is consumed
      } else {
        folded.add(t instanceof Upstream ? new Text("1.0") : t);
      }
    }
    return new LocalGradient(folded, negated).emit(CodeBlock.of("1.0"), operands, result);
  }

  /** Text after which an operand starts afresh: nothing binds tighter to its left. */
  private static boolean opensOperand(String text) {
    String t = text.stripTrailing();
    return t.endsWith("?") || t.endsWith(":") || t.endsWith("(") || t.endsWith(",");
  }

  /** The contribution's magnitude (without its sign), over the given pieces of code. */
  public CodeBlock emit(CodeBlock upstream, List<CodeBlock> operands, CodeBlock result) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Token t : tokens) {
      if (t instanceof Text text) {
        code.add("$L", text.text());
      } else if (t instanceof Upstream) {
        code.add(upstream);
      } else if (t instanceof Result) {
        code.add(result);
      } else if (t instanceof Intrinsics) {
        code.add("$T", FUNCTIONS);
      } else if (t instanceof Rewritten r) {
        throw new IllegalStateException("a rule left for lowering reached emission: " + r.how());
      } else {
        code.add(operands.get(((Operand) t).index()));
      }
    }
    return code.build();
  }
}
