//! The schema, as the list of migrations that build it. A fresh database runs
//! them all; an older one runs the ones it lacks. `user_version` records how
//! far a database got; `application_id` marks the file as Tandem's.

use rusqlite::Transaction;

use crate::error::Result;

/// "TNDM": lets a Tandem database be told apart from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x544E_444D;

/// Migration `i` takes a database from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // v1: device identity, the sealed key check, and the op log.
    "CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value ANY NOT NULL
    ) STRICT;
    CREATE TABLE ops (
        device      BLOB NOT NULL CHECK (length(device) = 16),
        counter     INTEGER NOT NULL CHECK (counter > 0),
        hlc_ms      INTEGER NOT NULL,
        hlc_logical INTEGER NOT NULL,
        entity      TEXT NOT NULL,
        body        BLOB NOT NULL,
        PRIMARY KEY (device, counter)
    ) STRICT, WITHOUT ROWID;",
    // v2: rituals, materialized from the op log.
    "CREATE INDEX ops_by_entity ON ops (entity, hlc_ms, hlc_logical, device, counter);
    CREATE TABLE rituals (
        id             TEXT PRIMARY KEY,
        proposed_by    BLOB NOT NULL CHECK (length(proposed_by) = 16),
        proposed_at_ms INTEGER NOT NULL,
        hlc_logical    INTEGER NOT NULL,
        title          BLOB NOT NULL,
        prompt         BLOB,
        minutes        INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
        time_of_day    INTEGER NOT NULL CHECK (time_of_day BETWEEN 0 AND 1439),
        zone           TEXT,
        status         TEXT NOT NULL
    ) STRICT;",
    // v3: pairing and sync state. Secrets are sealed; `pair` has one row.
    "CREATE TABLE pairing_offer (
        pairing_id    BLOB PRIMARY KEY,
        secret        BLOB NOT NULL,
        offer         BLOB NOT NULL,
        expires_at_ms INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE used_offers (
        pairing_id BLOB PRIMARY KEY
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE pair (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        pair_id        BLOB NOT NULL CHECK (length(pair_id) = 16),
        role           TEXT NOT NULL CHECK (role IN ('offerer', 'answerer')),
        partner_device BLOB CHECK (partner_device IS NULL OR length(partner_device) = 16),
        partner_name   BLOB,
        secrets        BLOB NOT NULL,
        sas            BLOB NOT NULL,
        sas_confirmed  INTEGER NOT NULL,
        key_confirmed  INTEGER NOT NULL,
        epoch          INTEGER NOT NULL,
        send_seq       INTEGER NOT NULL,
        created_at_ms  INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE partner_ack (
        device  BLOB PRIMARY KEY,
        counter INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE received_payloads (
        sender BLOB NOT NULL,
        seq    INTEGER NOT NULL,
        PRIMARY KEY (sender, seq)
    ) STRICT, WITHOUT ROWID;",
    // v4: rituals carry consent: every version sealed as a whole, the one
    // shown and the one waiting for an answer. The table is a fold of the op
    // log, so it is rebuilt rather than converted.
    "DROP TABLE rituals;
    CREATE TABLE rituals (
        id             TEXT PRIMARY KEY,
        proposed_by    BLOB NOT NULL CHECK (length(proposed_by) = 16),
        proposed_at_ms INTEGER NOT NULL,
        hlc_logical    INTEGER NOT NULL,
        status         TEXT NOT NULL CHECK (status IN
                         ('proposed', 'countered', 'active', 'paused', 'declined', 'retired')),
        shown          BLOB NOT NULL,
        pending        BLOB,
        pending_by     BLOB CHECK (pending_by IS NULL OR length(pending_by) = 16)
    ) STRICT;",
    // v5: marks on single occurrences (done, skipped, moved), folded from
    // their ritual's ops; notes and feelings sealed.
    "CREATE TABLE occurrence_marks (
        ritual_id   TEXT NOT NULL,
        date        TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('scheduled', 'done', 'skipped')),
        moved_to_ms INTEGER,
        note        BLOB,
        feeling     BLOB,
        done_by     BLOB,
        PRIMARY KEY (ritual_id, date)
    ) STRICT, WITHOUT ROWID;",
    // v6: what never leaves the device: a private op log (personal rituals
    // now, private records later) and snoozed reminders; and rest weeks,
    // folded from shared ops.
    "CREATE TABLE local_ops (
        seq         INTEGER PRIMARY KEY CHECK (seq > 0),
        hlc_ms      INTEGER NOT NULL,
        hlc_logical INTEGER NOT NULL,
        entity      TEXT NOT NULL,
        body        BLOB NOT NULL
    ) STRICT;
    CREATE INDEX local_ops_by_entity ON local_ops (entity, seq);
    ALTER TABLE rituals ADD COLUMN personal INTEGER NOT NULL DEFAULT 0 CHECK (personal IN (0, 1));
    CREATE TABLE rest_weeks (
        monday      TEXT PRIMARY KEY,
        declared_by BLOB NOT NULL CHECK (length(declared_by) = 16)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE snoozes (
        ritual_id TEXT NOT NULL,
        date      TEXT NOT NULL,
        until_ms  INTEGER NOT NULL,
        PRIMARY KEY (ritual_id, date)
    ) STRICT, WITHOUT ROWID;",
    // v7: boundaries, the agreements ledger with its hash-chained history,
    // and pauses; each folded from ops, user text sealed.
    "CREATE TABLE boundaries (
        id            TEXT PRIMARY KEY,
        owner         BLOB NOT NULL CHECK (length(owner) = 16),
        created_at_ms INTEGER NOT NULL,
        hlc_logical   INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        shared        INTEGER NOT NULL CHECK (shared IN (0, 1)),
        text          BLOB NOT NULL
    ) STRICT;
    CREATE TABLE agreements (
        id             TEXT PRIMARY KEY,
        proposed_by    BLOB NOT NULL CHECK (length(proposed_by) = 16),
        proposed_at_ms INTEGER NOT NULL,
        hlc_logical    INTEGER NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'declined', 'withdrawn')),
        state          BLOB NOT NULL
    ) STRICT;
    CREATE TABLE agreement_history (
        agreement_id TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        kind         TEXT NOT NULL,
        by_device    BLOB NOT NULL,
        at_ms        INTEGER NOT NULL,
        version      BLOB,
        terms        BLOB,
        prev         BLOB NOT NULL,
        hash         BLOB NOT NULL,
        PRIMARY KEY (agreement_id, seq)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE pauses (
        id                 TEXT PRIMARY KEY,
        started_by         BLOB NOT NULL CHECK (length(started_by) = 16),
        started_at_ms      INTEGER NOT NULL,
        first_return_at_ms INTEGER NOT NULL,
        return_at_ms       INTEGER NOT NULL,
        extended           INTEGER NOT NULL CHECK (extended IN (0, 1)),
        ended_at_ms        INTEGER,
        note               BLOB
    ) STRICT;",
    // v8: check-ins, appreciations, repairs and the couple's own phrases
    // (shared or private), and the
    // private pattern log; bodies sealed, times in the clear for ranges.
    "CREATE TABLE entries (
        id     TEXT PRIMARY KEY,
        kind   TEXT NOT NULL CHECK (kind IN ('checkin', 'appreciation', 'repair', 'phrase')),
        author BLOB NOT NULL CHECK (length(author) = 16),
        at_ms  INTEGER NOT NULL,
        -- The op's logical clock: orders entries made in one millisecond.
        hlc_logical INTEGER NOT NULL,
        shared INTEGER NOT NULL CHECK (shared IN (0, 1)),
        body   BLOB NOT NULL
    ) STRICT;
    CREATE INDEX entries_by_time ON entries (at_ms, hlc_logical);
    CREATE TABLE journal (
        id    TEXT PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        body  BLOB NOT NULL
    ) STRICT;
    CREATE INDEX journal_by_time ON journal (at_ms);",
    // v9: the people of the log (sync/people.rs): which devices are this
    // person's or the partner's, and the phones restored on other phones.
    "CREATE TABLE people (
        device        BLOB PRIMARY KEY CHECK (length(device) = 16),
        person        TEXT NOT NULL CHECK (person IN ('me', 'partner', 'former')),
        until_counter INTEGER CHECK (until_counter IS NULL OR until_counter >= 0)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO people (device, person)
        SELECT partner_device, 'partner' FROM pair WHERE partner_device IS NOT NULL;",
    // v10: each ritual's timeline (the versions in effect and when), sealed;
    // rows folded before it have none and read their past from the version
    // shown until the next refold.
    "ALTER TABLE rituals ADD COLUMN timeline BLOB;",
    // v11: keys that move on (sync/ratchet.rs). A pairing made before has
    // no prekeys and could only be read with keys that never change, so it
    // is ended here: the two phones pair again (the history stays).
    "CREATE TABLE prekeys (
        owner         INTEGER NOT NULL CHECK (owner IN (0, 1)),
        idx           INTEGER NOT NULL CHECK (idx > 0),
        public        BLOB NOT NULL CHECK (length(public) = 32),
        secret        BLOB,
        created_at_ms INTEGER NOT NULL,
        PRIMARY KEY (owner, idx)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE ratchet (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        partner_used INTEGER NOT NULL
    ) STRICT;
    DELETE FROM pair;
    DELETE FROM pairing_offer;
    DELETE FROM partner_ack;
    DELETE FROM received_payloads;",
    // v12: this phone's own record of what was done with it (exports,
    // unpairing, a clean exit, the app lock, a wipe) for the sharing audit;
    // the shared things stopped on this phone after unpairing; and a second
    // partner's words on an occurrence both marked done (rows folded before
    // have none until their ritual is folded again).
    "CREATE TABLE device_events (
        seq   INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        kind  TEXT NOT NULL
    ) STRICT;
    CREATE TABLE stopped_here (
        entity TEXT PRIMARY KEY,
        at_ms  INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    ALTER TABLE occurrence_marks ADD COLUMN also_by BLOB;
    ALTER TABLE occurrence_marks ADD COLUMN also_note BLOB;
    ALTER TABLE occurrence_marks ADD COLUMN also_feeling BLOB;",
    // v13: each op's authenticator (sync/log.rs): made by its author under a
    // key only the author's phone holds, kept with the partner's ops so they
    // can be handed back to a phone restored from an older copy, which takes
    // them as its own only if it verifies the tag. Ops stored before have
    // none (NULL) and cannot be handed back. And each received payload's
    // nonce: a sequence number seen again with another nonce is a partner
    // that went back in time, not a repeat.
    "ALTER TABLE ops ADD COLUMN auth BLOB CHECK (auth IS NULL OR length(auth) = 16);
    ALTER TABLE received_payloads ADD COLUMN nonce BLOB;",
    // v14: the part of its entity an op touches (a ritual's mark names its
    // occurrence date), so a new op refolds that part alone and a whole
    // entity's fold reads none of its parts' ops. Ops stored before carry
    // none: `parts_pending` asks the first open to fill them in (their
    // bodies are sealed, so SQL alone cannot; sync::fill_parts does). And
    // what reads stay small with: whether a ritual has a moved occurrence,
    // and the newest op's time (the shared cutoff), without a scan; and
    // each device's run of ops from counter 1 as far as an export last
    // found it (`op_runs`, sync/payload.rs), forgotten by triggers whenever
    // an op of that device is deleted or renumbered, whoever does it.
    "ALTER TABLE ops ADD COLUMN part TEXT;
    ALTER TABLE local_ops ADD COLUMN part TEXT;
    CREATE INDEX ops_by_part ON ops (entity, part, hlc_ms, hlc_logical, device, counter);
    CREATE INDEX local_ops_by_part ON local_ops (entity, part, seq);
    CREATE INDEX occurrence_marks_moved ON occurrence_marks (ritual_id)
        WHERE moved_to_ms IS NOT NULL;
    CREATE INDEX ops_by_time ON ops (hlc_ms);
    CREATE TABLE op_runs (
        device  BLOB PRIMARY KEY CHECK (length(device) = 16),
        counter INTEGER NOT NULL CHECK (counter > 0)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER op_runs_after_delete AFTER DELETE ON ops BEGIN
        DELETE FROM op_runs WHERE device = OLD.device;
    END;
    CREATE TRIGGER op_runs_after_update AFTER UPDATE OF device, counter ON ops BEGIN
        DELETE FROM op_runs WHERE device IN (OLD.device, NEW.device);
    END;
    INSERT INTO meta (key, value)
        SELECT 'parts_pending', 1
        WHERE EXISTS (SELECT 1 FROM ops) OR EXISTS (SELECT 1 FROM local_ops);",
    // v15: one index fewer for every op stored. `ops_by_part` (entity,
    // part, stamp) serves every read by entity: a part's or the whole
    // entity's ops in fold order straight from it, and all of an entity's
    // ops (a full refold, rare) with a sort of that entity's rows alone.
    // `ops_by_entity` only duplicated it, at one more B-tree insert per op.
    // And rituals keyed by their id alone (WITHOUT ROWID): one B-tree per
    // row written instead of the table and its id's index (an import folds
    // a row per ritual it brings); the rows are copied as they are. Its
    // status check is spelled as comparisons: SQLite checks `IN` with more
    // than two values through a temporary B-tree it builds for every
    // statement run, that is for every ritual written.
    "DROP INDEX ops_by_entity;
    CREATE TABLE rituals_by_id (
        id             TEXT PRIMARY KEY,
        proposed_by    BLOB NOT NULL CHECK (length(proposed_by) = 16),
        proposed_at_ms INTEGER NOT NULL,
        hlc_logical    INTEGER NOT NULL,
        status         TEXT NOT NULL CHECK (status = 'proposed' OR status = 'countered'
                         OR status = 'active' OR status = 'paused' OR status = 'declined'
                         OR status = 'retired'),
        shown          BLOB NOT NULL,
        pending        BLOB,
        pending_by     BLOB CHECK (pending_by IS NULL OR length(pending_by) = 16),
        personal       INTEGER NOT NULL DEFAULT 0 CHECK (personal IN (0, 1)),
        timeline       BLOB
    ) STRICT, WITHOUT ROWID;
    INSERT INTO rituals_by_id (id, proposed_by, proposed_at_ms, hlc_logical, status, shown,
                               pending, pending_by, personal, timeline)
        SELECT id, proposed_by, proposed_at_ms, hlc_logical, status, shown,
               pending, pending_by, personal, timeline FROM rituals;
    DROP TABLE rituals;
    ALTER TABLE rituals_by_id RENAME TO rituals;",
    // v16: what the visibility screen reads stays as small after ten
    // years as after one: the newest words a person left on marks (few
    // marks carry words, so this index is small), and a person's shared
    // entries of one kind newest first (a rare kind, a phrase say, no
    // longer means walking every entry ever written).
    "CREATE INDEX occurrence_marks_words ON occurrence_marks (date, ritual_id)
        WHERE note IS NOT NULL OR feeling IS NOT NULL OR also_note IS NOT NULL OR also_feeling IS NOT NULL;
    CREATE INDEX entries_shared_by ON entries (author, kind, at_ms, hlc_logical) WHERE shared = 1;",
    // v17: no table changes. A ritual's waiting version that is the version
    // it shows (every fresh proposal) is sealed as an empty record instead
    // of that spec a second time (rituals::seal_pending). Rows written
    // before still read; `pending_compact` asks the next open to seal them
    // the new way (rituals::compact_pending), so a refold and `check` find
    // what is stored. The version moves so that an older app, which would
    // take the empty record for damage, refuses the file as newer instead.
    "INSERT INTO meta (key, value)
        SELECT 'pending_compact', 1 WHERE EXISTS (SELECT 1 FROM rituals WHERE pending IS NOT NULL);",
    // v18: when each ritual last changed as a whole (its newest op that is
    // not a mark), so the rituals that ended long ago are left unopened:
    // the rituals screen and the visibility screen show the most recently
    // ended, insights skips those retired before its weeks. Folded, so rows
    // written before get it at the next open (`changed_pending`,
    // check::upgrade_folds); until then NULL reads as "just now" where it
    // filters. Two partial indexes, each in the order its read returns
    // rows, so neither reads nor sorts a row it does not return: the ended
    // rituals most recently ended first (read backwards), and the rituals
    // still in play in `list`'s order.
    "ALTER TABLE rituals ADD COLUMN changed_at_ms INTEGER;
    CREATE INDEX rituals_ended
        ON rituals (changed_at_ms, proposed_at_ms, hlc_logical, proposed_by)
        WHERE status = 'declined' OR status = 'retired';
    CREATE INDEX rituals_live
        ON rituals (proposed_at_ms, hlc_logical, personal DESC, proposed_by)
        WHERE status <> 'declined' AND status <> 'retired';
    INSERT INTO meta (key, value)
        SELECT 'changed_pending', 1 WHERE EXISTS (SELECT 1 FROM rituals);",
];

pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings a database from `from` to `CURRENT_VERSION` inside `tx`.
pub fn migrate(tx: &Transaction<'_>, from: u32) -> Result<()> {
    migrate_between(tx, from, CURRENT_VERSION)
}

/// Runs migrations `from..to`; tests use it to build an old database.
pub(crate) fn migrate_between(tx: &Transaction<'_>, from: u32, to: u32) -> Result<()> {
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(to as usize)
        .skip(from as usize)
    {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}
