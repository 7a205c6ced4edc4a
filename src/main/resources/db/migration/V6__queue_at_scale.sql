-- The queue at a million tickets (issue 9, ops/bench/RESULTS.md). The département of the victim
-- is copied onto the ticket (it never changes after intake), so that a page filtered by
-- département and severity, and its count, read one partial index of open tickets instead of
-- joining every open ticket to its victim: 595 ms → see RESULTS.md.
ALTER TABLE ticket ADD COLUMN departement text CHECK (departement ~ '^([0-9]{2}|2A|2B|9[78][0-9])$');
UPDATE ticket t SET departement = v.departement FROM victim v WHERE v.ticket_id = t.id;

CREATE INDEX ticket_open_filter_idx ON ticket (departement, severity, next_due_at, created_at, id)
    WHERE status IN ('NEW', 'QUALIFIED', 'REFERRED', 'IN_PROGRESS', 'WAITING_ON_VICTIM', 'RESOLVED');
CREATE INDEX ticket_open_queue_idx ON ticket (next_due_at, severity, created_at, id)
    WHERE status IN ('NEW', 'QUALIFIED', 'REFERRED', 'IN_PROGRESS', 'WAITING_ON_VICTIM', 'RESOLVED');
