// Builds Vigie's geography reference files from an installed @etalab/decoupage-administratif.
//
// Usage: node build-reference.mjs <package-dir> <output-dir>
// Called by refresh.sh. Writes communes.csv, epci.csv, epci_members.csv, departements.csv,
// regions.csv and VERSION. Output is deterministic (rows sorted by key, LF line endings, no
// timestamps) so that a refresh shows up as a small, reviewable diff.
//
// Every row is checked against the constraints of V2__geo_reference.sql: a refresh that would
// fail at the application's start fails here first, where the cause is easier to see.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EPCI_TYPES = new Set(['CC', 'CA', 'CU', 'METRO', 'MET69']);
const COMMUNE_CODE = /^([0-9]{2}|2A|2B)[0-9]{3}$/;
const DEPARTEMENT_CODE = /^([0-9]{2}|2A|2B|9[78][0-9])$/;
const REGION_CODE = /^[0-9]{2,3}$/;
const SIREN = /^[0-9]{9}$/;
const POSTAL_CODE = /^[0-9]{5}$/;

const [pkgDir, outDir] = process.argv.slice(2);
if (!pkgDir || !outDir) {
  console.error('usage: node build-reference.mjs <package-dir> <output-dir>');
  process.exit(2);
}

const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const data = (name) => JSON.parse(readFileSync(join(pkgDir, 'data', `${name}.json`), 'utf8'));

const regions = data('regions');
const departements = data('departements');
const communes = data('communes').filter((c) => c.type === 'commune-actuelle');
const epcis = data('epci');

function fail(message) {
  throw new Error(`invalid reference data: ${message}`);
}

function check(value, pattern, what) {
  if (!pattern.test(value ?? '')) fail(`${what} ${JSON.stringify(value)}`);
  return value;
}

function population(value, what) {
  if (value === undefined || value === null) return '';
  if (!Number.isInteger(value) || value < 0) fail(`${what} population ${value}`);
  return value;
}

// The package states the COG year only in its README ("| 2026 | 6.0.0 | ..."); COG_YEAR
// overrides it for a version the README does not list.
function cogYear() {
  if (process.env.COG_YEAR) return check(process.env.COG_YEAR, /^[0-9]{4}$/, 'COG_YEAR');
  const readme = readFileSync(join(pkgDir, 'README.md'), 'utf8');
  const escaped = pkg.version.replace(/\./g, '\\.');
  const row = readme.match(new RegExp(`^\\|\\s*([0-9]{4})\\s*\\|\\s*${escaped}\\s*\\|`, 'm'));
  if (!row) fail(`no COG year for version ${pkg.version} in the README; set COG_YEAR`);
  return row[1];
}

// RFC 4180: quote a field only when it holds a comma, a quote or a line break.
function field(value) {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeCsv(name, header, rows) {
  const byKey = (a, b) => {
    for (let i = 0; i < a.length; i++) {
      const x = String(a[i]);
      const y = String(b[i]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  rows.sort(byKey);
  const lines = [header, ...rows].map((row) => row.map(field).join(','));
  writeFileSync(join(outDir, name), `${lines.join('\n')}\n`, 'utf8');
  console.error(`${name}: ${rows.length} rows`);
  return rows.length;
}

// --- regions and departements -----------------------------------------------------------------
const regionCodes = new Set(regions.map((r) => check(r.code, REGION_CODE, 'region code')));
const departementCodes = new Set();
for (const d of departements) {
  departementCodes.add(check(d.code, DEPARTEMENT_CODE, 'departement code'));
  if (!regionCodes.has(d.region)) fail(`departement ${d.code} in unknown region ${d.region}`);
}

// --- EPCI and membership: a commune belongs to at most one EPCI à fiscalité propre -------------
const communeCodes = new Set(communes.map((c) => check(c.code, COMMUNE_CODE, 'commune code')));
const epciOfCommune = new Map();
const epciRows = [];
const memberRows = [];
for (const e of epcis) {
  check(e.code, SIREN, 'EPCI SIREN');
  if (!EPCI_TYPES.has(e.type)) fail(`EPCI ${e.code} has unknown type ${e.type}`);
  const members = e.membres ?? [];
  const memberSum = members.reduce((sum, m) => sum + (m.populationTotale ?? 0), 0);
  epciRows.push([e.code, e.nom, e.type, population(e.populationTotale ?? memberSum, e.code)]);
  for (const m of members) {
    if (!communeCodes.has(m.code)) fail(`EPCI ${e.code} lists unknown commune ${m.code}`);
    if (epciOfCommune.has(m.code)) fail(`commune ${m.code} in two EPCI`);
    epciOfCommune.set(m.code, e.code);
    memberRows.push([e.code, m.code]);
  }
}

// --- communes ---------------------------------------------------------------------------------
const sirens = new Set();
const communeRows = communes.map((c) => {
  if (!departementCodes.has(c.departement)) fail(`commune ${c.code}: departement ${c.departement}`);
  if (!regionCodes.has(c.region)) fail(`commune ${c.code}: region ${c.region}`);
  if (c.siren !== undefined) {
    check(c.siren, SIREN, `commune ${c.code} SIREN`);
    if (sirens.has(c.siren)) fail(`SIREN ${c.siren} used twice`);
    sirens.add(c.siren);
  }
  const postalCodes = [...new Set(c.codesPostaux ?? [])].sort();
  postalCodes.forEach((p) => check(p, POSTAL_CODE, `commune ${c.code} postal code`));
  return [
    c.code,
    c.nom,
    c.departement,
    c.region,
    c.siren ?? '',
    // The package's commune figure: INSEE "population municipale" of the latest census.
    population(c.population, c.code),
    postalCodes.join(' '),
    epciOfCommune.get(c.code) ?? '',
  ];
});

// --- output -----------------------------------------------------------------------------------
writeCsv('regions.csv', ['code', 'name'], regions.map((r) => [r.code, r.nom]));
writeCsv(
  'departements.csv',
  ['code', 'name', 'region'],
  departements.map((d) => [d.code, d.nom, d.region]),
);
writeCsv(
  'communes.csv',
  ['code', 'name', 'departement', 'region', 'siren', 'population', 'postal_codes', 'epci_siren'],
  communeRows,
);
writeCsv('epci.csv', ['siren', 'name', 'type', 'population'], epciRows);
writeCsv('epci_members.csv', ['epci_siren', 'commune_code'], memberRows);

const version = `decoupage-administratif ${pkg.version} cog ${cogYear()}`;
writeFileSync(join(outDir, 'VERSION'), `${version}\n`, 'utf8');
console.error(`VERSION: ${version}`);
