package fr.vigie.geo.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal RFC 4180 reader for the reference files: comma-separated fields, double-quoted when they
 * hold a comma, quote or line break, {@code ""} for a quote, LF or CRLF line ends. Written here
 * rather than added as a dependency because the files are ours and the format is small.
 */
public final class CsvReader {

  private final Reader in;
  private int peeked = -2;

  public CsvReader(Reader in) {
    this.in = in;
  }

  /** The next record's fields, or {@code null} at the end of the input. */
  public List<String> next() {
    if (peek() == -1) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    while (true) {
      fields.add(peek() == '"' ? quoted() : plain());
      int c = read();
      if (c == ',') {
        continue;
      }
      if (c == '\r' && peek() == '\n') {
        read();
      } else if (c != '\n' && c != -1) {
        throw new IllegalArgumentException("malformed CSV near character '" + (char) c + "'");
      }
      return fields;
    }
  }

  private String plain() {
    StringBuilder field = new StringBuilder();
    for (int c = peek(); c != ',' && c != '\n' && c != '\r' && c != -1; c = peek()) {
      if (c == '"') {
        throw new IllegalArgumentException("quote inside an unquoted CSV field: " + field);
      }
      field.append((char) read());
    }
    return field.toString();
  }

  private String quoted() {
    read(); // opening quote
    StringBuilder field = new StringBuilder();
    while (true) {
      int c = read();
      if (c == -1) {
        throw new IllegalArgumentException("unterminated quoted CSV field: " + field);
      }
      if (c == '"') {
        if (peek() != '"') {
          return field.toString();
        }
        read();
      }
      field.append((char) c);
    }
  }

  private int peek() {
    if (peeked == -2) {
      peeked = readChar();
    }
    return peeked;
  }

  private int read() {
    int c = peek();
    peeked = -2;
    return c;
  }

  private int readChar() {
    try {
      return in.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
