-- Security and accountability (issue 8, DESIGN.md §9): the hash-chained audit log, sessions that
-- can be revoked, lockout after repeated failures, and the retention of personal data.

-- ---- Audit log --------------------------------------------------------------------------------
-- Writers insert rows without chain columns and take no lock (an identity id); a single sealer
-- (fr.vigie.audit.internal.AuditSealer, under an advisory lock) later gives each row its place
-- in the chain: seq, prev_hash and hash, in one pass. Verification recomputes the chain.
CREATE TABLE audit_event (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    actor     text        NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 200),
    action    text        NOT NULL CHECK (action ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    target    text        NOT NULL CHECK (char_length(target) BETWEEN 1 AND 200),
    -- Never personal data: this table is kept for ever and retention cannot purge it.
    details   jsonb       NOT NULL DEFAULT '{}',
    seq       bigint UNIQUE CHECK (seq > 0),
    prev_hash text CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash      text CHECK (hash ~ '^[0-9a-f]{64}$'),
    CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL))
);
-- What the sealer picks up next: only rows still outside the chain.
CREATE INDEX audit_event_unsealed_idx ON audit_event (id) WHERE seq IS NULL;
-- Filters of GET /api/v1/audit.
CREATE INDEX audit_event_target_idx ON audit_event (target, id);
CREATE INDEX audit_event_actor_idx ON audit_event (actor, id);

-- Nobody edits or deletes an audit row, whatever their role, the table owner included: the only
-- change allowed is the sealer's one-time fill of the chain columns of an unsealed row. Getting
-- round this takes DDL (disabling or dropping the trigger, which Vigie never issues) or a
-- superuser's session_replication_role = replica; the hash chain shows what was changed then.
CREATE FUNCTION audit_event_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.seq IS NULL AND NEW.seq IS NOT NULL
            AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor
            AND NEW.action = OLD.action AND NEW.target = OLD.target
            AND NEW.details = OLD.details THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_event rows cannot be changed or deleted (%)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_guard();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;

-- Every change of a ticket writes its timeline event in the same transaction (fr.vigie.tickets):
-- each event is audited with it, atomically and without another round trip. The event's details
-- are not copied (they hold notes and messages: personal data), only its id and type.
CREATE FUNCTION audit_ticket_event() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO audit_event (at, actor, action, target, details)
    VALUES (NEW.at, left(NEW.actor, 200), NEW.type,
            coalesce((SELECT 'ticket:' || reference FROM ticket WHERE id = NEW.ticket_id),
                     'ticket#' || NEW.ticket_id),
            jsonb_build_object('event', NEW.id));
    RETURN NULL;
END
$$;
CREATE TRIGGER ticket_event_audited
    AFTER INSERT ON ticket_event
    FOR EACH ROW EXECUTE FUNCTION audit_ticket_event();

-- ---- Staff sessions and lockout ---------------------------------------------------------------
ALTER TABLE app_user
    -- Tokens carry the version they were issued under; logging out, disabling the account,
    -- changing its roles or its password bumps it, which ends every session at once.
    ADD COLUMN token_version   integer     NOT NULL DEFAULT 0,
    -- Failed logins counted within a window from the first of them; lockout when too many.
    ADD COLUMN failed_logins   integer     NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    ADD COLUMN first_failed_at timestamptz,
    ADD COLUMN locked_until    timestamptz,
    ADD COLUMN updated_at      timestamptz;

-- Refresh tokens, stored as their SHA-256 only: a database dump gives nobody a session.
CREATE TABLE refresh_token (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash    bytea       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    user_id       bigint      NOT NULL REFERENCES app_user (id),
    -- The session version it belongs to: a bumped version revokes it too.
    token_version integer     NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    -- Set when it was used (rotated) or revoked; presenting it again revokes the whole session.
    revoked_at    timestamptz
);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id) WHERE revoked_at IS NULL;

-- ---- Retention of personal data (DESIGN.md §9) ------------------------------------------------
-- Kept apart from the ticket row: the intake's hot insert is untouched. A ticket without a row
-- here has no legal hold and was never purged.
CREATE TABLE ticket_retention (
    ticket_id        bigint PRIMARY KEY REFERENCES ticket (id),
    legal_hold       boolean     NOT NULL DEFAULT false,
    legal_hold_reason text CHECK (char_length(legal_hold_reason) <= 1000),
    legal_hold_by    text,
    legal_hold_at    timestamptz,
    purged_at        timestamptz
);
-- The retention job looks for ended tickets by the time they ended.
CREATE INDEX ticket_ended_idx ON ticket (coalesce(closed_at, updated_at))
    WHERE status IN ('CLOSED', 'REJECTED', 'ORIENTED', 'MERGED');
