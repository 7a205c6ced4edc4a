package fr.vigie.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists the offending fields by JSON path (e.g. {@code
 * victim.siren}) so a form can show each message next to its field.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    @Nullable String detail,
    @Nullable String instance,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One rejected field: its path in the request and what is wrong, in plain words. */
  @Serdeable
  public record FieldError(String field, String message) {}
}
