-- What an analyst decided about an e-mail that waited for review (a reply naming a ticket from
-- another address than its contact's): joined to the ticket as the victim's message, or set
-- aside with a reason. Undecided reviews are the console's « Courriels à vérifier ».
ALTER TABLE mail_review
    ADD COLUMN decision      text CHECK (decision IN ('ACCEPTED', 'DISMISSED')),
    ADD COLUMN decided_at    timestamptz,
    ADD COLUMN decided_by    text CHECK (char_length(decided_by) <= 200),
    ADD COLUMN decision_note text CHECK (char_length(decision_note) <= 1000),
    ADD CONSTRAINT mail_review_decided CHECK ((decision IS NULL) = (decided_at IS NULL));
CREATE INDEX mail_review_pending_idx ON mail_review (received_at DESC, id DESC) WHERE decision IS NULL;
