-- The desk's mailbox (issue 20, DESIGN.md §13): e-mails read over IMAP, their attachments, the
-- replies kept for review, and the Message-IDs of what Vigie sent (threading).

-- Every e-mail read from the mailbox, once: the unique Message-ID is what makes two pollers, or a
-- poller that crashed between its commit and flagging the message, store it only once.
CREATE TABLE mail_message (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id   text        NOT NULL UNIQUE CHECK (char_length(message_id) BETWEEN 1 AND 998),
    received_at  timestamptz NOT NULL,
    -- NEW_TICKET: opened a ticket; REPLY: a victim message on a ticket; REVIEW: kept for review;
    -- IGNORED: an auto-reply, a bounce or a loop (reason says which).
    outcome      text        NOT NULL CHECK (outcome IN ('NEW_TICKET', 'REPLY', 'REVIEW', 'IGNORED')),
    reason       text CHECK (char_length(reason) <= 200),
    ticket_id    bigint REFERENCES ticket (id),
    -- Personal data, erased by retention with the ticket's.
    sender       text CHECK (char_length(sender) <= 320),
    subject      text CHECK (char_length(subject) <= 1000)
);
CREATE INDEX mail_message_ticket_idx ON mail_message (ticket_id) WHERE ticket_id IS NOT NULL;

-- A reply naming a ticket from someone who is not its contact: never attached blindly.
CREATE TABLE mail_review (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mail_message_id bigint      NOT NULL UNIQUE REFERENCES mail_message (id),
    ticket_id       bigint      NOT NULL REFERENCES ticket (id),
    received_at     timestamptz NOT NULL,
    reason          text        NOT NULL CHECK (reason IN ('SENDER_NOT_CONTACT', 'CONTACT_HAS_NO_EMAIL')),
    -- Personal data, erased by retention with the ticket's.
    sender          text CHECK (char_length(sender) <= 320),
    subject         text CHECK (char_length(subject) <= 1000),
    body            text,
    attachments     integer     NOT NULL DEFAULT 0 CHECK (attachments >= 0)
);
CREATE INDEX mail_review_received_idx ON mail_review (received_at DESC, id DESC);

-- Files that came with an e-mail: kept with the ticket, downloaded by staff only, never inline.
CREATE TABLE mail_attachment (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id       bigint      NOT NULL REFERENCES ticket (id),
    mail_message_id bigint      NOT NULL REFERENCES mail_message (id),
    received_at     timestamptz NOT NULL,
    filename        text        NOT NULL CHECK (char_length(filename) BETWEEN 1 AND 200),
    -- The declared type, checked against the content's first bytes before it was accepted.
    content_type    text        NOT NULL CHECK (content_type ~ '^[a-z0-9.+-]+/[a-z0-9.+-]+$'),
    size            integer     NOT NULL CHECK (size >= 0),
    sha256          text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content         bytea       NOT NULL
);
CREATE INDEX mail_attachment_ticket_idx ON mail_attachment (ticket_id, id);

-- The Message-ID of every e-mail Vigie sends: set when it is queued, the same on every retry, so a
-- reply's In-Reply-To/References finds its ticket.
ALTER TABLE outbox ADD COLUMN message_id text CHECK (char_length(message_id) <= 998);
CREATE UNIQUE INDEX outbox_message_id_idx ON outbox (message_id) WHERE message_id IS NOT NULL;
