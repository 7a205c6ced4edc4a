-- SLA and regulatory clocks (issue 5) and the notification outbox they write to.

-- A clock's due time is recomputed from the ticket's history each time an event is recorded
-- (fr.vigie.clocks). A paused SLA clock has no due time until the ticket resumes.
ALTER TABLE clock
    ALTER COLUMN due_at DROP NOT NULL,
    -- The target as configured when it was last computed, e.g. '2bh' (two business hours), '30m'.
    ADD COLUMN target         text CHECK (char_length(target) <= 16),
    -- 75 % of the target consumed: the sweeper warns then.
    ADD COLUMN warn_at        timestamptz,
    -- The levels already notified: 0 none, 1 warning, 2 breach. Each level is notified once.
    ADD COLUMN notified_level smallint    NOT NULL DEFAULT 0 CHECK (notified_level BETWEEN 0 AND 2),
    -- When the sweeper must look at this clock next (warn_at or due_at), null when nothing is left.
    ADD COLUMN sweep_at       timestamptz,
    -- How a regulatory clock was completed (by whom, the filing's reference, a note) or why it
    -- does not apply.
    ADD COLUMN details        jsonb       NOT NULL DEFAULT '{}',
    -- When the clock stopped counting (met, done, not applicable, or its ticket ended); null while
    -- it is live. completed_at stays the moment it was met or done.
    ADD COLUMN ended_at       timestamptz,
    ADD CHECK (state = 'PAUSED' OR due_at IS NOT NULL);

UPDATE clock
   SET warn_at = started_at + (due_at - started_at) * 0.75,
       sweep_at = started_at + (due_at - started_at) * 0.75
 WHERE state = 'OPEN';

-- The unique (ticket_id, code) index already serves look-ups by ticket: one index less to write
-- for each of the five to nine clocks an intake inserts.
DROP INDEX clock_ticket_idx;

-- Live clocks per code and state, for the metrics.
CREATE INDEX clock_live_idx ON clock (code, state) WHERE ended_at IS NULL;

-- The sweeper claims what is due with FOR UPDATE SKIP LOCKED from this index.
CREATE INDEX clock_sweep_idx ON clock (sweep_at) WHERE sweep_at IS NOT NULL;

-- Staff members get an address for notifications (breach warnings, referrals, alerts).
ALTER TABLE app_user ADD COLUMN email text CHECK (char_length(email) <= 254 AND email LIKE '%_@_%');

-- Notifications to send: written in the same transaction as what caused them, delivered later
-- by the dispatcher (e-mail, webhook). dedup_key makes a notification exist at most once, even
-- when two instances race to write it.
CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at      timestamptz NOT NULL,
    dedup_key       text        NOT NULL UNIQUE CHECK (char_length(dedup_key) <= 200),
    channel         text        NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    -- What it is about, e.g. CLOCK_WARNING, CLOCK_BREACHED, REFERRAL_PROPOSED.
    topic           text        NOT NULL CHECK (topic ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    ticket_id       bigint REFERENCES ticket (id),
    -- Who receives it: {"user": "alice"}, {"role": "COORDINATOR"}, {"email": "…"} or
    -- {"provider": 12}; resolved to addresses when it is delivered.
    recipient       jsonb       NOT NULL,
    payload         jsonb       NOT NULL DEFAULT '{}',
    state           text        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    sent_at         timestamptz,
    last_error      text CHECK (char_length(last_error) <= 2000)
);
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX outbox_ticket_idx ON outbox (ticket_id) WHERE ticket_id IS NOT NULL;
