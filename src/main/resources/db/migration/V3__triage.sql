-- Triage results (DESIGN.md §5): the computed triage with its factors, the analyst's override,
-- the orientations (§6) and the clocks, regulatory ones created at intake (§7).

ALTER TABLE ticket
    ADD COLUMN in_constituency boolean,
    -- The triage as computed at intake, factors included: what the victim was told.
    ADD COLUMN triage          jsonb,
    -- An analyst's override: {severity, kind, rsitClass, rsitType, reason, by, at}.
    ADD COLUMN triage_override jsonb;

CREATE TABLE orientation (
    ticket_id bigint  NOT NULL REFERENCES ticket (id),
    code      text    NOT NULL CHECK (code IN ('CERT_FR', 'POLICE_GENDARMERIE', 'CNIL', 'CYBERMALVEILLANCE_17CYBER', 'PHAROS', 'PERCEVAL', 'THESEE', 'SPAM_33700', 'OTHER_REGIONAL_CSIRT')),
    urgent    boolean NOT NULL,
    reason    text    NOT NULL,
    PRIMARY KEY (ticket_id, code)
);

CREATE TABLE clock (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id    bigint      NOT NULL REFERENCES ticket (id),
    code         text        NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    kind         text        NOT NULL CHECK (kind IN ('SLA', 'REGULATORY')),
    started_at   timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,
    paused_ms    bigint      NOT NULL DEFAULT 0 CHECK (paused_ms >= 0),
    state        text        NOT NULL CHECK (state IN ('RUNNING', 'PAUSED', 'WARNING', 'BREACHED', 'MET', 'OPEN', 'DONE', 'NOT_APPLICABLE', 'MISSED')),
    completed_at timestamptz,
    UNIQUE (ticket_id, code)
);
-- The sweeper and the queue look for the next due clock among those still running.
CREATE INDEX clock_due_idx ON clock (due_at) WHERE state IN ('RUNNING', 'WARNING', 'OPEN');
