package io.github.adjoint.processor.read;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** The names of generated classes: {@code <Outer><Inner><Method>Backward}, in the same package. */
public final class GeneratedNames {
  /** The runtime annotation by which a generated class records the method it came from. */
  public static final String DERIVED_FROM = "io.github.adjoint.DerivedFrom";

  private GeneratedNames() {}

  /** {@code com.example.Foo.barBaz}: the origin {@code @DerivedFrom} records for a method. */
  public static String origin(ExecutableElement method) {
    return ownerName(method) + "." + method.getSimpleName();
  }

  /** The canonical name of the class declaring {@code method}. */
  public static String ownerName(ExecutableElement method) {
    return ((TypeElement) method.getEnclosingElement()).getQualifiedName().toString();
  }

  /** The origin a generated class records; empty for a class without {@code @DerivedFrom}. */
  public static Optional<String> recordedOrigin(TypeElement generated) {
    for (AnnotationMirror a : generated.getAnnotationMirrors()) {
      if (!((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(DERIVED_FROM)) {
        continue;
      }
      String type = "";
      String method = "";
      for (var value : a.getElementValues().entrySet()) {
        String key = value.getKey().getSimpleName().toString();
        if (key.equals("type")) {
          type = String.valueOf(value.getValue().getValue());
        } else if (key.equals("method")) {
          method = String.valueOf(value.getValue().getValue());
        }
      }
      return Optional.of(type + "." + method);
    }
    return Optional.empty();
  }

  /** Whether a generated class records that its method draws dropout masks. */
  public static boolean recordedDrawsDropout(TypeElement generated) {
    for (AnnotationMirror a : generated.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(DERIVED_FROM)) {
        for (var value : a.getElementValues().entrySet()) {
          if (value.getKey().getSimpleName().contentEquals("drawsDropout")) {
            return Boolean.TRUE.equals(value.getValue().getValue());
          }
        }
      }
    }
    return false;
  }

  /** The qualified name of the backward class of {@code method}. */
  public static String backwardName(Elements elements, ExecutableElement method) {
    String pkg = packageName(elements, method);
    String simple = backwardSimpleName(method);
    return pkg.isEmpty() ? simple : pkg + "." + simple;
  }

  public static String packageName(Elements elements, ExecutableElement method) {
    PackageElement pkg = elements.getPackageOf(method);
    return pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
  }

  public static String backwardSimpleName(ExecutableElement method) {
    return prefix(method) + "Backward";
  }

  /** The trainer's simple name: the backward class's, ending in {@code Trainer}. */
  public static String trainerSimpleName(ExecutableElement method) {
    return prefix(method) + "Trainer";
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
