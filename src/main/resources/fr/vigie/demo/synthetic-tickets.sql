-- Loads N synthetic tickets (default 1,000,000, at most 1,000,000) into the real tables of a Vigie
-- database: report, ticket, victim, contact, incident_detail, orientation, ticket_event and clock.
-- The shared loader of the benchmarks (issue 9: queue, ticket page, sweeper), of the statistics
-- (issue 7: the stat_fact triggers turn these rows into facts exactly as they do for real intakes)
-- and of the demo data (VIGIE_DEMO_DATA=true: fr.vigie.demo.DemoData runs this file through JDBC,
-- without its psql lines, with n, days, prefix and end set). Victims are Bretagne's (région 53).
--
-- Realistic shares, drawn with a fixed seed (the same N gives the same data):
--   victims: companies and communes first (45 % ENTREPRISE, 25 % COMMUNE, 10 % ASSOCIATION,
--     5 % EPCI, 5 % ETABLISSEMENT_PUBLIC, 8 % PARTICULIER, 1 % each DEPARTEMENT and REGION);
--     about 15 % of reports come from an organisation that already reported (a SIREN, a commune);
--   départements: Bretagne's 35, 29, 56, 22 dominant (80 %), then 44, 75, 50, 53 and a spread;
--   threats: phishing and account compromise frequent, ransomware rare (DESIGN.md §4 RSIT);
--   severity mostly P3/P4; signalements for spam, vulnerabilities, questions, most phishing;
--   tickets older than 45 days are finished (closed with an outcome, some rejected, oriented or
--   merged); recent ones are spread over the open statuses;
--   SLA clocks FIRST_CONTACT, QUALIFICATION, RESOLUTION in the states the clocks module gives:
--   MET (on time), BREACHED (late), NOT_APPLICABLE (the ticket ended without it), RUNNING,
--   PAUSED (waiting on the victim); a CALL event meets the first contact; tickets remediated by a
--   provider were REFERRED and accepted (REFERRAL_ACCEPTED), as the routing module records it.
-- Victims are inserted last, so the statistics triggers compute each fact once.
--
-- Usage (see ops/bench/run.sh and ops/bench/stats.sh):
--   psql -h 127.0.0.1 -p <port> -U vigie vigie -v n=1000000 \
--     -f src/main/resources/fr/vigie/demo/synthetic-tickets.sql
--   … -v end="'2026-01-01T00:00:00+01'" puts the newest ticket there instead of now (one full
--   calendar year of history, e.g. for the statistics, whose periods are published after a lag);
--   … -v days=548 spreads them over that many days instead of 365; -v prefix=DEMO numbers them
--   DEMO-{year}-{n} instead of SYN-{year}-{n} (the year is the ticket's, in Paris).
\set ON_ERROR_STOP on
\if :{?n}
\else
  \set n 1000000
\endif
\if :{?end}
\else
  \set end 'now()'
\endif
\if :{?days}
\else
  \set days 365
\endif
\if :{?prefix}
\else
  \set prefix SYN
\endif
SET synchronous_commit = off;
BEGIN;
SELECT setseed(0.20261122);

CREATE TEMP TABLE pick (dim text, value text, lo double precision, hi double precision,
                        a text, b text, c double precision) ON COMMIT DROP;
-- value, weight → cumulative [lo, hi) per dimension; a, b, c: per-value attributes.
INSERT INTO pick (dim, value, lo, hi, a, b, c)
SELECT dim, value, (sum(w) OVER (PARTITION BY dim ORDER BY ord) - w) / sum(w) OVER (PARTITION BY dim),
       sum(w) OVER (PARTITION BY dim ORDER BY ord) / sum(w) OVER (PARTITION BY dim), a, b, c
FROM (VALUES
  ('type', 1, 'ENTREPRISE', 45, NULL, NULL, NULL::double precision),
  ('type', 2, 'COMMUNE', 25, NULL, NULL, NULL),
  ('type', 3, 'ASSOCIATION', 10, NULL, NULL, NULL),
  ('type', 4, 'EPCI', 5, NULL, NULL, NULL),
  ('type', 5, 'ETABLISSEMENT_PUBLIC', 5, NULL, NULL, NULL),
  ('type', 6, 'PARTICULIER', 8, NULL, NULL, NULL),
  ('type', 7, 'DEPARTEMENT', 1, NULL, NULL, NULL),
  ('type', 8, 'REGION', 1, NULL, NULL, NULL),
  ('dep', 1, '35', 24, '53', NULL, NULL), ('dep', 2, '29', 22, '53', NULL, NULL),
  ('dep', 3, '56', 18, '53', NULL, NULL), ('dep', 4, '22', 16, '53', NULL, NULL),
  ('dep', 5, '44', 5, '52', NULL, NULL), ('dep', 6, '75', 3, '11', NULL, NULL),
  ('dep', 7, '50', 2, '28', NULL, NULL), ('dep', 8, '53', 2, '52', NULL, NULL),
  ('dep', 9, '49', 1, '52', NULL, NULL), ('dep', 10, '14', 1, '28', NULL, NULL),
  ('dep', 11, '33', 1, '75', NULL, NULL), ('dep', 12, '69', 1, '84', NULL, NULL),
  ('dep', 13, '13', 1, '93', NULL, NULL), ('dep', 14, '2A', 0.5, '94', NULL, NULL),
  ('dep', 15, '974', 0.5, '04', NULL, NULL), ('dep', 16, '67', 1, '44', NULL, NULL),
  ('dep', 17, '59', 1, '32', NULL, NULL),
  -- threat: RSIT class, type, share of signalements
  ('threat', 1, 'PHISHING', 25, 'fraud', 'phishing', 0.6),
  ('threat', 2, 'ACCOUNT_COMPROMISE', 18, 'intrusions', 'unprivileged-account-compromise', 0.05),
  ('threat', 3, 'TRANSFER_FRAUD', 8, 'fraud', 'masquerade', 0.1),
  ('threat', 4, 'MALWARE', 7, 'malicious-code', 'infected-system', 0.1),
  ('threat', 5, 'SPAM', 6, 'abusive-content', 'spam', 1),
  ('threat', 6, 'INTRUSION', 5, 'intrusions', 'system-compromise', 0),
  ('threat', 7, 'TECH_SUPPORT_SCAM', 5, 'fraud', 'masquerade', 0.3),
  ('threat', 8, 'IMPERSONATION', 4, 'fraud', 'masquerade', 0.3),
  ('threat', 9, 'DATA_BREACH', 4, 'information-content-security', 'data-leak', 0),
  ('threat', 10, 'DDOS', 3, 'availability', 'ddos', 0),
  ('threat', 11, 'DEFACEMENT', 3, 'information-content-security', 'unauthorised-information-modification', 0),
  ('threat', 12, 'RANSOMWARE', 2, 'information-content-security', 'unauthorised-information-modification', 0),
  ('threat', 13, 'VULNERABILITY', 3, 'vulnerable', 'vulnerable-system', 1),
  ('threat', 14, 'INFORMATION_REQUEST', 3, 'other', 'other', 1),
  ('threat', 15, 'EXTORTION', 1, 'abusive-content', 'harmful-speech', 0.2),
  ('threat', 16, 'CARD_FRAUD', 1, 'fraud', 'unauthorised-use-of-resources', 0),
  ('threat', 17, 'LOST_OR_STOLEN_DEVICE', 1, 'intrusions', 'burglary', 0),
  ('threat', 18, 'HARASSMENT', 0.5, 'abusive-content', 'harmful-speech', 0.2),
  ('threat', 19, 'UNKNOWN', 0.5, 'other', 'undetermined', 0.5),
  ('severity', 1, 'P4', 40, NULL, NULL, NULL), ('severity', 2, 'P3', 38, NULL, NULL, NULL),
  ('severity', 3, 'P2', 17, NULL, NULL, NULL), ('severity', 4, 'P1', 5, NULL, NULL, NULL),
  -- outcome of a closed ticket: prevented when detected before impact
  ('outcome', 1, 'ADVICE_ONLY', 40, NULL, NULL, NULL),
  ('outcome', 2, 'PROVIDER_REMEDIATION', 20, NULL, NULL, NULL),
  ('outcome', 3, 'SELF_REMEDIATED', 15, NULL, NULL, NULL),
  ('outcome', 4, 'PREVENTED', 12, NULL, NULL, NULL),
  ('outcome', 5, 'ESCALATED_TO_STATE', 5, NULL, NULL, NULL),
  ('outcome', 6, 'FALSE_POSITIVE', 5, NULL, NULL, NULL),
  ('outcome', 7, 'NO_RESPONSE', 3, NULL, NULL, NULL),
  ('open', 1, 'NEW', 20, NULL, NULL, NULL), ('open', 2, 'QUALIFIED', 20, NULL, NULL, NULL),
  ('open', 3, 'IN_PROGRESS', 25, NULL, NULL, NULL), ('open', 4, 'REFERRED', 10, NULL, NULL, NULL),
  ('open', 5, 'WAITING_ON_VICTIM', 10, NULL, NULL, NULL), ('open', 6, 'RESOLVED', 15, NULL, NULL, NULL)
) AS v (dim, ord, value, w, a, b, c);

-- One row per ticket: its organisation (o; 15 % an earlier reporter), time and draws.
CREATE TEMP TABLE g ON COMMIT DROP AS
SELECT g,
       (:end)::timestamptz - ((:n - g)::double precision / :n) * :days * interval '1 day'
         - (random() * interval '1 hour') AS at,
       CASE WHEN g > 20 AND random() < 0.15 THEN floor(g * power(random(), 2))::bigint + 1
            ELSE g END AS o,
       random() AS r_threat, random() AS r_sev, random() AS r_kind, random() AS r_status,
       random() AS r_outcome, random() AS r_clock, random() AS r_open
FROM generate_series(1, :n) g;

-- Each organisation's fixed attributes, from its number (the same organisation every time).
CREATE TEMP TABLE org ON COMMIT DROP AS
SELECT o, t.value AS vtype, d.value AS dep, d.a AS region,
       lpad((((o * 7919) % 899) + 1)::text, 3, '0') AS commune_suffix,
       lpad((100000000 + o)::text, 9, '0') AS siren,
       (hashint8(o * 3) & 65535) AS size_seed
FROM (SELECT DISTINCT o FROM g) x
JOIN pick t ON t.dim = 'type' AND ((hashint8(o) & 1048575) / 1048576.0) >= t.lo
           AND ((hashint8(o) & 1048575) / 1048576.0) < t.hi
JOIN pick d ON d.dim = 'dep' AND ((hashint8(o + 17) & 1048575) / 1048576.0) >= d.lo
           AND ((hashint8(o + 17) & 1048575) / 1048576.0) < d.hi;

CREATE TEMP TABLE s ON COMMIT DROP AS
SELECT g.g, g.at, g.o, org.vtype, org.dep, org.region, org.siren, org.size_seed,
       CASE WHEN org.dep = '974' THEN '974' || substr(org.commune_suffix, 2)
            ELSE org.dep || org.commune_suffix END AS commune_code,
       th.value AS threat, th.a AS rsit_class, th.b AS rsit_type,
       CASE WHEN g.r_kind < th.c THEN 'SIGNALEMENT' ELSE 'INCIDENT' END AS kind,
       CASE WHEN th.value = 'RANSOMWARE' THEN (ARRAY['P1','P1','P2','P2','P3'])[1 + floor(g.r_sev * 5)::int]
            ELSE sev.value END AS severity,
       CASE WHEN (:end)::timestamptz - g.at < interval '45 days' THEN op.value
            WHEN org.vtype = 'PARTICULIER' OR org.region <> '53' THEN
              CASE WHEN g.r_status < 0.7 THEN 'CLOSED' ELSE 'ORIENTED' END
            WHEN g.r_status < 0.03 THEN 'REJECTED'
            WHEN g.r_status < 0.04 AND g.g > 1 THEN 'MERGED'
            ELSE 'CLOSED' END AS status,
       oc.value AS outcome, g.r_clock, g.r_open
FROM g
JOIN org ON org.o = g.o
JOIN pick th ON th.dim = 'threat' AND g.r_threat >= th.lo AND g.r_threat < th.hi
JOIN pick sev ON sev.dim = 'severity' AND g.r_sev >= sev.lo AND g.r_sev < sev.hi
JOIN pick oc ON oc.dim = 'outcome' AND g.r_outcome >= oc.lo AND g.r_outcome < oc.hi
JOIN pick op ON op.dim = 'open' AND g.r_open >= op.lo AND g.r_open < op.hi;

INSERT INTO report (channel, payload, payload_hash, received_at)
SELECT CASE WHEN g % 3 = 0 THEN 'PHONE' ELSE 'WEB_FORM' END, jsonb_build_object('synthetic', g),
       md5(g::text) || md5(g::text), at
FROM s;

CREATE TEMP TABLE r ON COMMIT DROP AS
SELECT report.id AS report_id, (payload->>'synthetic')::int AS g FROM report
WHERE payload ? 'synthetic';
CREATE INDEX ON r (g);

INSERT INTO ticket (reference, report_id, status, follow_up_token_hash, created_at, updated_at,
                    threat, discovered_at, severity, kind, impact_level, criticality, rsit_class,
                    rsit_type, in_constituency, next_due_at, closed_at, outcome, prevented,
                    resume_status, departement)
SELECT :'prefix' || '-' || to_char(s.at AT TIME ZONE 'Europe/Paris', 'YYYY') || '-'
         || lpad((s.g % 1000000)::text, 6, '0'), r.report_id,
       CASE WHEN s.status = 'MERGED' THEN 'REJECTED' ELSE s.status END,
       sha256(('t' || s.g)::bytea), s.at, s.at, s.threat, s.at - interval '2 hours',
       s.severity, s.kind,
       CASE s.severity WHEN 'P1' THEN 'I3' WHEN 'P2' THEN 'I2' WHEN 'P3' THEN 'I2' ELSE 'I1' END,
       (ARRAY['C1','C2','C2','C3','C4'])[1 + s.g % 5], s.rsit_class, s.rsit_type,
       s.vtype <> 'PARTICULIER' AND s.region = '53',
       CASE WHEN s.status IN ('CLOSED', 'REJECTED', 'MERGED', 'ORIENTED', 'WAITING_ON_VICTIM')
            THEN NULL
            ELSE (:end)::timestamptz + ((s.g % 7200) - 600) * interval '1 minute' END,
       CASE WHEN s.status = 'CLOSED' THEN s.at + interval '3 days' END,
       CASE WHEN s.status = 'CLOSED' THEN
            CASE WHEN s.vtype = 'PARTICULIER' OR s.region <> '53' THEN 'ADVICE_ONLY'
                 ELSE s.outcome END END,
       CASE WHEN s.status = 'CLOSED' THEN s.outcome = 'PREVENTED'
                                          AND s.vtype <> 'PARTICULIER' AND s.region = '53' END,
       CASE WHEN s.status = 'WAITING_ON_VICTIM' THEN 'QUALIFIED' END,
       s.dep
FROM s JOIN r ON r.g = s.g;

CREATE TEMP TABLE t ON COMMIT DROP AS
SELECT ticket.id, r.g FROM ticket JOIN r ON r.report_id = ticket.report_id;
CREATE INDEX ON t (g);

-- A few duplicates: merged into the ticket before them (the survivor is counted, not these).
UPDATE ticket SET status = 'MERGED', merged_into = prev.id
FROM t JOIN s ON s.g = t.g AND s.status = 'MERGED' JOIN t prev ON prev.g = t.g - 1
WHERE ticket.id = t.id;

INSERT INTO contact (ticket_id, name, role, email, phone)
SELECT t.id, 'Contact ' || t.g, 'Gérant', 'contact' || t.g || '@example.fr', '02 98 00 00 00' FROM t;

INSERT INTO incident_detail (ticket_id, description, observables)
SELECT t.id, 'Description synthétique', '[]'::jsonb FROM t;

-- Orientations as triage gives them: a complaint for malicious acts, CNIL for data, CERT-FR for
-- the largest, 17Cyber for individuals and other régions' CSIRT for theirs.
INSERT INTO orientation (ticket_id, code, urgent, reason)
SELECT t.id, o.code, o.code = 'POLICE_GENDARMERIE' AND s.threat = 'TRANSFER_FRAUD', 'synthetic'
FROM t JOIN s ON s.g = t.g
CROSS JOIN LATERAL (
  SELECT 'POLICE_GENDARMERIE' AS code
  WHERE s.threat IN ('RANSOMWARE', 'INTRUSION', 'TRANSFER_FRAUD', 'DATA_BREACH', 'EXTORTION',
                     'DEFACEMENT', 'DDOS', 'ACCOUNT_COMPROMISE')
  UNION ALL SELECT 'CNIL' WHERE s.threat IN ('RANSOMWARE', 'DATA_BREACH')
  UNION ALL SELECT 'CERT_FR' WHERE s.vtype IN ('DEPARTEMENT', 'REGION') AND s.severity = 'P1'
  UNION ALL SELECT 'PERCEVAL' WHERE s.threat = 'CARD_FRAUD'
  UNION ALL SELECT 'PHAROS' WHERE s.threat = 'HARASSMENT'
  UNION ALL SELECT 'CYBERMALVEILLANCE_17CYBER' WHERE s.vtype = 'PARTICULIER'
  UNION ALL SELECT 'OTHER_REGIONAL_CSIRT' WHERE s.region <> '53' AND s.vtype <> 'PARTICULIER'
) o;

-- Clock timings per ticket: the first contact (a call) on time for ~88 %, later otherwise.
CREATE TEMP TABLE k ON COMMIT DROP AS
SELECT t.id, s.g, s.at, s.status, s.severity, s.outcome,
       CASE s.severity WHEN 'P1' THEN interval '30 minutes' WHEN 'P2' THEN interval '4 hours'
                       WHEN 'P3' THEN interval '1 day' ELSE interval '3 days' END AS fc_target,
       CASE s.severity WHEN 'P1' THEN interval '2 hours' WHEN 'P2' THEN interval '1 day'
                       WHEN 'P3' THEN interval '2 days' ELSE interval '5 days' END AS q_target,
       CASE s.severity WHEN 'P1' THEN interval '5 days' WHEN 'P2' THEN interval '14 days'
                       WHEN 'P3' THEN interval '28 days' ELSE interval '42 days' END AS r_target,
       CASE s.severity WHEN 'P1' THEN '30m' WHEN 'P2' THEN '2bh' WHEN 'P3' THEN '1bd' ELSE '3bd' END AS fc_code,
       CASE s.severity WHEN 'P1' THEN '2h' WHEN 'P2' THEN '1bd' WHEN 'P3' THEN '2bd' ELSE '5bd' END AS q_code,
       CASE s.severity WHEN 'P1' THEN '5d' WHEN 'P2' THEN '10bd' WHEN 'P3' THEN '20bd' ELSE '30bd' END AS r_code,
       s.r_clock < 0.88 AS on_time, s.r_clock, s.r_open,
       t.id AS ticket_id
FROM t JOIN s ON s.g = t.g;

-- Timeline: the report, the first call, and for remediated tickets the referral.
INSERT INTO ticket_event (ticket_id, at, actor, type, details)
SELECT k.id, k.at, 'intake:WEB_FORM', 'REPORT_RECEIVED',
       jsonb_build_object('reportId', 0, 'severity', k.severity, 'kind', 'INCIDENT', 'status', 'NEW')
FROM k
UNION ALL
SELECT k.id, k.at + k.fc_target * (CASE WHEN k.on_time THEN 0.1 + 0.8 * k.r_clock / 0.88
                                        ELSE 1.2 + 3 * k.r_clock END),
       'analyst', 'CALL', jsonb_build_object('note', 'premier contact')
FROM k WHERE k.status NOT IN ('NEW', 'MERGED') AND (k.status <> 'REJECTED' OR k.r_open < 0.5)
UNION ALL
SELECT k.id, k.at + interval '1 day', 'analyst', 'STATUS_CHANGED',
       jsonb_build_object('from', 'QUALIFIED', 'to', 'REFERRED')
FROM k WHERE k.status = 'CLOSED' AND k.outcome = 'PROVIDER_REMEDIATION'
UNION ALL
SELECT k.id, k.at + interval '1 day' + (15 + (k.g * 37) % 600) * interval '1 minute', 'provider',
       'REFERRAL_ACCEPTED', jsonb_build_object('provider', 1 + k.g % 40)
FROM k WHERE k.status = 'CLOSED' AND k.outcome = 'PROVIDER_REMEDIATION';

-- SLA clocks in the states the clocks module records.
INSERT INTO clock (ticket_id, code, kind, target, started_at, due_at, warn_at, state, completed_at,
                   ended_at, sweep_at, notified_level)
SELECT ticket_id, code, 'SLA', target, at, due, CASE WHEN due IS NOT NULL THEN at + (due - at) * 0.75 END,
       state, completed, ended,
       CASE WHEN state IN ('RUNNING', 'WARNING') THEN due END,
       CASE state WHEN 'BREACHED' THEN 2 WHEN 'WARNING' THEN 1 ELSE 0 END
FROM (
  -- first contact: met by the call for tickets that had one, else running / not applicable
  SELECT k.ticket_id, 'FIRST_CONTACT' AS code, k.fc_code AS target, k.at,
         k.at + k.fc_target AS due,
         CASE WHEN k.status = 'NEW' THEN 'RUNNING'
              WHEN k.status = 'MERGED' OR (k.status = 'REJECTED' AND k.r_open >= 0.5)
                THEN 'NOT_APPLICABLE'
              WHEN k.on_time THEN 'MET' ELSE 'BREACHED' END AS state,
         CASE WHEN k.status IN ('NEW', 'MERGED') OR (k.status = 'REJECTED' AND k.r_open >= 0.5)
                THEN NULL
              ELSE k.at + k.fc_target * (CASE WHEN k.on_time THEN 0.1 + 0.8 * k.r_clock / 0.88
                                              ELSE 1.2 + 3 * k.r_clock END) END AS completed,
         CASE WHEN k.status = 'NEW' THEN NULL
              WHEN k.status = 'MERGED' OR (k.status = 'REJECTED' AND k.r_open >= 0.5) THEN k.at + interval '1 hour'
              ELSE k.at + k.fc_target * (CASE WHEN k.on_time THEN 0.1 + 0.8 * k.r_clock / 0.88
                                              ELSE 1.2 + 3 * k.r_clock END) END AS ended
  FROM k
  UNION ALL
  -- qualification: leaving NEW (for QUALIFIED, ORIENTED or REJECTED) meets it
  SELECT k.ticket_id, 'QUALIFICATION', k.q_code, k.at, k.at + k.q_target,
         CASE WHEN k.status = 'NEW' THEN 'RUNNING' WHEN k.status = 'MERGED' THEN 'NOT_APPLICABLE'
              WHEN k.r_clock < 0.92 THEN 'MET' ELSE 'BREACHED' END,
         CASE WHEN k.status IN ('NEW', 'MERGED') THEN NULL
              ELSE k.at + k.q_target * (CASE WHEN k.r_clock < 0.92 THEN 0.5 ELSE 1.5 END) END,
         CASE WHEN k.status = 'NEW' THEN NULL WHEN k.status = 'MERGED' THEN k.at + interval '1 hour'
              ELSE k.at + k.q_target * (CASE WHEN k.r_clock < 0.92 THEN 0.5 ELSE 1.5 END) END
  FROM k
  UNION ALL
  -- resolution: met when resolved or closed; paused while waiting on the victim
  SELECT k.ticket_id, 'RESOLUTION', k.r_code, k.at,
         CASE WHEN k.status = 'WAITING_ON_VICTIM' THEN NULL ELSE k.at + k.r_target END,
         CASE WHEN k.status IN ('CLOSED', 'RESOLVED') THEN
                   CASE WHEN k.r_clock < 0.95 THEN 'MET' ELSE 'BREACHED' END
              WHEN k.status IN ('MERGED', 'REJECTED', 'ORIENTED') THEN 'NOT_APPLICABLE'
              WHEN k.status = 'WAITING_ON_VICTIM' THEN 'PAUSED'
              ELSE 'RUNNING' END,
         CASE WHEN k.status IN ('CLOSED', 'RESOLVED')
              THEN k.at + k.r_target * (CASE WHEN k.r_clock < 0.95 THEN 0.3 ELSE 1.3 END) END,
         CASE WHEN k.status IN ('CLOSED', 'RESOLVED')
                THEN k.at + k.r_target * (CASE WHEN k.r_clock < 0.95 THEN 0.3 ELSE 1.3 END)
              WHEN k.status IN ('MERGED', 'REJECTED', 'ORIENTED') THEN k.at + interval '1 day' END
  FROM k
) c (ticket_id, code, target, at, due, state, completed, ended);

-- Victims last: their insert computes every ticket's statistics fact in one pass.
INSERT INTO victim (ticket_id, type, name, siren, commune_code, departement, region, population,
                    headcount, nis2_declared, nis2_derived, nis2_effective, oiv, ose, sector,
                    has_it_provider, cyber_insured)
SELECT t.id, s.vtype,
       CASE WHEN s.vtype = 'PARTICULIER' THEN 'Particulier ' || s.g
            ELSE 'Organisation synthétique ' || s.o END,
       CASE WHEN s.vtype IN ('ENTREPRISE', 'ASSOCIATION', 'ETABLISSEMENT_PUBLIC', 'EPCI', 'COMMUNE')
                 AND s.o % 10 <> 0 THEN s.siren END,
       CASE WHEN s.vtype NOT IN ('DEPARTEMENT', 'REGION') THEN s.commune_code END,
       s.dep, s.region,
       CASE WHEN s.vtype = 'COMMUNE' THEN (ARRAY[150, 300, 450, 600, 800, 950, 1200, 1800, 2500, 3500, 5000, 8000, 12000, 20000, 45000])[1 + s.size_seed % 15]
            WHEN s.vtype = 'EPCI' THEN 8000 + s.size_seed
            WHEN s.vtype = 'DEPARTEMENT' THEN 900000 WHEN s.vtype = 'REGION' THEN 3400000 END,
       CASE WHEN s.vtype IN ('ENTREPRISE', 'ASSOCIATION', 'ETABLISSEMENT_PUBLIC')
            THEN (ARRAY[1, 1, 2, 2, 3, 4, 5, 6, 8, 9, 12, 15, 20, 30, 45, 80, 150, 300, 700, 6000])[1 + s.size_seed % 20] END,
       'UNKNOWN', 'NONE', 'NONE', false, false, NULL, s.g % 2 = 0, s.g % 4 = 0
FROM t JOIN s ON s.g = t.g;
COMMIT;
VACUUM ANALYZE report;
VACUUM ANALYZE ticket;
VACUUM ANALYZE victim;
VACUUM ANALYZE clock;
VACUUM ANALYZE ticket_event;
VACUUM ANALYZE orientation;
SELECT count(*) AS tickets, count(*) FILTER (WHERE status NOT IN ('CLOSED', 'REJECTED', 'MERGED', 'ORIENTED')) AS open
FROM ticket;
