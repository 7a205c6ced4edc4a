package fr.vigie.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import fr.vigie.http.Problem.FieldError;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a JSON body as strictly as the intake reads a report (issue 16, findings 5 and 6), for any
 * body type: a duplicate key, a value of the wrong JSON type for the field it fills (a string for a
 * boolean, a number for a text: the JSON binder would coerce them) are <em>malformed</em> (400); a
 * text with a control, bidirectional or invisible character ({@link Texts#characters}) is
 * <em>invalid</em> (422). Every problem names its field ({@code referrals[0].note}). One streaming
 * pass, no tree; record types are read by reflection, other bodies by their bean introspection.
 * Syntax errors are left to the reader of the body, which reports them.
 */
public final class StrictJson {

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** Means "any JSON value": its texts are still checked. */
  private static final Type ANY = Object.class;

  /** What is wrong with a body: malformed (400) and invalid (422) fields. */
  public record Findings(List<FieldError> malformed, List<FieldError> invalid) {
    public boolean clean() {
      return malformed.isEmpty() && invalid.isEmpty();
    }
  }

  private final List<FieldError> malformed = new ArrayList<>();
  private final List<FieldError> invalid = new ArrayList<>();
  private final boolean values;

  private StrictJson(boolean values) {
    this.values = values;
  }

  /**
   * Checks {@code body} against {@code type}: types and characters of every value, and duplicate
   * keys. With {@code type} null only duplicate keys are checked (the reader of the body checks the
   * rest itself, as the intake does).
   */
  public static Findings check(byte[] body, Type type) {
    StrictJson strict = new StrictJson(type != null);
    try (JsonParser parser = FACTORY.createParser(body)) {
      if (parser.nextToken() != null) {
        strict.value(parser, type == null ? ANY : type, "");
      }
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      if (message != null && message.startsWith("Duplicate field '")) {
        String name = message.substring(17, Math.max(17, message.lastIndexOf('\'')));
        String parent =
            e.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext()) : "";
        strict.malformed.add(
            new FieldError(
                parent.isEmpty() ? clip(name) : parent + "." + clip(name), "appears twice"));
      }
      // Any other syntax error: the body's reader answers it.
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new Findings(List.copyOf(strict.malformed), List.copyOf(strict.invalid));
  }

  /** The path of the object a parser is in (its own name excluded: it may be the duplicate). */
  private static String path(com.fasterxml.jackson.core.JsonStreamContext object) {
    StringBuilder path = new StringBuilder();
    for (var c = object.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        path.insert(0, "." + clip(c.getCurrentName()));
      } else if (c.inArray()) {
        path.insert(0, "[" + c.getCurrentIndex() + "]");
      }
    }
    return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
  }

  private void value(JsonParser parser, Type type, String path) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    Class<?> raw = raw(type);
    String expected = values ? expected(raw, token) : null;
    if (expected != null) {
      malformed.add(new FieldError(path, "must be " + expected));
      parser.skipChildren();
      return;
    }
    switch (token) {
      case START_OBJECT -> object(parser, type, raw, path);
      case START_ARRAY -> {
        Type element = element(type, raw);
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          value(parser, element, path + "[" + index++ + "]");
        }
      }
      case VALUE_STRING -> text(parser.getText(), path);
      default -> {}
    }
  }

  private void object(JsonParser parser, Type type, Class<?> raw, String path) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String fieldPath = path.isEmpty() ? clip(name) : path + "." + clip(name);
      text(name, fieldPath);
      parser.nextToken();
      value(parser, member(type, raw, name), fieldPath);
    }
  }

  private void text(String value, String path) {
    if (!values) {
      return;
    }
    // Line breaks and tabs are allowed in every body: notes and messages have several lines, and
    // a one-line field with a line break is refused by its own rule or matches nothing.
    String problem = Texts.characters(value, true);
    if (problem != null) {
      invalid.add(new FieldError(path, problem));
    }
  }

  /** What the JSON token should have been for a field of type {@code raw}, or null if it fits. */
  private static String expected(Class<?> raw, JsonToken token) {
    if (raw == String.class || raw == CharSequence.class || raw == char.class) {
      return token == JsonToken.VALUE_STRING ? null : "a string";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return token.isBoolean() ? null : "true or false";
    }
    if (raw == Integer.class
        || raw == int.class
        || raw == Long.class
        || raw == long.class
        || raw == Short.class
        || raw == short.class
        || raw == BigInteger.class) {
      return token == JsonToken.VALUE_NUMBER_INT ? null : "a whole number";
    }
    if (raw == Double.class
        || raw == double.class
        || raw == Float.class
        || raw == float.class
        || raw == BigDecimal.class) {
      return token.isNumeric() ? null : "a number";
    }
    if (raw.isEnum()
        || TemporalAccessor.class.isAssignableFrom(raw)
        || raw == java.time.Duration.class
        || raw == java.time.Period.class
        || raw == UUID.class
        || raw == URI.class) {
      return token == JsonToken.VALUE_STRING ? null : "a string";
    }
    if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
      return token == JsonToken.START_ARRAY ? null : "a JSON array";
    }
    if (raw.isRecord() || Map.class.isAssignableFrom(raw) || bean(raw) != null) {
      return token == JsonToken.START_OBJECT ? null : "a JSON object";
    }
    return null;
  }

  private static Type member(Type type, Class<?> raw, String name) {
    if (raw.isRecord()) {
      for (RecordComponent component : raw.getRecordComponents()) {
        com.fasterxml.jackson.annotation.JsonProperty renamed =
            component.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        String json =
            renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
        if (json.equals(name)) {
          return component.getGenericType();
        }
      }
      return ANY; // an unknown field: the binder refuses it
    }
    if (Map.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[1];
    }
    BeanIntrospection<?> bean = bean(raw);
    if (bean != null) {
      return bean.getProperty(name).map(p -> (Type) p.asArgument().asType()).orElse(ANY);
    }
    return ANY;
  }

  /** A class the framework binds by introspection (the login's credentials), or null. */
  private static BeanIntrospection<?> bean(Class<?> raw) {
    if (raw.isPrimitive()
        || raw.isArray()
        || raw.getName().startsWith("java.")
        || Map.class.isAssignableFrom(raw)
        || Collection.class.isAssignableFrom(raw)) {
      return null;
    }
    return BeanIntrospector.SHARED.findIntrospection(raw).orElse(null);
  }

  private static Type element(Type type, Class<?> raw) {
    if (type instanceof GenericArrayType array) {
      return array.getGenericComponentType();
    }
    if (raw.isArray()) {
      return raw.getComponentType();
    }
    if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[0];
    }
    return ANY;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return raw(p.getRawType());
    }
    if (type instanceof GenericArrayType a) {
      return java.lang.reflect.Array.newInstance(raw(a.getGenericComponentType()), 0).getClass();
    }
    if (type instanceof WildcardType w && w.getUpperBounds().length > 0) {
      return raw(w.getUpperBounds()[0]);
    }
    return Object.class;
  }

  private static String clip(String name) {
    if (Texts.characters(name, false) != null) {
      return "?"; // never echo a control character back
    }
    return name.length() > 64 ? name.substring(0, 64) + "…" : name;
  }
}
