// The database schema, as an ordered list of migrations. A shipped migration is never edited: add a new one.
import GRDB

/// Heeded's migrations, registered in order. GRDB records which have run in `grdb_migrations`.
///
/// Conventions: ids are 16-byte UUID blobs; dates are `YYYY-MM-DD` text (they sort and compare as dates);
/// each record keeps its whole domain value as JSON in `body`, with the columns that queries need beside it.
/// Deliveries are summed into their provision row by triggers, so a report reads one row per provision
/// rather than every delivery.
enum Migrations {
    static var migrator: DatabaseMigrator {
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
        return migrator
    }
}
