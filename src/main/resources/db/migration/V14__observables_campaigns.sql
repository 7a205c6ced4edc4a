-- Observables first-class, campaigns and MISP sharing (issue 21, DESIGN.md §14).

-- One technical trace of one ticket: the raw form as given, the normal form correlation compares
-- (null when it could not be normalised: kept, never correlated or exported), and its TLP.
CREATE TABLE observable (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid              uuid        NOT NULL UNIQUE,
    ticket_id         bigint      NOT NULL REFERENCES ticket (id),
    type              text        NOT NULL CHECK (type IN ('DOMAIN', 'URL', 'IP', 'EMAIL', 'PHONE', 'HASH', 'IBAN', 'OTHER')),
    raw               text        NOT NULL CHECK (char_length(raw) BETWEEN 1 AND 2048),
    normalized        text CHECK (char_length(normalized) BETWEEN 1 AND 2048),
    problem           text CHECK (char_length(problem) <= 200),
    flags             text[]      NOT NULL DEFAULT '{}',
    tlp               text        NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED')),
    tags              text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
    source            text        NOT NULL CHECK (source IN ('REPORT', 'ANALYST')),
    added_by          text        NOT NULL,
    added_at          timestamptz NOT NULL,
    retracted_at      timestamptz,
    retracted_by      text,
    retraction_reason text CHECK (char_length(retraction_reason) <= 2000),
    CHECK ((normalized IS NULL) = (problem IS NOT NULL)),
    CHECK ((retracted_at IS NULL) = (retracted_by IS NULL))
);
CREATE INDEX observable_ticket_idx ON observable (ticket_id);
-- Correlation looks up the tickets sharing a normal form.
CREATE INDEX observable_value_idx ON observable (type, normalized)
    WHERE retracted_at IS NULL AND normalized IS NOT NULL;
CREATE UNIQUE INDEX observable_once_per_ticket ON observable (ticket_id, type, normalized)
    WHERE normalized IS NOT NULL;

-- Retention purges a ticket's free text and observables together (incident_detail set to NULL /
-- '[]'): the first-class copies go with them, whoever runs the purge.
CREATE FUNCTION observable_purge() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM observable WHERE ticket_id = NEW.ticket_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER incident_detail_purge_observables
    AFTER UPDATE ON incident_detail
    FOR EACH ROW
    WHEN (NEW.description IS NULL AND NEW.observables = '[]'::jsonb
          AND (OLD.description IS NOT NULL OR OLD.observables <> '[]'::jsonb))
    EXECUTE FUNCTION observable_purge();

-- A wave of tickets: opened on a shared observable or on one threat hitting one département.
CREATE TABLE campaign (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid             uuid        NOT NULL UNIQUE,
    basis            text        NOT NULL CHECK (basis IN ('OBSERVABLE', 'THREAT_DEPARTEMENT', 'SPLIT')),
    threat           text,
    departement      text CHECK (departement ~ '^([0-9]{2}|2A|2B|97[1-6])$'),
    observable_type  text,
    observable_value text CHECK (char_length(observable_value) <= 2048),
    state            text        NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'CLOSED', 'MERGED')),
    merged_into      bigint REFERENCES campaign (id),
    opened_at        timestamptz NOT NULL,
    closed_at        timestamptz,
    closed_by        text,
    version          integer     NOT NULL DEFAULT 0,
    CHECK ((state = 'MERGED') = (merged_into IS NOT NULL))
);
CREATE INDEX campaign_open_idx ON campaign (opened_at DESC) WHERE state = 'OPEN';

CREATE TABLE campaign_ticket (
    campaign_id bigint      NOT NULL REFERENCES campaign (id),
    ticket_id   bigint      NOT NULL REFERENCES ticket (id),
    added_at    timestamptz NOT NULL,
    added_by    text        NOT NULL,
    PRIMARY KEY (campaign_id, ticket_id)
);
CREATE INDEX campaign_ticket_ticket_idx ON campaign_ticket (ticket_id);

-- One MISP event per ticket or campaign: its UUID is fixed before the first push, so a retry after
-- a lost answer finds the event instead of creating a second; the attributes already sent are
-- remembered, an update only adds the others.
CREATE TABLE misp_event (
    subject           text        PRIMARY KEY CHECK (subject ~ '^(ticket:[A-Z]{2,8}-[0-9]{4}-[0-9]{6}|campaign:[0-9]+)$'),
    event_uuid        uuid        NOT NULL UNIQUE,
    misp_id           text CHECK (char_length(misp_id) <= 64),
    pushed_attributes uuid[]      NOT NULL DEFAULT '{}',
    requested_by      text        NOT NULL,
    requested_at      timestamptz NOT NULL,
    last_pushed_at    timestamptz
);

ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('EMAIL', 'WEBHOOK', 'MISP'));
