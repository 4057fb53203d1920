package io.github.adjoint.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The private methods a generated class's sweeps are cut into. HotSpot never JIT-compiles a method
 * over 8,000 bytes of bytecode (HugeMethodLimit), so a large function's sweeps become chunks of at
 * most {@link io.github.adjoint.processor.plan.RecordPlanner#CHUNK_WRITES} writes each; and a
 * sweep with loops runs its reverse in a method of its own, which C2 optimises better.
 */
final class Chunks {
  private final NameAllocator methods;
  private final List<MethodSpec> chunks = new ArrayList<>();

  Chunks(NameAllocator methods) {
    this.methods = methods;
  }

  /** A new private method {@code prefix<n>()} running {@code code}; returns its name. */
  String add(String prefix, CodeBlock code) {
    String name = methods.newName(prefix + (chunks.size() + 1));
    chunks.add(MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE).addCode(code).build());
    return name;
  }

  /** The reverse sweep's own method, placed first. */
  void addFirst(MethodSpec method) {
    chunks.add(0, method);
  }

  String newMethodName(String suggestion) {
    return methods.newName(suggestion);
  }

  List<MethodSpec> all() {
    return chunks;
  }
}
