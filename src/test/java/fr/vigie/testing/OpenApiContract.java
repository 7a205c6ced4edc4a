package fr.vigie.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The published contract {@code openapi/vigie.yaml} (DESIGN.md §1), read for tests: its operations,
 * and the checks that an HTTP answer is one the contract declares (status, media type, required
 * headers) with a body that validates against the declared schema.
 *
 * <p>OpenAPI 3.1 schemas are JSON Schema 2020-12 in the OpenAPI dialect: the whole document is
 * registered with networknt's validator under a name that is never fetched, and each schema is
 * loaded by its JSON pointer in the document, so {@code #/components/schemas/…} references resolve
 * inside the file. Formats ({@code date-time}, {@code uri}…) are asserted, not just annotations.
 */
public final class OpenApiContract {

  /** Where the contract lives, relative to the project root (the tests' working directory). */
  public static final Path FILE = Path.of("openapi", "vigie.yaml");

  /**
   * Headers that carry meaning for a client: a response that sends one must declare it, so the
   * contract says when to expect it (framework headers such as Date or Content-Length are not
   * checked).
   */
  private static final List<String> CONTRACT_HEADERS =
      List.of("ETag", "Location", "Retry-After", "Idempotent-Replayed", "Cache-Control");

  private static final String DOCUMENT_URI = "https://vigie.example/openapi/vigie.json";
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static final List<String> DOCUMENT_FIELDS =
      List.of(
          "openapi",
          "info",
          "jsonSchemaDialect",
          "servers",
          "paths",
          "webhooks",
          "components",
          "security",
          "tags",
          "externalDocs");

  private final JsonNode document;
  private final JsonSchemaFactory factory;
  private final SchemaValidatorsConfig config;
  private final ObjectMapper json = new ObjectMapper();

  private OpenApiContract(JsonNode document) throws IOException {
    this.document = document;
    String text = json.writeValueAsString(document);
    // The OpenAPI dialect, plus the document's own top-level fields and its specification
    // extensions (x-…): the whole document is loaded as one schema resource, and these are not
    // schema keywords.
    Set<String> extensions = new TreeSet<>();
    collectExtensions(document, extensions);
    JsonMetaSchema dialect =
        JsonMetaSchema.builder(OpenApi31.getInstance())
            .keywords(DOCUMENT_FIELDS.stream().map(NonValidationKeyword::new).toList())
            .keywords(extensions.stream().map(NonValidationKeyword::new).toList())
            .build();
    this.factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder ->
                builder
                    .metaSchema(dialect)
                    .defaultMetaSchemaIri(dialect.getIri())
                    .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_URI, text))));
    this.config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).locale(Locale.ROOT).build();
  }

  private static void collectExtensions(JsonNode node, Set<String> extensions) {
    node.properties()
        .forEach(
            e -> {
              if (e.getKey().startsWith("x-")) {
                extensions.add(e.getKey());
              }
              collectExtensions(e.getValue(), extensions);
            });
    if (node.isArray()) {
      node.forEach(item -> collectExtensions(item, extensions));
    }
  }

  public static OpenApiContract load() {
    try {
      return new OpenApiContract(new YAMLMapper().readTree(Files.readString(FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the contract " + FILE.toAbsolutePath(), e);
    }
  }

  public JsonNode document() {
    return document;
  }

  /** An HTTP method and a path template whose variables are all written {@code {}}. */
  public record Route(String method, String path) implements Comparable<Route> {

    public static Route of(String method, String pathTemplate) {
      String path = pathTemplate.replaceAll("\\{[^}]*}", "{}");
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return new Route(method.toUpperCase(Locale.ROOT), path);
    }

    @Override
    public int compareTo(Route other) {
      int byPath = path.compareTo(other.path);
      return byPath != 0 ? byPath : method.compareTo(other.method);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Every operation the contract declares. */
  public Set<Route> routes() {
    Set<Route> routes = new TreeSet<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            routes.add(Route.of(method, path.getKey()));
                          }
                        }));
    return routes;
  }

  /** The values of the enumeration schema {@code components.schemas.<name>}. */
  public List<String> enumValues(String schemaName) {
    List<String> values = new ArrayList<>();
    document
        .path("components")
        .path("schemas")
        .path(schemaName)
        .path("enum")
        .forEach(v -> values.add(v.asText()));
    return values;
  }

  /** The names of the enumeration schemas under {@code components.schemas}. */
  public Set<String> enumSchemaNames() {
    Set<String> names = new TreeSet<>();
    document
        .path("components")
        .path("schemas")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().has("enum")) {
                names.add(e.getKey());
              }
            });
    return names;
  }

  /**
   * What is wrong with an answer to {@code method pathTemplate} (the template exactly as written in
   * the contract): an undeclared status, an undeclared media type, a required header missing, a
   * header whose value is outside its schema, a meaningful header ({@link #CONTRACT_HEADERS}) sent
   * but not declared, or a JSON body that does not validate. Empty when the answer is one the
   * contract describes.
   */
  public List<String> responseViolations(
      String method,
      String pathTemplate,
      int status,
      String contentType,
      String body,
      Function<String, Optional<String>> headers) {
    String where = method.toUpperCase(Locale.ROOT) + " " + pathTemplate + " → " + status;
    String operation = operationPointer(method, pathTemplate);
    if (at(operation).isMissingNode()) {
      return List.of(where + ": the contract has no such operation");
    }
    JsonNode responses = at(operation + "/responses");
    String key = statusKey(responses, status);
    if (key == null) {
      List<String> declared = new ArrayList<>();
      responses.fieldNames().forEachRemaining(declared::add);
      return List.of(where + ": status not declared (declared: " + declared + ")");
    }
    String response = resolve(operation + "/responses/" + escape(key));
    List<String> problems = new ArrayList<>();
    Set<String> declaredHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    at(response + "/headers")
        .properties()
        .forEach(
            h -> {
              declaredHeaders.add(h.getKey());
              String pointer = resolve(response + "/headers/" + escape(h.getKey()));
              Optional<String> value = headers.apply(h.getKey());
              if (at(pointer).path("required").asBoolean() && value.isEmpty()) {
                problems.add(where + ": required header " + h.getKey() + " is missing");
              }
              if (value.isPresent() && !at(pointer + "/schema").isMissingNode()) {
                validate(pointer + "/schema", headerAsJson(pointer + "/schema", value.get()))
                    .forEach(m -> problems.add(where + ": header " + h.getKey() + " " + m));
              }
            });
    for (String header : CONTRACT_HEADERS) {
      // Every answer carries Cache-Control: no-store unless its operation declares its own caching
      // (info.description): only a declared operation may send another value.
      boolean defaultCaching =
          header.equals("Cache-Control")
              && headers.apply(header).map("no-store"::equals).orElse(false);
      if (!declaredHeaders.contains(header)
          && headers.apply(header).isPresent()
          && !defaultCaching) {
        problems.add(
            where + ": the server sent " + header + ", which the contract does not declare here");
      }
    }
    JsonNode content = at(response + "/content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (body != null && !body.isEmpty()) {
        problems.add(where + ": the contract declares no body, the server sent one");
      }
      return problems;
    }
    String mediaType = baseType(contentType);
    String declared = declaredMediaType(content, mediaType);
    if (declared == null) {
      List<String> types = new ArrayList<>();
      content.fieldNames().forEachRemaining(types::add);
      problems.add(
          where + ": content type " + contentType + " not declared (declared: " + types + ")");
      return problems;
    }
    if (isJson(mediaType)) {
      String schema = response + "/content/" + escape(declared) + "/schema";
      validate(schema, body).forEach(m -> problems.add(where + ": " + m));
    }
    return problems;
  }

  /**
   * A header value as the JSON its schema validates: a number for an integer or number schema when
   * it reads as one, a JSON string otherwise.
   */
  private String headerAsJson(String schemaPointer, String value) {
    String type = at(resolve(schemaPointer)).path("type").asText();
    if ((type.equals("integer") || type.equals("number"))
        && value.matches("-?[0-9]+(\\.[0-9]+)?")) {
      return value;
    }
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #responseViolations} for an answer of {@link Http}. */
  public List<String> violations(String method, String pathTemplate, Http.Answer answer) {
    return responseViolations(
        method, pathTemplate, answer.status(), answer.contentType(), answer.body(), answer::header);
  }

  /** What is wrong with a JSON request body for {@code method pathTemplate}; empty when valid. */
  public List<String> requestViolations(String method, String pathTemplate, String body) {
    String content = operationPointer(method, pathTemplate) + "/requestBody/content";
    if (at(content).isMissingNode()) {
      return List.of(method + " " + pathTemplate + ": the contract declares no request body");
    }
    String schema = content + "/" + escape("application/json") + "/schema";
    return validate(schema, body).stream()
        .map(m -> method + " " + pathTemplate + " request: " + m)
        .toList();
  }

  /**
   * Examples given for JSON media types (requests, responses, shared responses) that do not
   * validate against the schema beside them: documentation that would mislead a client.
   */
  public List<String> exampleViolations() {
    List<String> problems = new ArrayList<>();
    collectExampleViolations("", document, problems);
    return problems;
  }

  private void collectExampleViolations(String pointer, JsonNode node, List<String> problems) {
    node.properties()
        .forEach(
            entry -> {
              String child = pointer + "/" + escape(entry.getKey());
              JsonNode value = entry.getValue();
              if (isJson(baseType(entry.getKey())) && value.has("schema")) {
                Map<String, JsonNode> examples = new LinkedHashMap<>();
                if (value.has("example")) {
                  examples.put(child + "/example", value.get("example"));
                }
                value
                    .path("examples")
                    .properties()
                    .forEach(
                        e ->
                            examples.put(
                                child + "/examples/" + escape(e.getKey()),
                                at(resolve(child + "/examples/" + escape(e.getKey())))
                                    .path("value")));
                examples.forEach(
                    (where, example) ->
                        validate(child + "/schema", write(example))
                            .forEach(m -> problems.add(where + ": " + m)));
              } else if (value.isObject()) {
                collectExampleViolations(child, value, problems);
              }
            });
  }

  /**
   * Local {@code $ref}s that point at nothing: a typo there would silently turn a schema or an
   * example into an empty one.
   */
  public List<String> unresolvedReferences() {
    List<String> problems = new ArrayList<>();
    collectUnresolvedReferences("", document, problems);
    return problems;
  }

  private void collectUnresolvedReferences(String pointer, JsonNode node, List<String> problems) {
    if (node.isObject()) {
      JsonNode ref = node.path("$ref");
      if (ref.isTextual() && ref.asText().startsWith("#/")) {
        String target = ref.asText().substring(1);
        if (at(target).isMissingNode()) {
          problems.add(pointer + ": $ref " + ref.asText() + " points at nothing");
        }
      }
      node.properties()
          .forEach(
              e ->
                  collectUnresolvedReferences(
                      pointer + "/" + escape(e.getKey()), e.getValue(), problems));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectUnresolvedReferences(pointer + "/" + i, node.get(i), problems);
      }
    }
  }

  /**
   * The object schemas of {@code components.schemas} reachable from a response (through any {@code
   * $ref}) whose properties are not all required, with the properties that are optional. The
   * contract's convention is that answers list every field, null when unknown.
   */
  public Map<String, Set<String>> responseSchemasWithOptionalProperties() {
    Set<String> reached = new TreeSet<>();
    List<String> todo = new ArrayList<>();
    document
        .path("paths")
        .forEach(
            item ->
                item.properties()
                    .forEach(
                        op -> {
                          if (METHODS.contains(op.getKey())) {
                            collectReferences(op.getValue().path("responses"), todo);
                          }
                        }));
    while (!todo.isEmpty()) {
      String ref = todo.remove(todo.size() - 1);
      if (reached.add(ref)) {
        collectReferences(at(ref.substring(1)), todo);
      }
    }
    Map<String, Set<String>> optional = new java.util.TreeMap<>();
    String prefix = "#/components/schemas/";
    for (String ref : reached) {
      JsonNode schema = at(ref.substring(1));
      if (!ref.startsWith(prefix) || !schema.has("properties")) {
        continue;
      }
      Set<String> missing = new TreeSet<>();
      schema.path("properties").fieldNames().forEachRemaining(missing::add);
      schema.path("required").forEach(r -> missing.remove(r.asText()));
      if (!missing.isEmpty()) {
        optional.put(ref.substring(prefix.length()), missing);
      }
    }
    return optional;
  }

  private static void collectReferences(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      JsonNode ref = node.path("$ref");
      if (ref.isTextual() && ref.asText().startsWith("#/")) {
        refs.add(ref.asText());
      }
      node.properties().forEach(e -> collectReferences(e.getValue(), refs));
    } else if (node.isArray()) {
      node.forEach(item -> collectReferences(item, refs));
    }
  }

  /** What is wrong with a JSON value for {@code components.schemas.<name>}; empty when valid. */
  public List<String> schemaViolations(String schemaName, String json) {
    return validate("/components/schemas/" + escape(schemaName), json);
  }

  /** The {@code value} of {@code components.examples.<name>}. */
  public JsonNode example(String name) {
    JsonNode value = at("/components/examples/" + escape(name) + "/value");
    if (value.isMissingNode()) {
      throw new IllegalArgumentException("No example " + name + " in " + FILE);
    }
    return value;
  }

  private String write(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> validate(String schemaPointer, String body) {
    String pointer = resolve(schemaPointer);
    if (at(pointer).isMissingNode()) {
      return List.of("no schema at " + pointer + " in " + FILE);
    }
    JsonSchema schema =
        factory.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + fragment(pointer)), config);
    Set<ValidationMessage> messages = schema.validate(body, InputFormat.JSON);
    return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  private String operationPointer(String method, String pathTemplate) {
    return "/paths/" + escape(pathTemplate) + "/" + method.toLowerCase(Locale.ROOT);
  }

  /** Follows local {@code $ref}s (responses, headers, schemas) to the node they point at. */
  private String resolve(String pointer) {
    String current = pointer;
    for (int hops = 0; hops < 10; hops++) {
      JsonNode ref = at(current).path("$ref");
      if (!ref.isTextual() || !ref.asText().startsWith("#/") || at(current).size() != 1) {
        return current;
      }
      current = ref.asText().substring(1);
    }
    throw new IllegalStateException("$ref cycle at " + pointer);
  }

  private JsonNode at(String pointer) {
    return document.at(pointer);
  }

  private static String statusKey(JsonNode responses, int status) {
    String exact = Integer.toString(status);
    String range = (status / 100) + "XX";
    for (String key : List.of(exact, range, "default")) {
      if (responses.has(key)) {
        return key;
      }
    }
    return null;
  }

  private static String declaredMediaType(JsonNode content, String mediaType) {
    for (Iterator<String> it = content.fieldNames(); it.hasNext(); ) {
      String declared = it.next();
      if (baseType(declared).equals(mediaType)) {
        return declared;
      }
    }
    return null;
  }

  private static String baseType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String base = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return base.strip().toLowerCase(Locale.ROOT);
  }

  private static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /** JSON pointer escaping of one reference token (RFC 6901). */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** A JSON pointer as a URI fragment: characters outside RFC 3986 fragments are %-encoded. */
  private static String fragment(String pointer) {
    StringBuilder out = new StringBuilder();
    for (byte b : pointer.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
