-- Analyst workflow (issue 4): where a waiting ticket resumes, why it was rejected, which ticket
-- absorbed a duplicate, and the indexes of the queue.

ALTER TABLE ticket
    ADD COLUMN resume_status text CHECK (resume_status IN ('QUALIFIED', 'REFERRED', 'IN_PROGRESS')),
    ADD COLUMN status_reason text CHECK (char_length(status_reason) <= 1000),
    ADD COLUMN merged_into   bigint REFERENCES ticket (id),
    ADD CHECK ((status = 'WAITING_ON_VICTIM') = (resume_status IS NOT NULL)),
    ADD CHECK ((status = 'MERGED') = (merged_into IS NOT NULL)),
    ADD CHECK (status <> 'CLOSED' OR (outcome IS NOT NULL AND prevented IS NOT NULL));

CREATE INDEX ticket_assignee_idx ON ticket (assignee_id, created_at DESC);
CREATE INDEX ticket_severity_idx ON ticket (severity, created_at DESC);
CREATE INDEX ticket_merged_into_idx ON ticket (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX clock_ticket_idx ON clock (ticket_id);

-- The queue's default order (issue 4): the earliest running clock first, then severity, then age.
-- next_due_at is the smallest due time of the ticket's running clocks, kept with the ticket so a
-- page of a million tickets is read from one index.
ALTER TABLE ticket ADD COLUMN next_due_at timestamptz;
CREATE INDEX ticket_queue_idx ON ticket (next_due_at ASC NULLS LAST, severity, created_at, id);
