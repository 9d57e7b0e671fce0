// The database schema, as an ordered list of migrations. A shipped migration is never edited: add a new one.
import Casework
import GRDB

/// Heeded's migrations, registered in order. GRDB records which have run in `grdb_migrations`.
///
/// Conventions: ids are 16-byte UUID blobs; dates are `YYYY-MM-DD` text (they sort and compare as dates);
/// each record keeps its whole domain value as JSON in `body`, with the columns that queries need beside it.
/// Deliveries are columns only (no body), read in provision order by their primary key.
enum Migrations {
    /// The migrations; `key` is the store's audit key, which v7 seals the records with.
    static func migrator(key: AuditKey) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: cases, assessments, needs, provision, deliveries, EHC advice, stays, reviews, audit") { db in
            try db.execute(sql: """
                CREATE TABLE case_file (
                    id BLOB PRIMARY KEY NOT NULL,
                    reference TEXT NOT NULL UNIQUE,
                    team TEXT NOT NULL,
                    child_name TEXT NOT NULL,
                    opened_on TEXT NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX case_file_by_team ON case_file(team);

                CREATE TABLE assessment (
                    id BLOB PRIMARY KEY NOT NULL,
                    case_id BLOB NOT NULL REFERENCES case_file(id),
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    requested_on TEXT NOT NULL,
                    deadline_on TEXT NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX assessment_by_case ON assessment(case_id);

                CREATE TABLE need (
                    id BLOB PRIMARY KEY NOT NULL,
                    case_id BLOB NOT NULL REFERENCES case_file(id),
                    area TEXT NOT NULL,
                    identified_on TEXT NOT NULL,
                    closed_on TEXT,
                    body TEXT NOT NULL
                );
                CREATE INDEX need_by_case ON need(case_id);

                CREATE TABLE provision (
                    row INTEGER PRIMARY KEY,
                    id BLOB NOT NULL UNIQUE,
                    case_id BLOB NOT NULL REFERENCES case_file(id),
                    service TEXT NOT NULL,
                    quantity REAL NOT NULL,
                    unit TEXT NOT NULL,
                    start_date TEXT NOT NULL,
                    end_date TEXT,
                    provider TEXT,
                    legal_basis TEXT NOT NULL,
                    body TEXT NOT NULL,
                    planned_total REAL NOT NULL DEFAULT 0,
                    delivered_total REAL NOT NULL DEFAULT 0,
                    delivery_count INTEGER NOT NULL DEFAULT 0,
                    latest_reason TEXT,
                    latest_cancelled_by TEXT,
                    latest_reason_on TEXT
                );
                CREATE INDEX provision_by_case ON provision(case_id);

                CREATE TABLE provision_need (
                    provision_row INTEGER NOT NULL REFERENCES provision(row) ON DELETE CASCADE,
                    need_id BLOB NOT NULL REFERENCES need(id),
                    PRIMARY KEY (provision_row, need_id)
                ) WITHOUT ROWID;
                CREATE INDEX provision_need_by_need ON provision_need(need_id);

                CREATE TABLE delivery (
                    provision_row INTEGER NOT NULL REFERENCES provision(row),
                    period_start TEXT NOT NULL,
                    period_end TEXT NOT NULL,
                    planned REAL NOT NULL,
                    delivered REAL NOT NULL,
                    cancelled_by TEXT,
                    reason TEXT,
                    notes TEXT,
                    PRIMARY KEY (provision_row, period_start)
                ) WITHOUT ROWID;

                CREATE TRIGGER delivery_added AFTER INSERT ON delivery BEGIN
                    UPDATE provision SET
                        planned_total = planned_total + NEW.planned,
                        delivered_total = delivered_total + NEW.delivered,
                        delivery_count = delivery_count + 1,
                        latest_reason = CASE WHEN NEW.reason IS NOT NULL AND NEW.period_end >= IFNULL(latest_reason_on, '') THEN NEW.reason ELSE latest_reason END,
                        latest_cancelled_by = CASE WHEN NEW.reason IS NOT NULL AND NEW.period_end >= IFNULL(latest_reason_on, '') THEN NEW.cancelled_by ELSE latest_cancelled_by END,
                        latest_reason_on = CASE WHEN NEW.reason IS NOT NULL AND NEW.period_end >= IFNULL(latest_reason_on, '') THEN NEW.period_end ELSE latest_reason_on END
                    WHERE row = NEW.provision_row;
                END;
                CREATE TRIGGER delivery_removed AFTER DELETE ON delivery BEGIN
                    UPDATE provision SET
                        planned_total = planned_total - OLD.planned,
                        delivered_total = delivered_total - OLD.delivered,
                        delivery_count = delivery_count - 1
                    WHERE row = OLD.provision_row;
                END;
                CREATE TRIGGER delivery_changed AFTER UPDATE ON delivery BEGIN
                    UPDATE provision SET
                        planned_total = planned_total - OLD.planned + NEW.planned,
                        delivered_total = delivered_total - OLD.delivered + NEW.delivered,
                        latest_reason = CASE WHEN NEW.reason IS NOT NULL AND NEW.period_end >= IFNULL(latest_reason_on, '') THEN NEW.reason ELSE latest_reason END,
                        latest_cancelled_by = CASE WHEN NEW.reason IS NOT NULL AND NEW.period_end >= IFNULL(latest_reason_on, '') THEN NEW.cancelled_by ELSE latest_cancelled_by END,
                        latest_reason_on = CASE WHEN NEW.reason IS NOT NULL AND NEW.period_end >= IFNULL(latest_reason_on, '') THEN NEW.period_end ELSE latest_reason_on END
                    WHERE row = NEW.provision_row;
                END;

                CREATE TABLE ehc_advice (
                    id BLOB PRIMARY KEY NOT NULL,
                    case_id BLOB NOT NULL REFERENCES case_file(id),
                    request_reference TEXT NOT NULL,
                    deadline_on TEXT NOT NULL,
                    submitted_on TEXT,
                    body TEXT NOT NULL
                );
                CREATE INDEX ehc_advice_by_case ON ehc_advice(case_id);

                CREATE TABLE overnight_stay (
                    id BLOB PRIMARY KEY NOT NULL,
                    case_id BLOB NOT NULL REFERENCES case_file(id),
                    first_night TEXT NOT NULL,
                    nights INTEGER NOT NULL,
                    carer TEXT NOT NULL,
                    legal_basis TEXT NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX overnight_stay_by_case ON overnight_stay(case_id);

                CREATE TABLE review (
                    id BLOB PRIMARY KEY NOT NULL,
                    case_id BLOB NOT NULL REFERENCES case_file(id),
                    kind TEXT NOT NULL,
                    due_on TEXT NOT NULL,
                    held_on TEXT,
                    body TEXT NOT NULL
                );
                CREATE INDEX review_by_case ON review(case_id);

                CREATE TABLE audit_log (
                    sequence INTEGER PRIMARY KEY NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    actor_id TEXT NOT NULL,
                    actor_role TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    previous_value TEXT,
                    new_value TEXT,
                    previous_hash BLOB NOT NULL,
                    hash BLOB NOT NULL
                );
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
                    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed');
                END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
                    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be removed');
                END;
                """)
        }
        migrator.registerMigration("v2: accounts, case owners, sessions, sign-in failures, API tokens, drafts, reports, comments, missed sessions") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id BLOB PRIMARY KEY NOT NULL,
                    email TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    team TEXT,
                    created_at REAL NOT NULL
                );

                CREATE TABLE case_owner (
                    case_id BLOB PRIMARY KEY NOT NULL REFERENCES case_file(id),
                    account_id BLOB NOT NULL REFERENCES account(id)
                ) WITHOUT ROWID;
                CREATE INDEX case_owner_by_account ON case_owner(account_id);

                CREATE TABLE web_session (
                    key TEXT PRIMARY KEY NOT NULL,
                    value BLOB NOT NULL,
                    expires_at REAL
                ) WITHOUT ROWID;
                CREATE INDEX web_session_by_expiry ON web_session(expires_at);

                CREATE TABLE sign_in_failure (
                    email TEXT NOT NULL,
                    address TEXT NOT NULL,
                    at REAL NOT NULL
                );
                CREATE INDEX sign_in_failure_by_email ON sign_in_failure(email, at);
                CREATE INDEX sign_in_failure_by_address ON sign_in_failure(address, at);

                CREATE TABLE api_token (
                    hash BLOB PRIMARY KEY NOT NULL,
                    account_id BLOB NOT NULL REFERENCES account(id),
                    expires_at REAL NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE form_draft (
                    owner BLOB NOT NULL REFERENCES account(id),
                    purpose TEXT NOT NULL,
                    form_id TEXT NOT NULL,
                    form_version INTEGER NOT NULL,
                    updated_at REAL NOT NULL,
                    body TEXT NOT NULL,
                    PRIMARY KEY (owner, purpose)
                ) WITHOUT ROWID;

                CREATE TABLE case_report (
                    id BLOB PRIMARY KEY NOT NULL,
                    case_id BLOB NOT NULL REFERENCES case_file(id),
                    assessment_id BLOB REFERENCES assessment(id),
                    form_id TEXT NOT NULL,
                    submitted_on TEXT NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX case_report_by_case ON case_report(case_id);

                CREATE TABLE family_comment (
                    id BLOB PRIMARY KEY NOT NULL,
                    case_id BLOB NOT NULL REFERENCES case_file(id),
                    report_id BLOB NOT NULL REFERENCES case_report(id),
                    written_on TEXT NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX family_comment_by_case ON family_comment(case_id);

                CREATE TABLE missed_session (
                    id BLOB PRIMARY KEY NOT NULL,
                    case_id BLOB NOT NULL REFERENCES case_file(id),
                    provision_id BLOB NOT NULL REFERENCES provision(id),
                    session_date TEXT NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX missed_session_by_case ON missed_session(case_id);

                -- Who holds an assessment and whether a case has a manager's decision, read from the stored JSON
                -- so that the existing writers need not change; indexed for caseloads and the decision queue.
                ALTER TABLE assessment ADD COLUMN assessor TEXT GENERATED ALWAYS AS (json_extract(body, '$.assessor')) VIRTUAL;
                CREATE INDEX assessment_by_assessor ON assessment(assessor, deadline_on);
                CREATE INDEX assessment_by_deadline ON assessment(deadline_on);
                ALTER TABLE case_file ADD COLUMN decided INTEGER GENERATED ALWAYS AS (json_type(body, '$.managerDecision') IS NOT NULL) VIRTUAL;
                CREATE INDEX case_file_awaiting_decision ON case_file(decided, opened_on);

                -- A revision that moves with every change to casework records (one audit entry per transaction),
                -- but not with viewings, sign-ins or drafts: reports computed at one revision stay good until the next.
                CREATE TABLE store_revision (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    revision INTEGER NOT NULL
                );
                INSERT INTO store_revision (id, revision) VALUES (1, 0);
                CREATE TRIGGER store_revision_moves AFTER INSERT ON audit_log
                WHEN NEW.action NOT IN ('record.viewed') AND NEW.action NOT LIKE 'account.%' BEGIN
                    UPDATE store_revision SET revision = revision + 1 WHERE id = 1;
                END;
                """)
        }
        migrator.registerMigration("v3: covering indexes for the reports") { db in
            // The reports read a few columns of every case, need and provision. Each row also holds its whole
            // record as JSON, so a scan of the table reads mostly JSON; these indexes hold just the columns the
            // reports read, and SQLite scans them instead (a third of the pages for 100,000 children).
            try db.execute(sql: """
                CREATE INDEX case_file_summary ON case_file(id, reference, child_name, team);
                CREATE INDEX need_summary ON need(id, case_id, area, identified_on, closed_on);
                CREATE INDEX provision_summary ON provision(
                    row, id, case_id, service, quantity, unit, start_date, end_date, provider, legal_basis,
                    planned_total, delivered_total, delivery_count, latest_reason, latest_cancelled_by);
                """)
        }
        migrator.registerMigration("v4: deliveries measured when read; the totals triggers go") { db in
            // Unmet need is measured period by period from the delivery records (Casework's `DeliveryAccount`), so
            // the running totals the triggers kept, and the latest reason they guessed at, are no longer read.
            try db.execute(sql: """
                DROP TRIGGER delivery_added;
                DROP TRIGGER delivery_removed;
                DROP TRIGGER delivery_changed;
                DROP INDEX provision_summary;
                ALTER TABLE provision DROP COLUMN planned_total;
                ALTER TABLE provision DROP COLUMN delivered_total;
                ALTER TABLE provision DROP COLUMN delivery_count;
                ALTER TABLE provision DROP COLUMN latest_reason;
                ALTER TABLE provision DROP COLUMN latest_cancelled_by;
                ALTER TABLE provision DROP COLUMN latest_reason_on;
                CREATE INDEX provision_summary ON provision(row, id, case_id, service, quantity, unit, start_date, end_date, provider, legal_basis);
                """)
        }
        migrator.registerMigration("v5: a delivery ledger beside each provision's records") { db in
            // The unmet-need report reads one ledger per provision (Casework's `DeliveryLedger`, its records summed
            // into allowance periods) instead of every delivery record. Every write to a provision or its records
            // builds its ledger again in the same transaction; this builds those of provision already recorded.
            // A change to how ledgers are built needs a migration like this one to build them all again.
            try db.execute(sql: """
                CREATE TABLE delivery_ledger (
                    provision_row INTEGER PRIMARY KEY REFERENCES provision(row) ON DELETE CASCADE,
                    bytes BLOB NOT NULL
                );
                """)
            let rows = try Int64.fetchCursor(db, sql: "SELECT row FROM provision")
            while let row = try rows.next() { try SQLiteCaseStore.refreshLedger(ofProvision: row, in: db) }
        }
        migrator.registerMigration("v6: each session names the account signed in, so signing out ends them all") { db in
            try db.execute(sql: """
                ALTER TABLE web_session ADD COLUMN owner BLOB REFERENCES account(id);
                CREATE INDEX web_session_by_owner ON web_session(owner);
                """)
        }
        migrator.registerMigration("v7: the audit chain keyed, and the record tables sealed") { db in
            // Entries already written keep their plain SHA-256 hashes (keyed 0); the store appends a keyed entry
            // after them when it opens (`SQLiteCaseStore.keyLog`). Rows already written are sealed as they are.
            try db.execute(sql: "ALTER TABLE audit_log ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0")
            try RecordSeals.install(in: db, key: key)
        }
        migrator.registerMigration("v8: one-time links to set a forgotten password") { db in
            try db.execute(sql: """
                CREATE TABLE password_reset (
                    hash BLOB PRIMARY KEY NOT NULL,
                    account_id BLOB NOT NULL REFERENCES account(id),
                    expires_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX password_reset_by_account ON password_reset(account_id);
                """)
        }
        migrator.registerMigration("v9: staff accounts can be deactivated; the audit log is searched by subject") { db in
            try RecordSeals.changeColumns(of: "account", in: db, key: key) {
                try db.execute(sql: "ALTER TABLE account ADD COLUMN deactivated_at REAL")
            }
            // The administrator's search by child or case reads the entries about a case's records.
            try db.execute(sql: "CREATE INDEX audit_log_by_subject ON audit_log(subject)")
        }
        return migrator
    }
}
