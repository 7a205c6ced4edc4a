package fr.vigie.stats.internal.report;

import fr.vigie.stats.internal.report.Section.Line;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes the yearly report as a PDF with Apache PDFBox: A4 pages, the standard Helvetica in WinAnsi
 * encoding (French accents, « », œ; nothing to fetch or embed), tables and horizontal bar charts
 * drawn as vectors, a footer with the page number on every page. Pure layout: the figures and their
 * wording come in {@link Section}s, already under statistical secrecy.
 */
public final class ReportPdf {

  /** The cover: who publishes, what, when. */
  public record Cover(
      String desk, String title, String subtitle, List<String> notes, String footer) {}

  /** A paragraph of the method page. */
  public record Paragraph(String heading, String text) {}

  private static final Map<Character, Boolean> ENCODABLE = new ConcurrentHashMap<>();

  private static final float MARGIN = 50;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
  private static final float BOTTOM = MARGIN + 20;
  private static final float ROW = 14;
  private static final float BODY = 9;
  private static final float[] INK = {0.10f, 0.12f, 0.16f};
  private static final float[] ACCENT = {0.114f, 0.310f, 0.569f};
  private static final float[] RULE = {0.80f, 0.82f, 0.85f};
  private static final float[] SHADE = {0.93f, 0.94f, 0.96f};
  private static final float LABEL_WIDTH = 170;
  private static final float BAR_WIDTH = 230;

  private final PDDocument doc = new PDDocument();
  // Per document: a font object belongs to the document it is written into.
  private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private PDPageContentStream out;
  private float y;

  private ReportPdf() {}

  /** The whole report: cover, sections in order, the method on a page of its own, footers. */
  public static byte[] render(
      Cover cover, List<Section> sections, List<Paragraph> method, Calendar created) {
    ReportPdf pdf = new ReportPdf();
    try {
      pdf.info(cover, created);
      pdf.cover(cover);
      for (Section section : sections) {
        pdf.section(section);
      }
      pdf.method(method);
      pdf.close();
      pdf.footers(cover.footer());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      pdf.doc.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        pdf.doc.close();
      } catch (IOException ignored) {
        // nothing was written anywhere but memory
      }
    }
  }

  private void info(Cover cover, Calendar created) {
    PDDocumentInformation info = doc.getDocumentInformation();
    info.setTitle(safe(regular, cover.title()));
    info.setAuthor(safe(regular, cover.desk()));
    info.setSubject(safe(regular, cover.subtitle()));
    info.setCreator("Vigie");
    info.setCreationDate(created);
    doc.getDocumentCatalog().setLanguage("fr-FR");
  }

  // ---- Parts -------------------------------------------------------------------------------

  private void cover(Cover cover) throws IOException {
    newPage();
    float band = 120;
    fill(ACCENT, MARGIN, TOP - band, WIDTH, band);
    text(bold, 11, MARGIN + 16, TOP - 28, cover.desk(), new float[] {1, 1, 1});
    text(bold, 22, MARGIN + 16, TOP - 66, cover.title(), new float[] {1, 1, 1});
    List<String> subtitle = wrap(regular, 11, cover.subtitle(), WIDTH - 32);
    for (int i = 0; i < Math.min(2, subtitle.size()); i++) {
      text(regular, 11, MARGIN + 16, TOP - 90 - 14 * i, subtitle.get(i), new float[] {1, 1, 1});
    }
    y = TOP - band - 24;
    for (String note : cover.notes()) {
      paragraph(regular, BODY, note);
    }
    y -= 6;
  }

  private void section(Section s) throws IOException {
    if (s.newPage()) {
      newPage();
    }
    ensure(ROW * 5);
    y -= 8;
    text(bold, 13, MARGIN, y, s.title(), ACCENT);
    y -= 18;
    if (s.intro() != null && !s.intro().isEmpty()) {
      paragraph(regular, BODY, s.intro());
      y -= 4;
    }
    if (s.chart()) {
      chart(s.lines());
      y -= 8;
    }
    table(s);
    y -= 10;
  }

  private void method(List<Paragraph> method) throws IOException {
    newPage();
    text(bold, 15, MARGIN, y, "Méthode", ACCENT);
    y -= 24;
    for (Paragraph p : method) {
      ensure(ROW * 3);
      text(bold, 10, MARGIN, y, p.heading(), INK);
      y -= 14;
      paragraph(regular, BODY, p.text());
      y -= 8;
    }
  }

  // ---- Tables and charts -------------------------------------------------------------------

  private void table(Section s) throws IOException {
    float[] widths = widths(s);
    boolean[] left = alignment(s);
    header(s.columns(), widths, left);
    boolean shade = false;
    for (Line line : s.lines()) {
      if (ensure(ROW)) {
        header(s.columns(), widths, left);
      }
      if (shade) {
        fill(SHADE, MARGIN, y - 4, WIDTH, ROW);
      }
      shade = !shade;
      row(line.total() ? bold : regular, line.label(), line.values(), widths, left, INK);
      y -= ROW;
    }
    stroke(RULE, MARGIN, y + ROW - 4, MARGIN + WIDTH, y + ROW - 4);
  }

  private void header(List<String> columns, float[] widths, boolean[] left) throws IOException {
    ensure(ROW * 2);
    fill(ACCENT, MARGIN, y - 4, WIDTH, ROW);
    row(
        bold,
        columns.get(0),
        columns.subList(1, columns.size()),
        widths,
        left,
        new float[] {1, 1, 1});
    y -= ROW;
  }

  /**
   * Which cells are written from the left of their column: those of a column whose first line is
   * words (a threat's name); figures, « secret statistique » and « sans objet » are right-aligned.
   */
  private static boolean[] alignment(Section s) {
    boolean[] left = new boolean[s.columns().size() - 1];
    if (!s.lines().isEmpty()) {
      List<String> first = s.lines().get(0).values();
      for (int i = 0; i < left.length && i < first.size(); i++) {
        String cell = first.get(i);
        left[i] =
            !cell.isEmpty()
                && !Character.isDigit(cell.charAt(0))
                && !cell.startsWith("«")
                && !cell.equals(Labels.NOT_APPLICABLE);
      }
    }
    return left;
  }

  /** One line of a table: the label left, the other cells as {@link #alignment} says. */
  private void row(
      PDType1Font font, String label, List<String> cells, float[] w, boolean[] left, float[] colour)
      throws IOException {
    float size = 8.5f;
    text(font, size, MARGIN + 4, y, fit(font, size, label, w[0] - 8), colour);
    float x = MARGIN + w[0];
    for (int i = 0; i < cells.size(); i++) {
      String cell = fit(font, size, cells.get(i), w[i + 1] - 8);
      float at = left[i] ? x + 4 : x + w[i + 1] - 4 - width(font, size, cell);
      text(font, size, at, y, cell, colour);
      x += w[i + 1];
    }
  }

  private static float[] widths(Section s) {
    int n = s.columns().size();
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] =
          s.widths() != null
              ? s.widths()[i] * WIDTH
              : i == 0 ? WIDTH * 0.4f : WIDTH * 0.6f / (n - 1);
    }
    return w;
  }

  /**
   * Horizontal bars, one per line that is not a total, scaled to the largest published value; a
   * hidden value is a hatched box labelled « secret statistique », whose length says nothing.
   */
  private void chart(List<Line> lines) throws IOException {
    long max = 1;
    for (Line l : lines) {
      if (!l.total() && !l.secret()) {
        max = Math.max(max, l.bar());
      }
    }
    float x0 = MARGIN + LABEL_WIDTH;
    for (Line l : lines) {
      if (l.total()) {
        continue;
      }
      ensure(ROW);
      text(regular, 8, MARGIN, y, fit(regular, 8, l.label(), LABEL_WIDTH - 8), INK);
      if (l.secret()) {
        hatch(x0, y - 2, 40, 9);
        text(regular, 8, x0 + 46, y, Labels.SECRET, INK);
      } else {
        float w = l.bar() == 0 ? 0 : Math.max(1, BAR_WIDTH * l.bar() / (float) max);
        fill(ACCENT, x0, y - 2, w, 9);
        text(regular, 8, x0 + w + 6, y, Labels.count(l.bar()), INK);
      }
      y -= ROW - 2;
    }
  }

  private void hatch(float x, float y0, float w, float h) throws IOException {
    out.saveGraphicsState();
    out.setStrokingColor(ACCENT[0], ACCENT[1], ACCENT[2]);
    out.setLineWidth(0.6f);
    out.addRect(x, y0, w, h);
    out.stroke();
    out.addRect(x, y0, w, h);
    out.clip();
    for (float d = -h; d < w; d += 4) {
      out.moveTo(x + d, y0);
      out.lineTo(x + d + h, y0 + h);
    }
    out.stroke();
    out.restoreGraphicsState();
  }

  // ---- Pages and text ----------------------------------------------------------------------

  private void newPage() throws IOException {
    close();
    PDPage page = new PDPage(PDRectangle.A4);
    doc.addPage(page);
    out = new PDPageContentStream(doc, page);
    y = TOP;
  }

  /** Starts a new page when less than {@code height} is left; tells whether it did. */
  private boolean ensure(float height) throws IOException {
    if (out == null || y - height < BOTTOM) {
      newPage();
      return true;
    }
    return false;
  }

  private void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }

  private void footers(String footer) throws IOException {
    int pages = doc.getNumberOfPages();
    for (int i = 0; i < pages; i++) {
      try (PDPageContentStream s =
          new PDPageContentStream(
              doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
        out = s;
        stroke(RULE, MARGIN, MARGIN + 10, MARGIN + WIDTH, MARGIN + 10);
        text(regular, 7.5f, MARGIN, MARGIN, fit(regular, 7.5f, footer, WIDTH - 80), INK);
        String number = "page " + (i + 1) + " / " + pages;
        text(regular, 7.5f, MARGIN + WIDTH - width(regular, 7.5f, number), MARGIN, number, INK);
      }
    }
    out = null;
  }

  private void paragraph(PDType1Font font, float size, String text) throws IOException {
    for (String line : wrap(font, size, text, WIDTH)) {
      ensure(ROW);
      text(font, size, MARGIN, y, line, INK);
      y -= size + 4;
    }
  }

  private void text(PDType1Font font, float size, float x, float at, String s, float[] colour)
      throws IOException {
    out.beginText();
    out.setNonStrokingColor(colour[0], colour[1], colour[2]);
    out.setFont(font, size);
    out.newLineAtOffset(x, at);
    out.showText(safe(font, s));
    out.endText();
  }

  private void fill(float[] colour, float x, float y0, float w, float h) throws IOException {
    out.setNonStrokingColor(colour[0], colour[1], colour[2]);
    out.addRect(x, y0, w, h);
    out.fill();
  }

  private void stroke(float[] colour, float x1, float y1, float x2, float y2) throws IOException {
    out.setStrokingColor(colour[0], colour[1], colour[2]);
    out.setLineWidth(0.5f);
    out.moveTo(x1, y1);
    out.lineTo(x2, y2);
    out.stroke();
  }

  static List<String> wrap(PDType1Font font, float size, String text, float width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    // French typography: a guillemet never ends or starts a line apart from its words.
    String glued = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»");
    for (String word : glued.split(" ")) {
      String tried = line.length() == 0 ? word : line + " " + word;
      if (line.length() > 0 && width(font, size, tried) > width) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(tried);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** The text cut with an ellipsis to fit {@code width}. */
  static String fit(PDType1Font font, float size, String text, float width) {
    if (width(font, size, text) <= width) {
      return text;
    }
    String cut = text;
    while (cut.length() > 1 && width(font, size, cut + "…") > width) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut.strip() + "…";
  }

  static float width(PDType1Font font, float size, String text) {
    try {
      return font.getStringWidth(safe(font, text)) / 1000 * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The text with what WinAnsi cannot write replaced: spaces of any width become a plain space (a
   * French number written by Java has a narrow no-break one), anything else unknown a '?'.
   */
  static String safe(PDType1Font font, String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (Character.isSpaceChar(c) || c == '\t' || c == '\n') {
        s.append(' ');
      } else if (ENCODABLE.computeIfAbsent(c, ch -> encodable(font, ch))) {
        s.append(c);
      } else {
        s.append('?');
      }
    }
    return s.toString();
  }

  private static boolean encodable(PDType1Font font, char c) {
    try {
      font.encode(String.valueOf(c));
      return true;
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }
}
