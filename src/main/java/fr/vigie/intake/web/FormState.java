package fr.vigie.intake.web;

import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of the report form between steps, carried by the browser in a signed hidden field
 * (nothing is stored before the report is sent), with the idempotency key of the final submission:
 * a double tap on « Envoyer » makes one ticket.
 */
@Serdeable
record FormState(String key, Map<String, List<String>> answers) {

  FormState {
    answers = new LinkedHashMap<>(answers == null ? Map.of() : answers);
  }
}
