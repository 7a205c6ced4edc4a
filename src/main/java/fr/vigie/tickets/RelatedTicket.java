package fr.vigie.tickets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Another ticket linked to a ticket (issue 21: it shares an observable with it), as the ticket page
 * shows it: its reference, its victim's category and département, nothing more — no victim name,
 * contact, free text or observable value, whoever reads it.
 */
@Serdeable
public record RelatedTicket(
    String reference, String victimCategory, @Nullable String departement) {}
