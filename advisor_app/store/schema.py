"""Numbered migrations. Each runs in one transaction that also sets ``PRAGMA user_version``.

Every table that travels between laptops has the sync columns (id, created_at, updated_at,
updated_by, deleted); ``change_log`` records each edit field by field for the bundles.
"""

from __future__ import annotations

# Marks a file as ours, so another program's SQLite file is refused instead of migrated.
APPLICATION_ID = 0x41445631  # "ADV1"

SYNC_COLUMNS = """
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0"""

# Tables whose rows are logged and synced, in the order a bundle can apply them.
SYNCED_TABLES = ("localities", "organizations", "people", "memberships", "plans", "plan_organizations",
                 "agreements", "agreement_parties", "agreement_versions", "workshops", "workshop_attendance",
                 "advisory_sessions", "session_attendance", "session_actions", "attachments", "record_links")


_V1_REGISTRY = f"""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);

        CREATE TABLE change_log (
            seq INTEGER PRIMARY KEY,
            change_id TEXT NOT NULL UNIQUE,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            fields TEXT NOT NULL,
            hlc TEXT NOT NULL,
            device TEXT NOT NULL
        );

        CREATE TABLE localities ({SYNC_COLUMNS},
            municipality_key TEXT,
            name TEXT
        );

        CREATE TABLE organizations ({SYNC_COLUMNS},
            kind TEXT,
            name TEXT,
            sort_name TEXT,
            origin_locality_id TEXT REFERENCES localities(id) DEFERRABLE INITIALLY DEFERRED,
            base_city TEXT,
            base_state TEXT,
            parent_id TEXT REFERENCES organizations(id) DEFERRABLE INITIALLY DEFERRED,
            legal_form TEXT,
            registration_number TEXT,
            registration_valid_until TEXT,
            rfc TEXT,
            contact_name TEXT,
            phone TEXT,
            email TEXT,
            status TEXT,
            notes TEXT
        );
        CREATE INDEX organizations_by_name ON organizations(deleted, sort_name);
        CREATE INDEX organizations_by_parent ON organizations(parent_id);

        CREATE TABLE people ({SYNC_COLUMNS},
            given_names TEXT,
            first_surname TEXT,
            second_surname TEXT,
            sort_name TEXT,
            birth_date TEXT,
            curp TEXT,
            rfc TEXT,
            phone TEXT,
            email TEXT,
            residence_country TEXT,
            locality_id TEXT REFERENCES localities(id) DEFERRABLE INITIALLY DEFERRED,
            us_city TEXT,
            notes TEXT
        );
        CREATE INDEX people_by_name ON people(deleted, sort_name);
        CREATE INDEX people_by_curp ON people(curp);

        CREATE TABLE memberships ({SYNC_COLUMNS},
            person_id TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
            organization_id TEXT REFERENCES organizations(id) DEFERRABLE INITIALLY DEFERRED,
            role TEXT,
            share_pct TEXT,
            contribution TEXT,
            currency TEXT
        );
        CREATE INDEX memberships_by_organization ON memberships(organization_id);
        CREATE INDEX memberships_by_person ON memberships(person_id);

        CREATE VIRTUAL TABLE organizations_fts USING fts5(
            name, content='organizations', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2', prefix='2 3');
        CREATE TRIGGER organizations_fts_insert AFTER INSERT ON organizations BEGIN
            INSERT INTO organizations_fts(rowid, name) VALUES (new.rowid, new.name);
        END;
        CREATE TRIGGER organizations_fts_update AFTER UPDATE OF name ON organizations BEGIN
            INSERT INTO organizations_fts(organizations_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
            INSERT INTO organizations_fts(rowid, name) VALUES (new.rowid, new.name);
        END;

        CREATE VIRTUAL TABLE people_fts USING fts5(
            given_names, first_surname, second_surname, curp,
            content='people', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2', prefix='2 3');
        CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
            INSERT INTO people_fts(rowid, given_names, first_surname, second_surname, curp)
            VALUES (new.rowid, new.given_names, new.first_surname, new.second_surname, new.curp);
        END;
        CREATE TRIGGER people_fts_update AFTER UPDATE OF given_names, first_surname, second_surname, curp
        ON people BEGIN
            INSERT INTO people_fts(people_fts, rowid, given_names, first_surname, second_surname, curp)
            VALUES ('delete', old.rowid, old.given_names, old.first_surname, old.second_surname, old.curp);
            INSERT INTO people_fts(rowid, given_names, first_surname, second_surname, curp)
            VALUES (new.rowid, new.given_names, new.first_surname, new.second_surname, new.curp);
        END;
"""

_V2_SYNC = f"""
CREATE INDEX change_log_by_row ON change_log(row_id);

-- Lists page through these indexes without sorting (ListView.page).
DROP INDEX people_by_name;
CREATE INDEX people_by_name ON people(deleted, sort_name, id);
DROP INDEX organizations_by_name;
CREATE INDEX organizations_by_name ON organizations(deleted, sort_name, id);

-- The search index holds live rows only, so a search can be counted from the index alone.
-- While search_index_paused has a row, inserts skip the trigger and the bulk writer indexes the new
-- rows in one statement (store/search_index.py).
CREATE TABLE search_index_paused (flag INTEGER);
DROP TRIGGER organizations_fts_insert;
CREATE TRIGGER organizations_fts_insert AFTER INSERT ON organizations
WHEN new.deleted = 0 AND NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
    INSERT INTO organizations_fts(rowid, name) VALUES (new.rowid, new.name);
END;
DROP TRIGGER organizations_fts_update;
CREATE TRIGGER organizations_fts_update AFTER UPDATE OF name, deleted ON organizations BEGIN
    INSERT INTO organizations_fts(organizations_fts, rowid, name)
    SELECT 'delete', old.rowid, old.name WHERE old.deleted = 0;
    INSERT INTO organizations_fts(rowid, name) SELECT new.rowid, new.name WHERE new.deleted = 0;
END;
DROP TRIGGER people_fts_insert;
CREATE TRIGGER people_fts_insert AFTER INSERT ON people
WHEN new.deleted = 0 AND NOT EXISTS (SELECT 1 FROM search_index_paused) BEGIN
    INSERT INTO people_fts(rowid, given_names, first_surname, second_surname, curp)
    VALUES (new.rowid, new.given_names, new.first_surname, new.second_surname, new.curp);
END;
DROP TRIGGER people_fts_update;
CREATE TRIGGER people_fts_update AFTER UPDATE OF given_names, first_surname, second_surname, curp, deleted
ON people BEGIN
    INSERT INTO people_fts(people_fts, rowid, given_names, first_surname, second_surname, curp)
    SELECT 'delete', old.rowid, old.given_names, old.first_surname, old.second_surname, old.curp
    WHERE old.deleted = 0;
    INSERT INTO people_fts(rowid, given_names, first_surname, second_surname, curp)
    SELECT new.rowid, new.given_names, new.first_surname, new.second_surname, new.curp WHERE new.deleted = 0;
END;
DELETE FROM organizations_fts;
INSERT INTO organizations_fts(rowid, name) SELECT rowid, name FROM organizations WHERE deleted = 0;
DELETE FROM people_fts;
INSERT INTO people_fts(rowid, given_names, first_surname, second_surname, curp)
SELECT rowid, given_names, first_surname, second_surname, curp FROM people WHERE deleted = 0;

CREATE TABLE attachments ({SYNC_COLUMNS},
    sha256 TEXT,
    file_name TEXT,
    media_type TEXT,
    size INTEGER,
    table_name TEXT,
    record_id TEXT
);
CREATE INDEX attachments_by_record ON attachments(record_id);

-- Laptops this one exchanges bundles with. Not synced: trust is each laptop's own decision.
-- A peer is named by the user when exporting to it, and learns its device and key on first import.
CREATE TABLE peers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    device_id TEXT UNIQUE,
    advisor TEXT,
    public_key TEXT,
    trusted INTEGER NOT NULL DEFAULT 0,
    last_received_sequence INTEGER NOT NULL DEFAULT 0,
    last_sent_seq INTEGER NOT NULL DEFAULT 0,
    known_versions TEXT,              -- its version vector from its newest bundle: what it has received
    sent_when_heard INTEGER NOT NULL DEFAULT 0,  -- last_sent_seq when that bundle arrived
    first_seen TEXT NOT NULL
);
CREATE TABLE bundle_history (
    id INTEGER PRIMARY KEY,
    direction TEXT NOT NULL,          -- sent or received
    at TEXT NOT NULL,                 -- local wall-clock time, ISO
    peer_device TEXT,
    peer_name TEXT,
    advisor TEXT,
    sequence INTEGER,
    file_name TEXT,
    changes INTEGER NOT NULL DEFAULT 0,
    summary TEXT                      -- JSON: counts of new, changed, deleted, conflicts
);
-- Fields where two laptops changed the same thing without seeing each other's change.
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,               -- field, or deleted (a deletion against an edit)
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    column_name TEXT NOT NULL,
    winner_value,
    winner_hlc TEXT,
    winner_device TEXT,
    loser_value,
    loser_hlc TEXT,
    loser_device TEXT,
    detected_at TEXT NOT NULL,
    resolution TEXT                   -- NULL while open; kept or restored
);
CREATE INDEX conflicts_open ON conflicts(resolution);
"""

# Business plans: the wizard's answers in text columns, the financial model in JSON columns
# (domain/plans.py). A plan's lead organization is on the plan; the other participants are rows of
# plan_organizations, so each one syncs and merges on its own.
_V3_PLANS = f"""
CREATE TABLE plans ({SYNC_COLUMNS},
    title TEXT,
    lead_organization_id TEXT REFERENCES organizations(id) DEFERRABLE INITIALLY DEFERRED,
    locality_id TEXT REFERENCES localities(id) DEFERRABLE INITIALLY DEFERRED,
    sector TEXT,
    project_type TEXT,
    status TEXT,
    scenario_of TEXT REFERENCES plans(id) DEFERRABLE INITIALLY DEFERRED,
    scenario_name TEXT,
    current_page INTEGER,
    summary TEXT,
    customers TEXT,
    competitors TEXT,
    price_reasoning TEXT,
    sales_channels TEXT,
    site TEXT,
    suppliers TEXT,
    equipment TEXT,
    staff TEXT,
    decisions TEXT,
    roles TEXT,
    profit_sharing TEXT,
    partner_changes TEXT,
    social_effects TEXT,
    environmental_effects TEXT,
    risks TEXT,
    investments TEXT,
    funding TEXT,
    products TEXT,
    fixed_costs TEXT,
    finance_settings TEXT,
    scheme_id TEXT,
    sort_name TEXT
);
CREATE INDEX plans_by_lead ON plans(lead_organization_id);
CREATE INDEX plans_by_name ON plans(deleted, sort_name, id);

CREATE TABLE plan_organizations ({SYNC_COLUMNS},
    plan_id TEXT REFERENCES plans(id) DEFERRABLE INITIALLY DEFERRED,
    organization_id TEXT REFERENCES organizations(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX plan_organizations_by_plan ON plan_organizations(plan_id);
CREATE INDEX plan_organizations_by_organization ON plan_organizations(organization_id);
"""

# Agreements (domain/agreements/): the working draft with its parameters and switched clauses as JSON,
# one row per party (a person, an organization or an authority outside the registry), and a frozen
# snapshot of each version's text in both languages with its content hash, made when it is reviewed.
_V4_AGREEMENTS = f"""
CREATE TABLE agreements ({SYNC_COLUMNS},
    title TEXT,
    template_id TEXT,
    organization_id TEXT REFERENCES organizations(id) DEFERRABLE INITIALLY DEFERRED,
    plan_id TEXT REFERENCES plans(id) DEFERRABLE INITIALLY DEFERRED,
    folio TEXT,
    language TEXT,
    currency TEXT,
    status TEXT,
    version INTEGER,
    parameters TEXT,
    clauses TEXT,
    signed_place TEXT,
    signed_on TEXT,
    content_hash TEXT,
    notes TEXT,
    sort_name TEXT
);
CREATE INDEX agreements_by_name ON agreements(deleted, sort_name, id);
CREATE INDEX agreements_by_organization ON agreements(organization_id);
CREATE INDEX agreements_by_plan ON agreements(plan_id);

CREATE TABLE agreement_parties ({SYNC_COLUMNS},
    agreement_id TEXT REFERENCES agreements(id) DEFERRABLE INITIALLY DEFERRED,
    kind TEXT,
    person_id TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    organization_id TEXT REFERENCES organizations(id) DEFERRABLE INITIALLY DEFERRED,
    authority_name TEXT,
    role TEXT,
    signs INTEGER,
    id_number TEXT,
    representative TEXT,
    representative_title TEXT,
    contribution TEXT,
    currency TEXT,
    share_pct TEXT,
    position INTEGER
);
CREATE INDEX agreement_parties_by_agreement ON agreement_parties(agreement_id);
CREATE INDEX agreement_parties_by_person ON agreement_parties(person_id);
CREATE INDEX agreement_parties_by_organization ON agreement_parties(organization_id);

CREATE TABLE agreement_versions ({SYNC_COLUMNS},
    agreement_id TEXT REFERENCES agreements(id) DEFERRABLE INITIALLY DEFERRED,
    version INTEGER,
    status TEXT,
    content_hash TEXT,
    snapshot TEXT
);
CREATE INDEX agreement_versions_by_agreement ON agreement_versions(agreement_id, version);
"""

# Training: workshops with their competencies (JSON list) and who was expected and who came; advisory
# sessions with an organization, who attended, and the actions agreed with a responsible person and a
# due date. One row per attendee and per action, so each one syncs and merges on its own.
_V5_TRAINING = f"""
CREATE TABLE workshops ({SYNC_COLUMNS},
    title TEXT,
    topics TEXT,
    held_on TEXT,
    place TEXT,
    facilitator TEXT,
    hours TEXT,
    status TEXT,
    notes TEXT,
    sort_name TEXT
);
CREATE INDEX workshops_by_date ON workshops(deleted, held_on);

CREATE TABLE workshop_attendance ({SYNC_COLUMNS},
    workshop_id TEXT REFERENCES workshops(id) DEFERRABLE INITIALLY DEFERRED,
    person_id TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    organization_id TEXT REFERENCES organizations(id) DEFERRABLE INITIALLY DEFERRED,
    attended INTEGER
);
CREATE INDEX workshop_attendance_by_workshop ON workshop_attendance(workshop_id);
-- Covering: the competency map reads who came to what without touching the rows.
CREATE INDEX workshop_attendance_by_person ON workshop_attendance(person_id, deleted, attended, workshop_id);

CREATE TABLE advisory_sessions ({SYNC_COLUMNS},
    organization_id TEXT REFERENCES organizations(id) DEFERRABLE INITIALLY DEFERRED,
    held_on TEXT,
    topics TEXT,
    notes TEXT
);
CREATE INDEX advisory_sessions_by_organization ON advisory_sessions(organization_id, held_on);

CREATE TABLE session_attendance ({SYNC_COLUMNS},
    session_id TEXT REFERENCES advisory_sessions(id) DEFERRABLE INITIALLY DEFERRED,
    person_id TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX session_attendance_by_session ON session_attendance(session_id);

CREATE TABLE session_actions ({SYNC_COLUMNS},
    session_id TEXT REFERENCES advisory_sessions(id) DEFERRABLE INITIALLY DEFERRED,
    description TEXT,
    responsible_id TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    due_on TEXT,
    done_on TEXT
);
CREATE INDEX session_actions_by_session ON session_actions(session_id);
CREATE INDEX session_actions_open ON session_actions(deleted, done_on, due_on, session_id);
"""


# Per-laptop feeds (sync/feed.py). The change log is rebuilt: an entry is known by its origin laptop
# and its number in that laptop's feed (no more change ids); an entry held only as its digest (left out
# of an organization bundle) has no content yet. Entries made on this laptop are numbered in the order
# they were written; those received from others before feeds existed stay as legacy entries (no number)
# and travel as before. ``feeds`` keeps, per origin, how far its chain is verified and the origin's
# signature of that head; ``knowledge`` what each laptop said it held when it wrote its next entries.
_V6_FEEDS = """
CREATE TABLE change_log_feeds (
    seq INTEGER PRIMARY KEY,          -- the order entries reached this laptop
    device TEXT NOT NULL,             -- the origin laptop
    origin_seq INTEGER,               -- its number in the origin's feed; NULL for a legacy entry
    table_name TEXT,
    row_id TEXT,
    fields TEXT,                      -- NULL while only the digest is held
    hlc TEXT,
    digest BLOB                       -- set while only the digest is held
);
INSERT INTO change_log_feeds(seq, device, table_name, row_id, fields, hlc)
SELECT seq, device, table_name, row_id, fields, hlc FROM change_log ORDER BY seq;
UPDATE change_log_feeds SET origin_seq = numbered.n
FROM (SELECT seq AS entry, ROW_NUMBER() OVER (ORDER BY seq) AS n FROM change_log_feeds
      WHERE device = (SELECT value FROM meta WHERE key = 'device_id')) AS numbered
WHERE change_log_feeds.seq = numbered.entry;
DROP TABLE change_log;
ALTER TABLE change_log_feeds RENAME TO change_log;
CREATE UNIQUE INDEX change_log_by_origin ON change_log(device, origin_seq);
CREATE INDEX change_log_by_row ON change_log(row_id);
CREATE INDEX change_log_legacy ON change_log(device, hlc) WHERE origin_seq IS NULL;

CREATE TABLE feeds (
    device TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    verified INTEGER NOT NULL DEFAULT 0,   -- the chain is checked through this number
    complete INTEGER NOT NULL DEFAULT 0,   -- every entry through this number is held in full
    chain BLOB,                            -- the chain at ``verified``
    head_signature TEXT                    -- the origin's signature of (device, verified, chain)
);
CREATE TABLE knowledge (
    device TEXT NOT NULL,
    after_seq INTEGER NOT NULL,            -- holds for this laptop's entries numbered above it
    have TEXT NOT NULL,                    -- JSON: what it held of each other feed (sync/feed.py)
    PRIMARY KEY (device, after_seq)
);

-- Peers are known by device id and key; the name is a label.
CREATE TABLE peers_by_device (
    id INTEGER PRIMARY KEY,
    device_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    advisor TEXT,
    public_key TEXT NOT NULL,
    trusted INTEGER NOT NULL DEFAULT 0,
    last_received_sequence INTEGER NOT NULL DEFAULT 0,
    have TEXT,                             -- what it held, from its newest bundle (JSON, sync/feed.py)
    first_seen TEXT NOT NULL
);
INSERT INTO peers_by_device(id, device_id, name, advisor, public_key, trusted, last_received_sequence, first_seen)
SELECT id, device_id, name, advisor, public_key, trusted, last_received_sequence, first_seen FROM peers
WHERE device_id IS NOT NULL AND public_key IS NOT NULL;
INSERT INTO feeds(device, public_key) SELECT device_id, public_key FROM peers_by_device;
DROP TABLE peers;
ALTER TABLE peers_by_device RENAME TO peers;

DELETE FROM conflicts WHERE id NOT IN (SELECT min(id) FROM conflicts
    GROUP BY kind, table_name, row_id, column_name, loser_device, loser_hlc);
CREATE UNIQUE INDEX conflicts_once ON conflicts(kind, table_name, row_id, column_name, loser_device, loser_hlc);
-- "Exported through" now counts this laptop's own feed.
UPDATE meta SET value = (SELECT coalesce(max(origin_seq), 0) FROM change_log
    WHERE seq <= CAST(meta.value AS INTEGER) AND device = (SELECT value FROM meta WHERE key = 'device_id'))
WHERE key = 'exported_through_seq';
"""

# The English beside the Spanish of what an advisor types into an agreement (its title, the terms
# typed as text, an authority's name and its signatory's office), so the English document is all
# English; and the form a person states for their words in documents (socia, socio, neutral), which
# comes before what the CURP records.
_V7_ENGLISH = """
ALTER TABLE agreements ADD COLUMN title_en TEXT;
ALTER TABLE agreements ADD COLUMN parameters_en TEXT;
ALTER TABLE agreement_parties ADD COLUMN authority_name_en TEXT;
ALTER TABLE agreement_parties ADD COLUMN representative_title_en TEXT;
ALTER TABLE people ADD COLUMN grammatical_form TEXT;
"""

# Two records found to be one (``merged``: from_id now lives on as to_id) or found not to be
# (``not_same``: a pair the duplicates list stops showing), as synced rows: a merge or a dismissal made
# on one laptop holds on every laptop (store/merging.py). The ids are plain text, not references: a
# laptop may hold a link before, or without, the records it names.
_V8_RECORD_LINKS = f"""
CREATE TABLE record_links ({SYNC_COLUMNS},
    kind TEXT,
    table_name TEXT,
    from_id TEXT,
    to_id TEXT
);
CREATE INDEX record_links_by_from ON record_links(table_name, from_id);
CREATE INDEX record_links_by_to ON record_links(table_name, to_id);
"""

# Each entry is the SQL that takes the schema from version N to N + 1 (index N).
MIGRATIONS: list[str] = [_V1_REGISTRY, _V2_SYNC, _V3_PLANS, _V4_AGREEMENTS, _V5_TRAINING, _V6_FEEDS, _V7_ENGLISH,
                         _V8_RECORD_LINKS]
LATEST_VERSION = len(MIGRATIONS)
