-- Routing (DESIGN.md §6): the provider directory, public contracts with ranked providers, the
-- shortlists shown and the referrals made, with the provider-side clocks.

CREATE TABLE provider (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    siren            text        NOT NULL UNIQUE CHECK (siren ~ '^[0-9]{9}$'),
    departements     text[]      NOT NULL CHECK (cardinality(departements) > 0),
    base_departement text        NOT NULL CHECK (base_departement ~ '^([0-9]{2}|2A|2B|97[1-6])$'),
    victim_types     text[]      NOT NULL CHECK (cardinality(victim_types) > 0 AND victim_types <@ ARRAY['COMMUNE', 'EPCI', 'DEPARTEMENT', 'REGION', 'ETABLISSEMENT_PUBLIC', 'ENTREPRISE', 'ASSOCIATION', 'PARTICULIER']),
    rsit_classes     text[]      NOT NULL CHECK (cardinality(rsit_classes) > 0),
    capacity         integer     NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    on_call_247      boolean     NOT NULL,
    -- e.g. {"MON-FRI 08:30-18:30"}: when the provider answers a P1 without a 24/7 service.
    opening_hours    text[]      NOT NULL DEFAULT '{}',
    email            text        NOT NULL CHECK (char_length(email) <= 254 AND email LIKE '%_@_%'),
    webhook_url      text CHECK (char_length(webhook_url) <= 2000 AND webhook_url ~ '^https?://'),
    -- Shared secret of the webhook signature; never returned by the API.
    webhook_secret   text CHECK (char_length(webhook_secret) BETWEEN 16 AND 200),
    active           boolean     NOT NULL,
    -- Rotation: when this provider was last proposed a case, and how many it has been proposed.
    last_referred_at timestamptz,
    referral_count   integer     NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          integer     NOT NULL DEFAULT 0,
    CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))
);

CREATE TABLE provider_label (
    provider_id bigint NOT NULL REFERENCES provider (id) ON DELETE CASCADE,
    kind        text   NOT NULL CHECK (kind IN ('PRIS_ELEVE', 'PRIS_SUBSTANTIEL', 'EXPERTCYBER', 'REGIONAL_LABEL', 'REFERENCED')),
    valid_until date   NOT NULL,
    PRIMARY KEY (provider_id, kind)
);

-- A PROVIDER user is bound to an existing provider (V1 left this foreign key for now).
ALTER TABLE app_user ADD CONSTRAINT app_user_provider_fk FOREIGN KEY (provider_id) REFERENCES provider (id);

CREATE TABLE public_contract (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    departements text[]      NOT NULL CHECK (cardinality(departements) > 0),
    victim_types text[]      NOT NULL CHECK (cardinality(victim_types) > 0 AND victim_types <@ ARRAY['COMMUNE', 'EPCI', 'DEPARTEMENT', 'REGION', 'ETABLISSEMENT_PUBLIC', 'ENTREPRISE', 'ASSOCIATION', 'PARTICULIER']),
    valid_from   date        NOT NULL,
    valid_until  date        NOT NULL CHECK (valid_until >= valid_from),
    created_at   timestamptz NOT NULL
);

CREATE TABLE public_contract_rank (
    contract_id bigint  NOT NULL REFERENCES public_contract (id),
    rank        integer NOT NULL CHECK (rank BETWEEN 1 AND 20),
    provider_id bigint  NOT NULL REFERENCES provider (id),
    PRIMARY KEY (contract_id, rank),
    UNIQUE (contract_id, provider_id)
);

-- Every set of options shown for a ticket, with the reasons of each option and each exclusion.
CREATE TABLE referral_shortlist (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id bigint      NOT NULL REFERENCES ticket (id),
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    mode      text        NOT NULL CHECK (mode IN ('CONTRACT', 'SHORTLIST', 'NONE')),
    answer    jsonb       NOT NULL
);
CREATE INDEX referral_shortlist_ticket_idx ON referral_shortlist (ticket_id, id);

CREATE TABLE referral (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id             bigint      NOT NULL REFERENCES ticket (id),
    provider_id           bigint      NOT NULL REFERENCES provider (id),
    mode                  text        NOT NULL CHECK (mode IN ('CONTRACT', 'SHORTLIST')),
    contract_id           bigint REFERENCES public_contract (id),
    rank                  integer,
    shortlist_id          bigint REFERENCES referral_shortlist (id),
    -- Why this provider: the option's reasons when it was chosen.
    reasons               jsonb       NOT NULL DEFAULT '[]',
    state                 text        NOT NULL CHECK (state IN ('PROPOSED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'ENGAGED', 'COMPLETED', 'ABANDONED')),
    proposed_by           text        NOT NULL,
    proposed_at           timestamptz NOT NULL,
    -- Provider-side clocks: answer the proposal by respond_by, contact the victim by contact_by.
    respond_by            timestamptz NOT NULL,
    decided_at            timestamptz,
    contact_by            timestamptz,
    contact_late_notified boolean     NOT NULL DEFAULT false,
    engaged_at            timestamptz,
    ended_at              timestamptz,
    note                  text CHECK (char_length(note) <= 2000),
    outcome               text CHECK (outcome IN ('RESOLVED', 'PARTIALLY_RESOLVED', 'ABANDONED')),
    version               integer     NOT NULL DEFAULT 0,
    CHECK ((mode = 'CONTRACT') = (contract_id IS NOT NULL AND rank IS NOT NULL))
);
-- At most one live referral per ticket: a victim is never sent to two firms at once.
CREATE UNIQUE INDEX referral_live_idx ON referral (ticket_id) WHERE state IN ('PROPOSED', 'ACCEPTED', 'ENGAGED');
CREATE INDEX referral_ticket_idx ON referral (ticket_id, id);
CREATE INDEX referral_provider_idx ON referral (provider_id, id DESC);
-- The routing sweeper: proposals waiting for an answer, acceptances waiting for a first contact.
CREATE INDEX referral_respond_idx ON referral (respond_by) WHERE state = 'PROPOSED';
CREATE INDEX referral_contact_idx ON referral (contact_by) WHERE state = 'ACCEPTED' AND NOT contact_late_notified;

-- Tickets that need a provider and have none: flagged until a referral is accepted.
CREATE TABLE routing_gap (
    ticket_id  bigint PRIMARY KEY REFERENCES ticket (id),
    flagged_at timestamptz NOT NULL,
    reason     text        NOT NULL
);
