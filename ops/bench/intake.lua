-- wrk script for the intake benchmark (ops/bench/run.sh): posts realistic, all different reports
-- and records the reference of every 201 in acks-<thread>.txt so that run.sh can check that each
-- acknowledged report is in the database afterwards.
local communes = { {"29019","Brest"}, {"35238","Rennes"}, {"56121","Lorient"}, {"22278","Saint-Brieuc"},
  {"29232","Quimper"}, {"56260","Vannes"}, {"35288","Saint-Malo"}, {"29212","Plouzané"},
  {"22113","Lannion"}, {"56178","Pontivy"}, {"35115","Fougères"}, {"29103","Landerneau"} }
local threats = { "PHISHING", "PHISHING", "PHISHING", "ACCOUNT_COMPROMISE", "ACCOUNT_COMPROMISE",
  "TRANSFER_FRAUD", "RANSOMWARE", "DEFACEMENT", "DATA_BREACH", "DDOS" }
local types = { "ENTREPRISE", "ENTREPRISE", "ENTREPRISE", "ENTREPRISE", "COMMUNE", "COMMUNE", "ASSOCIATION" }

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(id * 7919 + os.time())
  acks = io.open((os.getenv("ACKS_DIR") or ".") .. "/acks-" .. id .. ".txt", "a")
  n = 0
end

local template = [[{"channel":"WEB_FORM","victim":{"type":"%s","name":"%s","siren":null,"communeCode":"%s","headcount":%d,"nis2":"UNKNOWN","oiv":false,"ose":false,"sector":null,"hasItProvider":%s,"cyberInsured":%s},"contact":{"name":"Claire Martin","role":"Secrétaire","email":"contact@example.fr","phone":"02 98 00 00 00"},"incident":{"threat":"%s","discoveredAt":"2026-11-20T07:45:00+01:00","ongoing":%s,"attackerStillPresent":false,"serviceImpact":"%s","affectedServices":["EMAIL"],"scope":"SINGLE_DEVICE","personalData":"%s","dataExfiltrated":null,"ransomDemanded":%s,"fundsTransferred":null,"description":"Rapport de charge synthétique","observables":[]},"consent":true}]]

local function pick(list) return list[math.random(#list)] end
local function bool(p) return (math.random() < p) and "true" or "false" end

function request()
  n = n + 1
  local c = pick(communes)
  local t = pick(types)
  local threat = pick(threats)
  local name = (t == "COMMUNE") and ("Mairie de " .. c[2] .. " " .. id .. "-" .. n)
    or ("Organisation " .. id .. "-" .. n .. "-" .. math.random(1000000))
  local body = string.format(template, t, name, c[1], math.random(200), bool(0.5), bool(0.25),
    threat, bool(0.5), (math.random(3) == 1) and "INTERRUPTED" or "DEGRADED",
    (math.random(3) == 1) and "SUSPECTED" or "NO", (threat == "RANSOMWARE") and "true" or "false")
  return wrk.format("POST", "/api/v1/reports", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 201 then
    local ref = string.match(body, '"reference":"([A-Z0-9-]+)"')
    if ref then acks:write(ref, "\n") end
  end
end

function done(summary, latency, requests)
  local s = summary
  io.write(string.format("WRK requests=%d errors_status=%d errors_connect=%d errors_timeout=%d p50_ms=%.1f p99_ms=%.1f\n",
    s.requests, s.errors.status, s.errors.connect, s.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
