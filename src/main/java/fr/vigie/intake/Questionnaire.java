package fr.vigie.intake;

import io.micronaut.context.annotation.Context;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The intake questionnaire (DESIGN.md §4, §10): the steps, questions, options and French labels
 * that the web form and the phone operator follow alike, read once from {@value #RESOURCE}. Built
 * while the application starts, so a broken file stops the start rather than the form. Served
 * compact, with a strong ETag derived from its bytes.
 */
@Context
public final class Questionnaire {

  static final String RESOURCE = "fr/vigie/intake/questionnaire.json";

  private final byte[] body;
  private final String etag;
  private final String version;

  @Inject
  Questionnaire(JsonMapper json) {
    this(json, resource(), RESOURCE);
  }

  Questionnaire(JsonMapper json, byte[] file, String source) {
    JsonNode root;
    try {
      root = json.readValue(file, JsonNode.class);
      if (root == null || !root.isObject()) {
        throw new IllegalStateException("not a JSON object");
      }
      this.version = text(root, "version");
      text(root, "locale");
      JsonNode steps = root.get("steps");
      if (steps == null || !steps.isArray() || steps.size() == 0) {
        throw new IllegalStateException("\"steps\" must be a non-empty list");
      }
      this.body = json.writeValueAsBytes(root);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "The questionnaire " + source + " is invalid: " + e.getMessage(), e);
    }
    this.etag = "\"" + version + "-" + sha256(body).substring(0, 16) + "\"";
  }

  /** The questionnaire as compact JSON (the report form pages read it too); do not change it. */
  public byte[] body() {
    return body;
  }

  String etag() {
    return etag;
  }

  String version() {
    return version;
  }

  private static String text(JsonNode root, String name) {
    JsonNode node = root.get(name);
    if (node == null || !node.isString() || node.getStringValue().isBlank()) {
      throw new IllegalStateException("\"" + name + "\" must be a non-empty string");
    }
    return node.getStringValue();
  }

  private static byte[] resource() {
    try (InputStream in = Questionnaire.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The questionnaire " + RESOURCE + " is missing.");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
