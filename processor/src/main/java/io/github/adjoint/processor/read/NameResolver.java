package io.github.adjoint.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves the names a body mentions (types, static fields, static methods) syntactically, the way
 * javac would, from the enclosing classes, the imports, the package and {@code java.lang}. Bodies
 * are not attributed during annotation processing, so this never asks javac for a body's types.
 */
final class NameResolver {
  private final Elements elements;
  private final TypeElement owner;
  private final CompilationUnitTree unit;

  NameResolver(Elements elements, TypeElement owner, CompilationUnitTree unit) {
    this.elements = elements;
    this.owner = owner;
    this.unit = unit;
  }

  /** A type named by an identifier or a dotted name, or empty. */
  Optional<TypeElement> type(ExpressionTree name) {
    if (name instanceof IdentifierTree id) {
      return simpleType(id.getName().toString());
    }
    if (name instanceof MemberSelectTree select) {
      String member = select.getIdentifier().toString();
      Optional<TypeElement> outer = type(select.getExpression());
      if (outer.isPresent()) {
        return memberType(outer.get(), member);
      }
      return Optional.ofNullable(elements.getTypeElement(name.toString()));
    }
    return Optional.empty();
  }

  private Optional<TypeElement> simpleType(String simple) {
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      if (t.getSimpleName().contentEquals(simple)) {
        return Optional.of(t);
      }
      Optional<TypeElement> member = memberType(t, simple);
      if (member.isPresent()) {
        return member;
      }
    }
    for (ImportTree imp : imports()) {
      String imported = imp.getQualifiedIdentifier().toString();
      if (!imp.isStatic() && imported.endsWith("." + simple)) {
        return Optional.ofNullable(elements.getTypeElement(imported));
      }
    }
    PackageElement pkg = elements.getPackageOf(owner);
    String samePackage =
        pkg.isUnnamed() ? simple : pkg.getQualifiedName() + "." + simple;
    TypeElement found = elements.getTypeElement(samePackage);
    if (found != null) {
      return Optional.of(found);
    }
    for (ImportTree imp : imports()) {
      String imported = imp.getQualifiedIdentifier().toString();
      if (!imp.isStatic() && imported.endsWith(".*")) {
        String candidate = imported.substring(0, imported.length() - 1) + simple;
        found = elements.getTypeElement(candidate);
        if (found != null) {
          return Optional.of(found);
        }
      }
    }
    return Optional.ofNullable(elements.getTypeElement("java.lang." + simple));
  }

  private static Optional<TypeElement> memberType(TypeElement outer, String simple) {
    return ElementFilter.typesIn(outer.getEnclosedElements()).stream()
        .filter(t -> t.getSimpleName().contentEquals(simple))
        .findFirst();
  }

  private static TypeElement enclosingType(TypeElement t) {
    Element e = t.getEnclosingElement();
    return e instanceof TypeElement te ? te : null;
  }

  /** A field visible by its simple name: in an enclosing class or statically imported. */
  Optional<VariableElement> field(String simple) {
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      Optional<VariableElement> f = field(t, simple);
      if (f.isPresent()) {
        return f;
      }
    }
    for (TypeElement from : staticImportSources(simple)) {
      Optional<VariableElement> f = field(from, simple);
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  static Optional<VariableElement> field(TypeElement type, String simple) {
    for (TypeElement t = type; t != null; t = superclass(t)) {
      Optional<VariableElement> f =
          ElementFilter.fieldsIn(t.getEnclosedElements()).stream()
              .filter(v -> v.getSimpleName().contentEquals(simple))
              .findFirst();
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  private static TypeElement superclass(TypeElement t) {
    if (t.getSuperclass() instanceof javax.lang.model.type.DeclaredType d
        && d.asElement() instanceof TypeElement s
        && !s.getQualifiedName().contentEquals("java.lang.Object")) {
      return s;
    }
    return null;
  }

  /** The class whose static method a simple-name call refers to, or empty. */
  Optional<TypeElement> methodOwner(String simple) {
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      if (!methods(t, simple).isEmpty()) {
        return Optional.of(t);
      }
    }
    for (TypeElement from : staticImportSources(simple)) {
      if (!methods(from, simple).isEmpty()) {
        return Optional.of(from);
      }
    }
    return Optional.empty();
  }

  static List<ExecutableElement> methods(TypeElement type, String simple) {
    List<ExecutableElement> found = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (m.getSimpleName().contentEquals(simple)) {
        found.add(m);
      }
    }
    return found;
  }

  private List<TypeElement> staticImportSources(String simple) {
    List<TypeElement> sources = new ArrayList<>();
    for (ImportTree imp : imports()) {
      if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree select)) {
        continue;
      }
      String member = select.getIdentifier().toString();
      if (member.equals(simple) || member.equals("*")) {
        TypeElement from = elements.getTypeElement(select.getExpression().toString());
        if (from != null && from.getKind() != ElementKind.PACKAGE) {
          sources.add(from);
        }
      }
    }
    return sources;
  }

  private List<? extends ImportTree> imports() {
    return unit == null ? List.of() : unit.getImports();
  }
}
