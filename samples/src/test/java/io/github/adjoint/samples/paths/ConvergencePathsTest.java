package io.github.adjoint.samples.paths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The files the demo writes: names, PNG size, SVG content, and the same bytes every time. */
class ConvergencePathsTest {

  @TempDir static Path folder;
  private static List<Path> files;

  @BeforeAll
  static void writeOnce() {
    files = ConvergencePaths.write(folder.resolve("pictures"));
  }

  @Test
  void writesPathsAndLossesOfBothLandscapesAsPngAndSvg() {
    List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(List.of("ravine.png", "ravine.svg", "ravine-loss.png", "ravine-loss.svg",
        "rosenbrock.png", "rosenbrock.svg", "rosenbrock-loss.png", "rosenbrock-loss.svg"), names);
    for (Path file : files) {
      assertEquals(folder.resolve("pictures"), file.getParent());
      assertTrue(Files.isRegularFile(file), file + " exists");
    }
  }

  @Test
  void everyPngDecodesToTheChartsSize() throws IOException {
    for (Path file : files) {
      if (file.toString().endsWith(".png")) {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " decodes");
        assertEquals(1000, image.getWidth(), file.toString());
        assertEquals(700, image.getHeight(), file.toString());
      }
    }
  }

  @Test
  void theRavineSvgDrawsEveryStepOfEveryPath() throws Exception {
    Document svg = parse(folder.resolve("pictures/ravine.svg"));
    assertEquals("svg", svg.getDocumentElement().getTagName());
    for (Color colour : PathPicture.PALETTE) {
      // 100 steps: 100 segments and 101 points, and one more of each in the legend.
      assertEquals(101, count(svg, "line", "stroke:" + rgb(colour)), rgb(colour) + " segments");
      assertEquals(102, count(svg, "ellipse", "fill:" + rgb(colour)), rgb(colour) + " markers");
    }
    assertTrue(count(svg, "line", "stroke:rgb(184,184,184)") > 100, "the level lines are drawn");
  }

  @Test
  void theRosenbrockSvgDrawsEveryPathWithItsTenMilestones() throws Exception {
    Document svg = parse(folder.resolve("pictures/rosenbrock.svg"));
    for (Color colour : PathPicture.PALETTE) {
      assertTrue(count(svg, "line", "stroke:" + rgb(colour)) > 10, rgb(colour) + " is drawn");
      assertEquals(10, count(svg, "ellipse", "fill:" + rgb(colour)), rgb(colour) + " milestones");
    }
  }

  @Test
  void theLossSvgsDrawOneCurvePerOptimizer() throws Exception {
    for (String name : List.of("ravine-loss.svg", "rosenbrock-loss.svg")) {
      Document svg = parse(folder.resolve("pictures").resolve(name));
      for (Color colour : PathPicture.PALETTE) {
        assertTrue(count(svg, "line", "stroke:" + rgb(colour)) > 2, name + " " + rgb(colour));
      }
    }
  }

  @Test
  void theSameRunWritesTheSameBytes() throws IOException {
    List<Path> again = ConvergencePaths.write(folder.resolve("again"));
    for (int k = 0; k < files.size(); k++) {
      assertArrayEquals(Files.readAllBytes(files.get(k)), Files.readAllBytes(again.get(k)),
          again.get(k).getFileName() + " differs between two runs");
    }
  }

  private static Document parse(Path svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // The file names SVG 1.1's DTD; parsing must not fetch it.
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(svg.toFile());
  }

  /** The elements {@code tag} whose style contains {@code style}. */
  private static int count(Document svg, String tag, String style) {
    NodeList nodes = svg.getElementsByTagNameNS("*", tag);
    int n = 0;
    for (int i = 0; i < nodes.getLength(); i++) {
      if (((Element) nodes.item(i)).getAttribute("style").contains(style + ";")) {
        n++;
      }
    }
    return n;
  }

  private static String rgb(Color c) {
    return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
  }
}
