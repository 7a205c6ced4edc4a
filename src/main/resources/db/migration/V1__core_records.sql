-- Core records of DESIGN.md §3 needed to take a report and never lose it.
-- Constraints live here too: the database refuses what the code should never write.

CREATE TABLE app_user (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['ANALYST', 'COORDINATOR', 'PROVIDER', 'OFFICIAL', 'ADMIN']),
    -- A PROVIDER user is bound to one provider; the foreign key comes with the provider table.
    provider_id   bigint,
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    CHECK (('PROVIDER' = ANY (roles)) = (provider_id IS NOT NULL))
);

-- Secrets Vigie generates for itself when none is configured (JWT signing, follow-up tokens).
CREATE TABLE app_secret (
    name       text PRIMARY KEY,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL
);

-- The intake exactly as submitted. Immutable: nothing updates it.
CREATE TABLE report (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel         text        NOT NULL CHECK (channel IN ('WEB_FORM', 'PHONE', 'EMAIL', 'PARTNER')),
    payload         jsonb       NOT NULL,
    payload_hash    text        NOT NULL CHECK (payload_hash ~ '^[0-9a-f]{64}$'),
    received_at     timestamptz NOT NULL,
    client_ip_hash  text,
    idempotency_key text UNIQUE CHECK (char_length(idempotency_key) BETWEEN 1 AND 128)
);

-- Reference numbers run per year: {prefix}-{year}-{6 digits}. One sequence per year, created on
-- first use, so intakes never queue on a counter row; a rolled-back intake leaves a gap.
CREATE FUNCTION next_ticket_number(p_year integer) RETURNS bigint
    LANGUAGE plpgsql AS
$$
DECLARE
    seq text := format('ticket_number_%s', p_year);
BEGIN
    IF to_regclass(seq) IS NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext(seq));
        EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I MINVALUE 1 MAXVALUE 999999 NO CYCLE', seq);
    END IF;
    RETURN nextval(seq);
END
$$;

CREATE TABLE ticket (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference            text        NOT NULL UNIQUE CHECK (reference ~ '^[A-Z]{2,8}-[0-9]{4}-[0-9]{6}$'),
    report_id            bigint      NOT NULL UNIQUE REFERENCES report (id),
    status               text        NOT NULL CHECK (status IN ('NEW', 'QUALIFIED', 'REFERRED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'WAITING_ON_VICTIM', 'ORIENTED', 'REJECTED', 'MERGED')),
    -- Triage results: filled by the triage engine, null until then.
    kind                 text CHECK (kind IN ('SIGNALEMENT', 'INCIDENT')),
    severity             text CHECK (severity IN ('P1', 'P2', 'P3', 'P4')),
    impact_level         text CHECK (impact_level IN ('I0', 'I1', 'I2', 'I3', 'I4')),
    criticality          text CHECK (criticality IN ('C1', 'C2', 'C3', 'C4')),
    rsit_class           text,
    rsit_type            text,
    tlp                  text        NOT NULL DEFAULT 'AMBER' CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
    assignee_id          bigint REFERENCES app_user (id),
    follow_up_token_hash bytea       NOT NULL CHECK (octet_length(follow_up_token_hash) = 32),
    outcome              text CHECK (outcome IN ('ADVICE_ONLY', 'PROVIDER_REMEDIATION', 'SELF_REMEDIATED', 'ESCALATED_TO_STATE', 'PREVENTED', 'FALSE_POSITIVE', 'NO_RESPONSE')),
    prevented            boolean,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    closed_at            timestamptz,
    version              integer     NOT NULL DEFAULT 0,
    -- Incident facts as reported (the victim's words live in incident_detail).
    threat               text        NOT NULL CHECK (threat IN ('RANSOMWARE', 'PHISHING', 'ACCOUNT_COMPROMISE', 'INTRUSION', 'TRANSFER_FRAUD', 'DEFACEMENT', 'DDOS', 'DATA_BREACH', 'MALWARE', 'TECH_SUPPORT_SCAM', 'IMPERSONATION', 'EXTORTION', 'HARASSMENT', 'CARD_FRAUD', 'SPAM', 'LOST_OR_STOLEN_DEVICE', 'VULNERABILITY', 'INFORMATION_REQUEST', 'UNKNOWN')),
    discovered_at        timestamptz NOT NULL,
    ongoing              boolean,
    attacker_present     boolean,
    service_impact       text CHECK (service_impact IN ('NONE', 'DEGRADED', 'INTERRUPTED')),
    affected_services    text[]      NOT NULL DEFAULT '{}' CHECK (affected_services <@ ARRAY['CIVIL_STATUS', 'WATER', 'HEALTH', 'EMERGENCY_SERVICES', 'ENERGY', 'PAYROLL', 'FINANCE', 'SCHOOLS', 'WEBSITE', 'EMAIL', 'TELEPHONY', 'OTHER']),
    scope                text CHECK (scope IN ('SINGLE_DEVICE', 'SEVERAL_DEVICES', 'WHOLE_NETWORK', 'UNKNOWN')),
    personal_data        text CHECK (personal_data IN ('NO', 'SUSPECTED', 'CONFIRMED', 'UNKNOWN')),
    data_exfiltrated     boolean,
    ransom_demanded      boolean,
    funds_amount_eur     numeric(14, 2) CHECK (funds_amount_eur >= 0),
    funds_transferred_at timestamptz,
    CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
);
CREATE INDEX ticket_created_at_idx ON ticket (created_at DESC, id DESC);
CREATE INDEX ticket_status_idx ON ticket (status);

-- Free text and observables: personal data, purged by retention with the contact.
CREATE TABLE incident_detail (
    ticket_id   bigint PRIMARY KEY REFERENCES ticket (id),
    description text,
    observables jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE victim (
    ticket_id       bigint PRIMARY KEY REFERENCES ticket (id),
    type            text    NOT NULL CHECK (type IN ('COMMUNE', 'EPCI', 'DEPARTEMENT', 'REGION', 'ETABLISSEMENT_PUBLIC', 'ENTREPRISE', 'ASSOCIATION', 'PARTICULIER')),
    name            text    NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    siren           text CHECK (siren ~ '^[0-9]{9}$'),
    -- COG codes as reported and resolved at intake; no foreign key: communes merge every year.
    commune_code    text CHECK (commune_code ~ '^[0-9][0-9AB][0-9]{3}$'),
    departement     text CHECK (departement ~ '^([0-9]{2}|2A|2B|97[1-6])$'),
    region          text CHECK (region ~ '^[0-9]{2}$'),
    population      integer CHECK (population >= 0),
    headcount       integer CHECK (headcount >= 0),
    nis2_declared   text    NOT NULL CHECK (nis2_declared IN ('ESSENTIAL', 'IMPORTANT', 'NONE', 'UNKNOWN')),
    nis2_derived    text CHECK (nis2_derived IN ('ESSENTIAL', 'IMPORTANT', 'NONE')),
    nis2_effective  text CHECK (nis2_effective IN ('ESSENTIAL', 'IMPORTANT', 'NONE', 'UNKNOWN')),
    oiv             boolean NOT NULL,
    ose             boolean NOT NULL,
    sector          text CHECK (sector IN ('WATER', 'HEALTH', 'ENERGY', 'EMERGENCY_SERVICES', 'TRANSPORT', 'EDUCATION', 'OTHER')),
    has_it_provider boolean,
    cyber_insured   boolean
);
CREATE INDEX victim_departement_idx ON victim (departement);
CREATE INDEX victim_name_idx ON victim (lower(name) text_pattern_ops);

-- Personal data, kept apart so retention can purge it without touching the rest.
CREATE TABLE contact (
    ticket_id bigint PRIMARY KEY REFERENCES ticket (id),
    name      text CHECK (char_length(name) <= 200),
    role      text CHECK (char_length(role) <= 200),
    email     text CHECK (char_length(email) <= 254),
    phone     text CHECK (char_length(phone) <= 32)
);

-- Append-only timeline: the source of SLA computation and KPIs.
CREATE TABLE ticket_event (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id bigint      NOT NULL REFERENCES ticket (id),
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    type      text        NOT NULL CHECK (type ~ '^[A-Z][A-Z_]{1,63}$'),
    details   jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_event_ticket_idx ON ticket_event (ticket_id, id);
