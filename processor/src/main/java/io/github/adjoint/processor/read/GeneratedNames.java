package io.github.adjoint.processor.read;

import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** The names of generated classes: {@code <Outer><Inner><Method>Backward}, in the same package. */
public final class GeneratedNames {
  private GeneratedNames() {}

  public static String packageName(Elements elements, ExecutableElement method) {
    PackageElement pkg = elements.getPackageOf(method);
    return pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
  }

  public static String backwardSimpleName(ExecutableElement method) {
    return prefix(method) + "Backward";
  }

  private static String prefix(ExecutableElement method) {
    StringBuilder owners = new StringBuilder();
    for (Element e = method.getEnclosingElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
      owners.insert(0, e.getSimpleName());
    }
    String name = method.getSimpleName().toString();
    return owners.toString() + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** {@code Outer.Inner.method}, as users write it. */
  public static String display(ExecutableElement method) {
    StringBuilder owners = new StringBuilder();
    for (Element e = method.getEnclosingElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
      owners.insert(0, e.getSimpleName() + ".");
    }
    return owners.toString() + method.getSimpleName();
  }
}
