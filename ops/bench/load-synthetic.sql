-- Loads N synthetic tickets (default 1,000,000) into a Vigie database, with realistic shares:
-- companies and communes first, Bretagne's four départements, phishing and account compromise
-- frequent, ransomware rare, mostly P3/P4, 97 % closed, a year of history (newest now). Every
-- ticket has its report, victim, contact, incident text, REPORT_RECEIVED event and the SLA clocks
-- FIRST_CONTACT and RESOLUTION (met for closed tickets, running for open ones), so the queue, the
-- ticket page and the sweeper can be measured at scale. Usage (see ops/bench/run.sh):
--   psql -h 127.0.0.1 -p <port> -U vigie vigie -v n=1000000 -f ops/bench/load-synthetic.sql
\set ON_ERROR_STOP on
\if :{?n}
\else
  \set n 1000000
\endif
SET synchronous_commit = off;
BEGIN;
CREATE TEMP TABLE g ON COMMIT DROP AS
SELECT g,
       now() - ((g::double precision / :n) * interval '365 days') AS at,
       (ARRAY['ENTREPRISE','ENTREPRISE','ENTREPRISE','ENTREPRISE','ENTREPRISE','COMMUNE','COMMUNE',
              'ASSOCIATION','EPCI','ETABLISSEMENT_PUBLIC','PARTICULIER'])[1 + (g * 7) % 11] AS vtype,
       (ARRAY['29','35','56','22','29','35','44','75'])[1 + (g * 13) % 8] AS dep,
       (ARRAY['PHISHING','PHISHING','PHISHING','ACCOUNT_COMPROMISE','ACCOUNT_COMPROMISE',
              'TRANSFER_FRAUD','MALWARE','DDOS','DEFACEMENT','DATA_BREACH','RANSOMWARE',
              'PHISHING'])[1 + (g * 17) % 12] AS threat,
       (ARRAY['P4','P4','P3','P3','P3','P2','P4','P3','P2','P1'])[1 + (g * 19) % 10] AS severity,
       CASE WHEN g % 100 < 97 THEN 'CLOSED'
            ELSE (ARRAY['NEW','QUALIFIED','IN_PROGRESS','WAITING_ON_VICTIM','REFERRED'])[1 + g % 5]
       END AS status
FROM generate_series(1, :n) g;

INSERT INTO report (channel, payload, payload_hash, received_at)
SELECT 'WEB_FORM', jsonb_build_object('synthetic', g), md5(g::text) || md5(g::text), at FROM g;

CREATE TEMP TABLE r ON COMMIT DROP AS
SELECT report.id AS report_id, (payload->>'synthetic')::int AS g FROM report
WHERE payload ? 'synthetic';

INSERT INTO ticket (reference, report_id, status, follow_up_token_hash, created_at, updated_at,
                    threat, discovered_at, severity, kind, impact_level, criticality,
                    in_constituency, next_due_at, closed_at, outcome, prevented, resume_status,
                    departement)
SELECT 'SYN-' || (2000 + g.g / 900000) || '-' || lpad((g.g % 900000)::text, 6, '0'), r.report_id,
       g.status, sha256(('t' || g.g)::bytea), g.at, g.at, g.threat, g.at - interval '2 hours',
       g.severity, CASE WHEN g.g % 5 = 0 THEN 'SIGNALEMENT' ELSE 'INCIDENT' END,
       (ARRAY['I0','I1','I2','I2','I3','I4'])[1 + g.g % 6], (ARRAY['C1','C2','C2','C3','C4'])[1 + g.g % 5],
       g.dep IN ('22','29','35','56'),
       CASE WHEN g.status = 'CLOSED' THEN NULL
            WHEN g.status = 'WAITING_ON_VICTIM' THEN NULL
            ELSE now() + ((g.g % 7200) - 600) * interval '1 minute' END,
       CASE WHEN g.status = 'CLOSED' THEN g.at + interval '3 days' END,
       CASE WHEN g.status = 'CLOSED' THEN
         (ARRAY['ADVICE_ONLY','PROVIDER_REMEDIATION','SELF_REMEDIATED','ESCALATED_TO_STATE',
                'PREVENTED','FALSE_POSITIVE'])[1 + g.g % 6] END,
       CASE WHEN g.status = 'CLOSED' THEN g.g % 6 = 4 END,
       CASE WHEN g.status = 'WAITING_ON_VICTIM' THEN 'QUALIFIED' END,
       g.dep
FROM g JOIN r ON r.g = g.g;

CREATE TEMP TABLE t ON COMMIT DROP AS
SELECT ticket.id, r.g FROM ticket JOIN r ON r.report_id = ticket.report_id;

INSERT INTO victim (ticket_id, type, name, departement, region, population, headcount,
                    nis2_declared, oiv, ose, has_it_provider, cyber_insured)
SELECT t.id, g.vtype, 'Victime synthétique ' || (g.g % 150000), g.dep,
       CASE WHEN g.dep IN ('22','29','35','56') THEN '53' WHEN g.dep = '44' THEN '52' ELSE '11' END,
       CASE WHEN g.vtype = 'COMMUNE' THEN 500 + (g.g * 37) % 60000 END,
       CASE WHEN g.vtype IN ('ENTREPRISE','ASSOCIATION') THEN 1 + (g.g * 11) % 400 END,
       'UNKNOWN', false, false, g.g % 2 = 0, g.g % 4 = 0
FROM t JOIN g ON g.g = t.g;

INSERT INTO contact (ticket_id, name, role, email, phone)
SELECT t.id, 'Contact ' || t.g, 'Gérant', 'contact' || t.g || '@example.fr', '02 98 00 00 00' FROM t;

INSERT INTO incident_detail (ticket_id, description, observables)
SELECT t.id, 'Description synthétique', '[]'::jsonb FROM t;

INSERT INTO ticket_event (ticket_id, at, actor, type, details)
SELECT t.id, g.at, 'intake:WEB_FORM', 'REPORT_RECEIVED',
       jsonb_build_object('reportId', 0, 'severity', g.severity, 'kind', 'INCIDENT', 'status', 'NEW')
FROM t JOIN g ON g.g = t.g;

INSERT INTO clock (ticket_id, code, kind, target, started_at, due_at, warn_at, state, completed_at,
                   ended_at, sweep_at, notified_level)
SELECT t.id, 'FIRST_CONTACT', 'SLA', '1bd', g.at,
       CASE WHEN g.status = 'WAITING_ON_VICTIM' THEN NULL
            ELSE coalesce(tk.next_due_at, g.at + interval '1 day') END,
       CASE WHEN g.status = 'WAITING_ON_VICTIM' THEN NULL
            ELSE coalesce(tk.next_due_at, g.at + interval '1 day') - interval '2 hours' END,
       CASE WHEN g.status = 'CLOSED' THEN (CASE WHEN g.g % 10 = 0 THEN 'BREACHED' ELSE 'MET' END)
            WHEN g.status = 'WAITING_ON_VICTIM' THEN 'PAUSED' ELSE 'RUNNING' END,
       CASE WHEN g.status = 'CLOSED' THEN g.at + ((30 + g.g % 600) * interval '1 minute') END,
       CASE WHEN g.status = 'CLOSED' THEN g.at + ((30 + g.g % 600) * interval '1 minute') END,
       CASE WHEN g.status IN ('CLOSED','WAITING_ON_VICTIM') THEN NULL
            ELSE tk.next_due_at - interval '2 hours' END,
       0
FROM t JOIN g ON g.g = t.g JOIN ticket tk ON tk.id = t.id;

INSERT INTO clock (ticket_id, code, kind, target, started_at, due_at, warn_at, state, completed_at,
                   ended_at)
SELECT t.id, 'RESOLUTION', 'SLA', '20bd', g.at,
       CASE WHEN g.status = 'WAITING_ON_VICTIM' THEN NULL ELSE g.at + interval '28 days' END,
       CASE WHEN g.status = 'WAITING_ON_VICTIM' THEN NULL ELSE g.at + interval '21 days' END,
       CASE WHEN g.status = 'CLOSED' THEN 'MET'
            WHEN g.status = 'WAITING_ON_VICTIM' THEN 'PAUSED' ELSE 'RUNNING' END,
       CASE WHEN g.status = 'CLOSED' THEN g.at + interval '3 days' END,
       CASE WHEN g.status = 'CLOSED' THEN g.at + interval '3 days' END
FROM t JOIN g ON g.g = t.g;
COMMIT;
VACUUM ANALYZE report;
VACUUM ANALYZE ticket;
VACUUM ANALYZE victim;
VACUUM ANALYZE clock;
VACUUM ANALYZE ticket_event;
SELECT count(*) AS tickets, count(*) FILTER (WHERE status <> 'CLOSED') AS open FROM ticket;
