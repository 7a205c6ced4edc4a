-- Statistics facts (issue 7, DESIGN.md §8): one row per ticket with what the anonymised statistics
-- need and nothing else — no name, no free text, no contact, no reference. The facts are kept
-- current inside the database by statement-level triggers on ticket, victim, orientation, clock
-- and ticket_event (and referral once it exists), so no Java module has to call the statistics,
-- and they survive the retention purge of contact data and free text (tickets are never deleted).
-- Facts of a transaction are refreshed at its commit (see stat_dirty below).
--
-- The statistical unit is the victim organisation (DESIGN.md §8). victim_key identifies it without
-- naming it: the first 64 bits of SHA-256(secret || identity), where the identity is
--   COMMUNE      its INSEE code (a mairie reported once with its SIREN and once without is one);
--   DEPARTEMENT, REGION  its COG code;
--   other organisations  their SIREN, else type + commune (or département) + name reduced to
--                letters and digits, so one company reporting five times without a SIREN is one
--                unit, not five (counting it five times would publish a cell that is one victim);
--   PARTICULIER  the ticket itself: an individual is a unit of its own, and keying individuals by
--                name would keep a pseudonym of a person after the purge.
-- The secret (app_secret 'stats-victim-key', generated here with pg_strong_random through
-- gen_random_uuid) makes the key non-reversible: without it, hashing the ~10^8 valid SIRENs would
-- invert an unkeyed hash in minutes. A mapping table to surrogate ids would be as good but is one
-- more table to purge and lock on every intake.

INSERT INTO app_secret (name, value, created_at)
VALUES ('stats-victim-key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), now())
ON CONFLICT (name) DO NOTHING;

CREATE TABLE stat_fact (
    ticket_id                   bigint PRIMARY KEY REFERENCES ticket (id),
    -- false for a duplicate merged into another ticket: the survivor is the event.
    counted                     boolean     NOT NULL,
    victim_key                  bigint      NOT NULL,
    -- When the report was received: the period of the ticket (months in the desk's time zone).
    created_at                  timestamptz NOT NULL,
    departement                 text,
    region                      text,
    victim_category             text        NOT NULL CHECK (victim_category IN ('COLLECTIVITE', 'ETABLISSEMENT_PUBLIC', 'ENTREPRISE', 'ASSOCIATION', 'PARTICULIER')),
    size_band                   text        NOT NULL CHECK (size_band IN ('POP_LT_1000', 'POP_1000_9999', 'POP_10000_29999', 'POP_30000_PLUS', 'STAFF_LT_10', 'STAFF_10_249', 'STAFF_250_4999', 'STAFF_5000_PLUS', 'NOT_APPLICABLE', 'UNKNOWN')),
    threat                      text        NOT NULL,
    rsit_class                  text,
    severity                    text,
    kind                        text,
    outcome                     text,
    prevented                   boolean,
    orientations                text[]      NOT NULL DEFAULT '{}',
    -- FIRST_CONTACT clock: completed_at - started_at, for clocks that were completed.
    first_contact_minutes       integer CHECK (first_contact_minutes >= 0),
    -- SLA clocks of the ticket met on time, and breached (met late or not at all).
    sla_met                     smallint    NOT NULL CHECK (sla_met >= 0),
    sla_breached                smallint    NOT NULL CHECK (sla_breached >= 0),
    -- From the referral being sent to the provider's acceptance (stat_provider_engagement).
    provider_engagement_minutes integer CHECK (provider_engagement_minutes >= 0),
    -- The transaction that last changed the row: the statistics read only what changed since
    -- their last look (fr.vigie.stats.internal.FactMirror).
    changed_xid                 xid8        NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX stat_fact_changed_idx ON stat_fact (changed_xid);

CREATE FUNCTION stat_secret() RETURNS text
    LANGUAGE plpgsql AS
$$
DECLARE
    secret text;
BEGIN
    SELECT value INTO secret FROM app_secret WHERE name = 'stats-victim-key';
    IF secret IS NULL THEN
        -- Deleted by hand: a new key starts new units, it never blocks an intake.
        INSERT INTO app_secret (name, value, created_at)
        VALUES ('stats-victim-key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), now())
        ON CONFLICT (name) DO NOTHING;
        SELECT value INTO secret FROM app_secret WHERE name = 'stats-victim-key';
    END IF;
    RETURN secret;
END
$$;

-- STABLE like convert_to, so that it is inlined into the refresh (0.1 ms a call otherwise).
CREATE FUNCTION stat_victim_key(secret text, identity text) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT ('x' || left(encode(sha256(convert_to(secret || '|' || identity, 'UTF8')), 'hex'), 16))::bit(64)::bigint
$$;

-- Time to provider engagement of the given tickets, in minutes: from the referral being sent (the
-- first REFERRAL_* event other than the acceptance, or the move to REFERRED) to the first
-- REFERRAL_ACCEPTED event, read from the timeline.
-- The routing module (V9) writes REFERRAL_PROPOSED, REFERRAL_ACCEPTED and the other REFERRAL_*
-- events on the timeline in the same transaction as its `referral` rows, so the timeline is
-- enough; the block at the end of this file attaches the refresh triggers to `referral` only on a
-- database where that table already existed when this migration ran.
-- Per ticket, from its own events (index ticket_event_ticket_idx): a refresh of a million tickets
-- took more than 18 minutes when this was a set-returning function joined to them (the generic
-- plan cannot know how many rows it returns), and stays a few index probes for one intake.
CREATE FUNCTION stat_provider_engagement(ticket bigint)
    RETURNS integer
    LANGUAGE sql STABLE AS
$$
SELECT floor(extract(epoch FROM acc.at - min(s.at)) / 60)::integer
FROM (SELECT min(ev.at) AS at FROM ticket_event ev
      WHERE ev.ticket_id = ticket AND ev.type = 'REFERRAL_ACCEPTED') acc
JOIN ticket_event s ON s.ticket_id = ticket AND s.at <= acc.at
     AND ((s.type LIKE 'REFERRAL%' AND s.type <> 'REFERRAL_ACCEPTED')
          OR (s.type = 'STATUS_CHANGED' AND s.details ->> 'to' = 'REFERRED'))
GROUP BY acc.at
$$;

-- Recomputes the facts of the given tickets from the records; writes only rows that changed.
-- A ticket without its victim row yet has no fact: the victim's insert creates it.
-- Always the generic plan: planning this statement anew for each intake cost more than running
-- it (1.5 ms against 0.4), and the generic plan is also the faster one for a million tickets.
CREATE FUNCTION stat_fact_refresh(ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
DECLARE
    secret text;
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    secret := stat_secret();
    INSERT INTO stat_fact AS f (ticket_id, counted, victim_key, created_at, departement, region,
                                victim_category, size_band, threat, rsit_class, severity, kind,
                                outcome, prevented, orientations, first_contact_minutes, sla_met,
                                sla_breached, provider_engagement_minutes)
    SELECT t.id,
           t.status <> 'MERGED',
           stat_victim_key(secret, CASE
               WHEN v.type = 'PARTICULIER' THEN 'ticket:' || t.id
               WHEN v.type = 'COMMUNE' AND v.commune_code IS NOT NULL THEN 'commune:' || v.commune_code
               WHEN v.type = 'DEPARTEMENT' AND v.departement IS NOT NULL THEN 'departement:' || v.departement
               WHEN v.type = 'REGION' AND v.region IS NOT NULL THEN 'region:' || v.region
               WHEN v.siren IS NOT NULL THEN 'siren:' || v.siren
               ELSE 'name:' || v.type || ':' || coalesce(v.commune_code, v.departement, '-') || ':'
                    || regexp_replace(lower(v.name), '[^[:alnum:]]+', '', 'g')
           END),
           t.created_at,
           v.departement,
           v.region,
           CASE WHEN v.type IN ('COMMUNE', 'EPCI', 'DEPARTEMENT', 'REGION') THEN 'COLLECTIVITE'
                ELSE v.type END,
           CASE
               WHEN v.type = 'PARTICULIER' THEN 'NOT_APPLICABLE'
               WHEN v.type IN ('COMMUNE', 'EPCI', 'DEPARTEMENT', 'REGION') THEN
                   CASE WHEN v.population IS NULL THEN 'UNKNOWN'
                        WHEN v.population < 1000 THEN 'POP_LT_1000'
                        WHEN v.population < 10000 THEN 'POP_1000_9999'
                        WHEN v.population < 30000 THEN 'POP_10000_29999'
                        ELSE 'POP_30000_PLUS' END
               ELSE
                   CASE WHEN v.headcount IS NULL THEN 'UNKNOWN'
                        WHEN v.headcount < 10 THEN 'STAFF_LT_10'
                        WHEN v.headcount < 250 THEN 'STAFF_10_249'
                        WHEN v.headcount < 5000 THEN 'STAFF_250_4999'
                        ELSE 'STAFF_5000_PLUS' END
           END,
           t.threat,
           t.rsit_class,
           t.severity,
           t.kind,
           t.outcome,
           t.prevented,
           coalesce(o.codes, '{}'),
           k.first_contact,
           coalesce(k.met, 0),
           coalesce(k.breached, 0),
           stat_provider_engagement(t.id)
    FROM ticket t
    JOIN victim v ON v.ticket_id = t.id
    LEFT JOIN LATERAL (SELECT array_agg(code ORDER BY code) AS codes
                       FROM orientation WHERE orientation.ticket_id = t.id) o ON true
    LEFT JOIN LATERAL (SELECT max(floor(extract(epoch FROM c.completed_at - c.started_at) / 60))
                                  FILTER (WHERE c.code = 'FIRST_CONTACT'
                                          AND c.completed_at >= c.started_at)::integer AS first_contact,
                              count(*) FILTER (WHERE c.kind = 'SLA' AND c.state = 'MET') AS met,
                              count(*) FILTER (WHERE c.kind = 'SLA' AND c.state = 'BREACHED') AS breached
                       FROM clock c WHERE c.ticket_id = t.id) k ON true
    WHERE t.id = ANY (ids)
    ON CONFLICT (ticket_id) DO UPDATE
        SET counted = EXCLUDED.counted, victim_key = EXCLUDED.victim_key,
            created_at = EXCLUDED.created_at, departement = EXCLUDED.departement,
            region = EXCLUDED.region, victim_category = EXCLUDED.victim_category,
            size_band = EXCLUDED.size_band, threat = EXCLUDED.threat,
            rsit_class = EXCLUDED.rsit_class, severity = EXCLUDED.severity, kind = EXCLUDED.kind,
            outcome = EXCLUDED.outcome, prevented = EXCLUDED.prevented,
            orientations = EXCLUDED.orientations,
            first_contact_minutes = EXCLUDED.first_contact_minutes, sla_met = EXCLUDED.sla_met,
            sla_breached = EXCLUDED.sla_breached,
            provider_engagement_minutes = EXCLUDED.provider_engagement_minutes,
            changed_xid = pg_current_xact_id()
        WHERE (f.counted, f.victim_key, f.created_at, f.departement, f.region, f.victim_category,
               f.size_band, f.threat, f.rsit_class, f.severity, f.kind, f.outcome, f.prevented,
               f.orientations, f.first_contact_minutes, f.sla_met, f.sla_breached,
               f.provider_engagement_minutes)
              IS DISTINCT FROM
              (EXCLUDED.counted, EXCLUDED.victim_key, EXCLUDED.created_at, EXCLUDED.departement,
               EXCLUDED.region, EXCLUDED.victim_category, EXCLUDED.size_band, EXCLUDED.threat,
               EXCLUDED.rsit_class, EXCLUDED.severity, EXCLUDED.kind, EXCLUDED.outcome,
               EXCLUDED.prevented, EXCLUDED.orientations, EXCLUDED.first_contact_minutes,
               EXCLUDED.sla_met, EXCLUDED.sla_breached, EXCLUDED.provider_engagement_minutes);
END
$$;

-- The single-ticket form, for a hand repair: SELECT stat_fact_refresh(42).
CREATE FUNCTION stat_fact_refresh(ticket_id bigint) RETURNS void
    LANGUAGE sql AS
$$
SELECT stat_fact_refresh(ARRAY[ticket_id])
$$;

-- When facts are refreshed. An intake writes its ticket, victim, orientations, timeline and
-- clocks in several statements of one transaction: refreshing after each would compute the same
-- fact four times (the triggers then doubled the SQL time of an intake). So a statement touching
-- a few tickets only marks them in stat_dirty, and a deferred trigger refreshes each marked ticket
-- once, at commit, from its final state. A statement touching many tickets (the synthetic loader,
-- a backfill) refreshes them at once in one set-based pass. stat_dirty only ever holds rows of
-- transactions in progress (UNLOGGED: nothing to keep across a crash); without a unique index two
-- transactions never wait for each other there.
CREATE UNLOGGED TABLE stat_dirty (ticket_id bigint NOT NULL);
CREATE INDEX stat_dirty_ticket_idx ON stat_dirty (ticket_id);

CREATE FUNCTION stat_fact_mark(ids bigint[]) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    ELSIF cardinality(ids) > 64 THEN
        PERFORM stat_fact_refresh(ids);
    ELSE
        INSERT INTO stat_dirty (ticket_id) SELECT unnest(ids);
    END IF;
END
$$;

-- At commit, once per marked row: the first event of a ticket refreshes it, the others find
-- nothing left to do.
CREATE FUNCTION stat_dirty_flush() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM stat_dirty WHERE ticket_id = NEW.ticket_id;
    IF FOUND THEN
        PERFORM stat_fact_refresh(ARRAY[NEW.ticket_id]);
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER stat_dirty_flush AFTER INSERT ON stat_dirty
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION stat_dirty_flush();

-- Trigger functions. Statement-level with transition tables: one call per statement whatever its
-- number of rows.

-- Rows of a table with a ticket_id column (victim, orientation, clock, referral), as inserted or
-- updated (NEW TABLE AS changed) or deleted (OLD TABLE AS changed).
CREATE FUNCTION stat_fact_refresh_changed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM stat_fact_mark(ARRAY(SELECT DISTINCT ticket_id FROM changed));
    RETURN NULL;
END
$$;

CREATE FUNCTION stat_fact_refresh_new_tickets() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM stat_fact_mark(ARRAY(SELECT id FROM changed));
    RETURN NULL;
END
$$;

-- Most ticket updates (next due time, assignee, updated_at, version) change no fact: skipped.
CREATE FUNCTION stat_fact_refresh_updated_tickets() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM stat_fact_mark(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.status, n.created_at, n.threat, n.rsit_class, n.severity, n.kind, n.outcome,
               n.prevented)
              IS DISTINCT FROM
              (o.status, o.created_at, o.threat, o.rsit_class, o.severity, o.kind, o.outcome,
               o.prevented)));
    RETURN NULL;
END
$$;

-- A clock write changes a fact when a clock is met, breached or completed; the sweeper's
-- warnings and the recomputation's due times do not.
CREATE FUNCTION stat_fact_refresh_updated_clocks() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM stat_fact_mark(ARRAY(
        SELECT DISTINCT n.ticket_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.state, n.completed_at, n.started_at, n.kind, n.code)
              IS DISTINCT FROM (o.state, o.completed_at, o.started_at, o.kind, o.code)));
    RETURN NULL;
END
$$;

-- Only referral events move a fact (the time to provider engagement); status changes arrive
-- through the ticket's own update.
CREATE FUNCTION stat_fact_refresh_referral_events() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM stat_fact_mark(ARRAY(
        SELECT DISTINCT ticket_id FROM changed WHERE type LIKE 'REFERRAL%'));
    RETURN NULL;
END
$$;

CREATE TRIGGER stat_fact_ticket_insert AFTER INSERT ON ticket
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stat_fact_refresh_new_tickets();
CREATE TRIGGER stat_fact_ticket_update AFTER UPDATE ON ticket
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stat_fact_refresh_updated_tickets();

CREATE TRIGGER stat_fact_victim_insert AFTER INSERT ON victim
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stat_fact_refresh_changed();
CREATE TRIGGER stat_fact_victim_update AFTER UPDATE ON victim
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stat_fact_refresh_changed();

CREATE TRIGGER stat_fact_orientation_insert AFTER INSERT ON orientation
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stat_fact_refresh_changed();
CREATE TRIGGER stat_fact_orientation_delete AFTER DELETE ON orientation
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stat_fact_refresh_changed();

CREATE TRIGGER stat_fact_clock_insert AFTER INSERT ON clock
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stat_fact_refresh_changed();
CREATE TRIGGER stat_fact_clock_update AFTER UPDATE ON clock
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stat_fact_refresh_updated_clocks();

CREATE TRIGGER stat_fact_event_insert AFTER INSERT ON ticket_event
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION stat_fact_refresh_referral_events();

-- The referral table of the routing module (V6), if it is already there: its rows carry
-- ticket_id, so the generic refresh applies. If it arrives later, run the same two CREATE TRIGGER.
DO
$$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = 'referral'
                 AND column_name = 'ticket_id') THEN
        EXECUTE 'CREATE TRIGGER stat_fact_referral_insert AFTER INSERT ON referral'
                || ' REFERENCING NEW TABLE AS changed'
                || ' FOR EACH STATEMENT EXECUTE FUNCTION stat_fact_refresh_changed()';
        EXECUTE 'CREATE TRIGGER stat_fact_referral_update AFTER UPDATE ON referral'
                || ' REFERENCING NEW TABLE AS changed'
                || ' FOR EACH STATEMENT EXECUTE FUNCTION stat_fact_refresh_changed()';
    END IF;
END
$$;

-- Facts of the tickets already there.
SELECT stat_fact_refresh(ARRAY(SELECT id FROM ticket));
