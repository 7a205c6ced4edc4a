-- Geography reference (INSEE COG, DGCL EPCI), DOMAIN.md §9.
-- The rows are loaded by the repeatable Java migration fr.vigie.geo.internal.GeoReferenceMigration
-- from the committed files in src/main/resources/fr/vigie/geo/ (ops/geo/refresh.sh).
-- No other table has a foreign key to these: communes merge every 1 January and their codes
-- disappear, while a ticket must keep the code it was filed with.

CREATE TABLE geo_region (
    code text PRIMARY KEY CHECK (code ~ '^[0-9]{2,3}$'),
    name text NOT NULL CHECK (name <> '')
);

CREATE TABLE geo_departement (
    code   text PRIMARY KEY CHECK (code ~ '^([0-9]{2}|2A|2B|9[78][0-9])$'),
    name   text NOT NULL CHECK (name <> ''),
    region text NOT NULL REFERENCES geo_region (code)
);

CREATE TABLE geo_epci (
    siren      text PRIMARY KEY CHECK (siren ~ '^[0-9]{9}$'),
    name       text NOT NULL CHECK (name <> ''),
    type       text NOT NULL CHECK (type IN ('CC', 'CA', 'CU', 'METRO', 'MET69')),
    population integer CHECK (population >= 0)
);

CREATE TABLE geo_commune (
    code         text PRIMARY KEY CHECK (code ~ '^([0-9]{2}|2A|2B)[0-9]{3}$'),
    name         text NOT NULL CHECK (name <> ''),
    -- name lower-cased, without accents, punctuation turned into single spaces
    -- ("Saint-Étienne" -> "saint etienne"), computed by fr.vigie.geo.internal.NameNormalizer.
    name_search  text NOT NULL CHECK (name_search ~ '^[a-z0-9]+( [a-z0-9]+)*$'),
    departement  text NOT NULL REFERENCES geo_departement (code),
    region       text NOT NULL REFERENCES geo_region (code),
    -- overseas collectivités' communes have no SIREN
    siren        text UNIQUE CHECK (siren ~ '^[0-9]{9}$'),
    population   integer CHECK (population >= 0),
    postal_codes text[] NOT NULL DEFAULT '{}'
        CHECK (array_to_string(postal_codes, ' ') ~ '^([0-9]{5}( [0-9]{5})*)?$'),
    epci_siren   text REFERENCES geo_epci (siren)
);

CREATE TABLE geo_epci_member (
    epci_siren   text NOT NULL REFERENCES geo_epci (siren),
    commune_code text NOT NULL REFERENCES geo_commune (code),
    PRIMARY KEY (epci_siren, commune_code)
);

-- One row: which package version and COG year the tables hold.
CREATE TABLE geo_reference (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   text NOT NULL CHECK (version <> ''),
    loaded_at timestamptz NOT NULL DEFAULT now()
);

-- Autocomplete: prefix search on the normalised name, whatever the database collation.
CREATE INDEX geo_commune_name_search_idx ON geo_commune (name_search text_pattern_ops);
-- Autocomplete by postal code: postal_codes @> ARRAY['29280'].
CREATE INDEX geo_commune_postal_codes_idx ON geo_commune USING gin (postal_codes);
CREATE INDEX geo_commune_epci_idx ON geo_commune (epci_siren);
CREATE INDEX geo_epci_member_commune_idx ON geo_epci_member (commune_code);
