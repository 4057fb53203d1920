package io.github.adjoint.processor.testing;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** The result of a successful in-memory compilation: its class files, loadable. */
public final class Compiled {
  private final Compilation compilation;
  private final Map<String, byte[]> classFiles = new LinkedHashMap<>();
  private final ClassLoader parent;
  private final MemoryClassLoader loader;
  private final String[] sources;

  Compiled(Compilation compilation, ClassLoader parent, String[] sources) {
    this.compilation = compilation;
    this.parent = parent;
    this.sources = sources;
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      classFiles.put(binaryName(file), read(file));
    }
    this.loader = new MemoryClassLoader(parent, classFiles);
  }

  public Compilation compilation() {
    return compilation;
  }

  /** Binary names of every class file of this compilation (user classes and generated ones). */
  public Map<String, byte[]> classFiles() {
    return Collections.unmodifiableMap(classFiles);
  }

  public ClassLoader loader() {
    return loader;
  }

  public Class<?> load(String binaryName) {
    try {
      return Class.forName(binaryName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(
          "class " + binaryName + " was not produced by the compilation; class files: " + classFiles.keySet()
              + "\ngenerated sources: " + generatedSourceNames(), e);
    }
  }

  /**
   * The function {@code method} of user class {@code userClass} with its generated backward class;
   * {@code gradients} names the differentiable parameters, i.e. the expected gradient fields, in the
   * order in which tests give expected gradients.
   */
  public Differentiated function(String userClass, String method, String... gradients) {
    return new Differentiated(this, userClass, method, gradients);
  }

  /** The text of a generated source file, for failure messages; empty if there is none. */
  public String generatedSource(String qualifiedName) {
    Optional<JavaFileObject> file = compilation.generatedSourceFile(qualifiedName);
    if (file.isEmpty()) {
      return "<no generated source " + qualifiedName + ">";
    }
    try {
      return file.get().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String generatedSourceNames() {
    StringBuilder sb = new StringBuilder();
    for (JavaFileObject f : compilation.generatedSourceFiles()) {
      sb.append(f.getName()).append(' ');
    }
    return sb.toString();
  }

  String sources() {
    return String.join("\n---\n", sources);
  }

  /** Writes every class file of this compilation under a new temporary directory (like a jar). */
  Path writeClassesToTemporaryDirectory() {
    Path dir = InMemoryCompiler.newTemporaryDirectory();
    try {
      for (Map.Entry<String, byte[]> e : classFiles.entrySet()) {
        Path file = dir.resolve(e.getKey().replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
        file.toFile().deleteOnExit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** A loader for classes written by {@link #writeClassesToTemporaryDirectory()}. */
  ClassLoader classpathLoader(Path dir) {
    try {
      return new URLClassLoader(new URL[] {dir.toUri().toURL()}, parent);
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String binaryName(JavaFileObject file) {
    String path = file.toUri().getPath();
    String marker = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
    int at = path.indexOf(marker);
    String relative = at >= 0 ? path.substring(at + marker.length()) : path.replaceFirst("^/+", "");
    if (!relative.endsWith(".class")) {
      throw new IllegalStateException("not a class file: " + path);
    }
    return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
  }

  private static byte[] read(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class MemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    MemoryClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
