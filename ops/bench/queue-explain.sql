-- Loads N synthetic tickets (default 200,000) into a Vigie database and shows the plan of the
-- analysts' default queue page. Usage (embedded database of a running Vigie):
--   PGPASSWORD=$(cat data/pg-password) psql -h 127.0.0.1 -p <port> -U vigie vigie \
--     -v n=200000 -f ops/bench/queue-explain.sql
\set ON_ERROR_STOP on
\if :{?n}
\else
  \set n 200000
\endif
BEGIN;
INSERT INTO report (channel, payload, payload_hash, received_at)
SELECT 'WEB_FORM', '{}'::jsonb, repeat('0', 64), now() - (g || ' minutes')::interval
FROM generate_series(1, :n) g;
WITH r AS (SELECT id, row_number() OVER (ORDER BY id) AS g FROM report
           WHERE payload = '{}'::jsonb AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.report_id = report.id))
INSERT INTO ticket (reference, report_id, status, follow_up_token_hash, created_at, updated_at,
                    threat, discovered_at, severity, kind, next_due_at, closed_at, outcome,
                    prevented)
SELECT 'BEN-' || (2000 + g / 900000) || '-' || lpad((g % 900000)::text, 6, '0'), r.id,
       (ARRAY['NEW','QUALIFIED','IN_PROGRESS','CLOSED','CLOSED','CLOSED','RESOLVED','ORIENTED'])[1 + g % 8],
       sha256(g::text::bytea), now() - (g || ' minutes')::interval, now(),
       (ARRAY['RANSOMWARE','PHISHING','DDOS','TRANSFER_FRAUD'])[1 + g % 4],
       now() - (g || ' minutes')::interval,
       (ARRAY['P1','P2','P3','P4'])[1 + g % 4],
       'INCIDENT',
       CASE WHEN g % 3 = 0 THEN NULL ELSE now() + ((g % 5000) || ' minutes')::interval END,
       CASE WHEN g % 8 IN (3, 4, 5) THEN now() END,
       CASE WHEN g % 8 IN (3, 4, 5) THEN 'ADVICE_ONLY' END,
       CASE WHEN g % 8 IN (3, 4, 5) THEN false END
FROM r;
INSERT INTO victim (ticket_id, type, name, departement, region, nis2_declared, oiv, ose)
SELECT t.id, 'ENTREPRISE', 'Victime ' || t.id,
       (ARRAY['22','29','35','56'])[1 + t.id % 4], '53', 'UNKNOWN', false, false
FROM ticket t LEFT JOIN victim v ON v.ticket_id = t.id WHERE v.ticket_id IS NULL;
COMMIT;
ANALYZE ticket;
ANALYZE victim;
SELECT count(*) AS tickets FROM ticket;
-- The default queue page (open tickets, earliest clock first), as TicketReader sends it.
EXPLAIN (ANALYZE, BUFFERS)
SELECT t.reference, t.status, t.kind, t.severity, v.name AS victim_name, v.departement,
       t.threat, u.username AS assignee, t.next_due_at, t.created_at
FROM ticket t JOIN victim v ON v.ticket_id = t.id LEFT JOIN app_user u ON u.id = t.assignee_id
WHERE t.status = ANY ('{NEW,QUALIFIED,REFERRED,IN_PROGRESS,WAITING_ON_VICTIM,RESOLVED}'::text[])
ORDER BY t.next_due_at ASC NULLS LAST, t.severity, t.created_at, t.id LIMIT 50 OFFSET 0;
