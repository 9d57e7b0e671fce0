-- migration v1: cases, assessments, needs, provision, deliveries, EHC advice, stays, reviews, audit
-- migration v2: accounts, case owners, sessions, sign-in failures, API tokens, drafts, reports, comments, missed sessions
-- migration v3: covering indexes for the reports
-- migration v4: deliveries measured when read; the totals triggers go
-- migration v5: a delivery ledger beside each provision's records
-- migration v6: each session names the account signed in, so signing out ends them all
-- migration v7: the audit chain keyed, and the record tables sealed
-- migration v8: one-time links to set a forgotten password
-- migration v9: staff accounts can be deactivated; the audit log is searched by subject
-- index assessment_by_assessor
CREATE INDEX assessment_by_assessor ON assessment(assessor, deadline_on);
-- index assessment_by_case
CREATE INDEX assessment_by_case ON assessment(case_id);
-- index assessment_by_deadline
CREATE INDEX assessment_by_deadline ON assessment(deadline_on);
-- index audit_log_by_subject
CREATE INDEX audit_log_by_subject ON audit_log(subject);
-- index case_file_awaiting_decision
CREATE INDEX case_file_awaiting_decision ON case_file(decided, opened_on);
-- index case_file_by_team
CREATE INDEX case_file_by_team ON case_file(team);
-- index case_file_summary
CREATE INDEX case_file_summary ON case_file(id, reference, child_name, team);
-- index case_owner_by_account
CREATE INDEX case_owner_by_account ON case_owner(account_id);
-- index case_report_by_case
CREATE INDEX case_report_by_case ON case_report(case_id);
-- index ehc_advice_by_case
CREATE INDEX ehc_advice_by_case ON ehc_advice(case_id);
-- index family_comment_by_case
CREATE INDEX family_comment_by_case ON family_comment(case_id);
-- index missed_session_by_case
CREATE INDEX missed_session_by_case ON missed_session(case_id);
-- index need_by_case
CREATE INDEX need_by_case ON need(case_id);
-- index need_summary
CREATE INDEX need_summary ON need(id, case_id, area, identified_on, closed_on);
-- index overnight_stay_by_case
CREATE INDEX overnight_stay_by_case ON overnight_stay(case_id);
-- index password_reset_by_account
CREATE INDEX password_reset_by_account ON password_reset(account_id);
-- index provision_by_case
CREATE INDEX provision_by_case ON provision(case_id);
-- index provision_need_by_need
CREATE INDEX provision_need_by_need ON provision_need(need_id);
-- index provision_summary
CREATE INDEX provision_summary ON provision(row, id, case_id, service, quantity, unit, start_date, end_date, provider, legal_basis);
-- index review_by_case
CREATE INDEX review_by_case ON review(case_id);
-- index sign_in_failure_by_address
CREATE INDEX sign_in_failure_by_address ON sign_in_failure(address, at);
-- index sign_in_failure_by_email
CREATE INDEX sign_in_failure_by_email ON sign_in_failure(email, at);
-- index web_session_by_expiry
CREATE INDEX web_session_by_expiry ON web_session(expires_at);
-- index web_session_by_owner
CREATE INDEX web_session_by_owner ON web_session(owner);
-- table account
CREATE TABLE account (
    id BLOB PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    team TEXT,
    created_at REAL NOT NULL
, deactivated_at REAL);
-- table api_token
CREATE TABLE api_token (
    hash BLOB PRIMARY KEY NOT NULL,
    account_id BLOB NOT NULL REFERENCES account(id),
    expires_at REAL NOT NULL
) WITHOUT ROWID;
-- table assessment
CREATE TABLE assessment (
    id BLOB PRIMARY KEY NOT NULL,
    case_id BLOB NOT NULL REFERENCES case_file(id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_on TEXT NOT NULL,
    deadline_on TEXT NOT NULL,
    body TEXT NOT NULL
, assessor TEXT GENERATED ALWAYS AS (json_extract(body, '$.assessor')) VIRTUAL);
-- table audit_log
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
, keyed INTEGER NOT NULL DEFAULT 0);
-- table case_file
CREATE TABLE case_file (
    id BLOB PRIMARY KEY NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    team TEXT NOT NULL,
    child_name TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    body TEXT NOT NULL
, decided INTEGER GENERATED ALWAYS AS (json_type(body, '$.managerDecision') IS NOT NULL) VIRTUAL);
-- table case_owner
CREATE TABLE case_owner (
    case_id BLOB PRIMARY KEY NOT NULL REFERENCES case_file(id),
    account_id BLOB NOT NULL REFERENCES account(id)
) WITHOUT ROWID;
-- table case_report
CREATE TABLE case_report (
    id BLOB PRIMARY KEY NOT NULL,
    case_id BLOB NOT NULL REFERENCES case_file(id),
    assessment_id BLOB REFERENCES assessment(id),
    form_id TEXT NOT NULL,
    submitted_on TEXT NOT NULL,
    body TEXT NOT NULL
);
-- table delivery
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
-- table delivery_ledger
CREATE TABLE delivery_ledger (
    provision_row INTEGER PRIMARY KEY REFERENCES provision(row) ON DELETE CASCADE,
    bytes BLOB NOT NULL
);
-- table ehc_advice
CREATE TABLE ehc_advice (
    id BLOB PRIMARY KEY NOT NULL,
    case_id BLOB NOT NULL REFERENCES case_file(id),
    request_reference TEXT NOT NULL,
    deadline_on TEXT NOT NULL,
    submitted_on TEXT,
    body TEXT NOT NULL
);
-- table family_comment
CREATE TABLE family_comment (
    id BLOB PRIMARY KEY NOT NULL,
    case_id BLOB NOT NULL REFERENCES case_file(id),
    report_id BLOB NOT NULL REFERENCES case_report(id),
    written_on TEXT NOT NULL,
    body TEXT NOT NULL
);
-- table form_draft
CREATE TABLE form_draft (
    owner BLOB NOT NULL REFERENCES account(id),
    purpose TEXT NOT NULL,
    form_id TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    updated_at REAL NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (owner, purpose)
) WITHOUT ROWID;
-- table grdb_migrations
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
-- table missed_session
CREATE TABLE missed_session (
    id BLOB PRIMARY KEY NOT NULL,
    case_id BLOB NOT NULL REFERENCES case_file(id),
    provision_id BLOB NOT NULL REFERENCES provision(id),
    session_date TEXT NOT NULL,
    body TEXT NOT NULL
);
-- table need
CREATE TABLE need (
    id BLOB PRIMARY KEY NOT NULL,
    case_id BLOB NOT NULL REFERENCES case_file(id),
    area TEXT NOT NULL,
    identified_on TEXT NOT NULL,
    closed_on TEXT,
    body TEXT NOT NULL
);
-- table overnight_stay
CREATE TABLE overnight_stay (
    id BLOB PRIMARY KEY NOT NULL,
    case_id BLOB NOT NULL REFERENCES case_file(id),
    first_night TEXT NOT NULL,
    nights INTEGER NOT NULL,
    carer TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    body TEXT NOT NULL
);
-- table password_reset
CREATE TABLE password_reset (
    hash BLOB PRIMARY KEY NOT NULL,
    account_id BLOB NOT NULL REFERENCES account(id),
    expires_at REAL NOT NULL
) WITHOUT ROWID;
-- table provision
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
    body TEXT NOT NULL);
-- table provision_need
CREATE TABLE provision_need (
    provision_row INTEGER NOT NULL REFERENCES provision(row) ON DELETE CASCADE,
    need_id BLOB NOT NULL REFERENCES need(id),
    PRIMARY KEY (provision_row, need_id)
) WITHOUT ROWID;
-- table record_seal
CREATE TABLE record_seal (table_name TEXT PRIMARY KEY NOT NULL, state BLOB NOT NULL) WITHOUT ROWID;
-- table review
CREATE TABLE review (
    id BLOB PRIMARY KEY NOT NULL,
    case_id BLOB NOT NULL REFERENCES case_file(id),
    kind TEXT NOT NULL,
    due_on TEXT NOT NULL,
    held_on TEXT,
    body TEXT NOT NULL
);
-- table sign_in_failure
CREATE TABLE sign_in_failure (
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    at REAL NOT NULL
);
-- table store_revision
CREATE TABLE store_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
-- table web_session
CREATE TABLE web_session (
    key TEXT PRIMARY KEY NOT NULL,
    value BLOB NOT NULL,
    expires_at REAL
, owner BLOB REFERENCES account(id)) WITHOUT ROWID;
-- trigger account_sealed_delete
CREATE TRIGGER account_sealed_delete AFTER DELETE ON account BEGIN UPDATE record_seal SET state = heeded_fold('account', state, heeded_seal('account', OLD."id", OLD."email", OLD."role", OLD."password_hash", OLD."team", OLD."created_at", OLD."deactivated_at"), NULL) WHERE table_name = 'account'; END;
-- trigger account_sealed_insert
CREATE TRIGGER account_sealed_insert AFTER INSERT ON account BEGIN UPDATE record_seal SET state = heeded_fold('account', state, NULL, heeded_seal('account', NEW."id", NEW."email", NEW."role", NEW."password_hash", NEW."team", NEW."created_at", NEW."deactivated_at")) WHERE table_name = 'account'; END;
-- trigger account_sealed_update
CREATE TRIGGER account_sealed_update AFTER UPDATE ON account BEGIN UPDATE record_seal SET state = heeded_fold('account', state, heeded_seal('account', OLD."id", OLD."email", OLD."role", OLD."password_hash", OLD."team", OLD."created_at", OLD."deactivated_at"), heeded_seal('account', NEW."id", NEW."email", NEW."role", NEW."password_hash", NEW."team", NEW."created_at", NEW."deactivated_at")) WHERE table_name = 'account'; END;
-- trigger assessment_sealed_delete
CREATE TRIGGER assessment_sealed_delete AFTER DELETE ON assessment BEGIN UPDATE record_seal SET state = heeded_fold('assessment', state, heeded_seal('assessment', OLD."id", OLD."case_id", OLD."kind", OLD."status", OLD."requested_on", OLD."deadline_on", OLD."body", OLD."assessor"), NULL) WHERE table_name = 'assessment'; END;
-- trigger assessment_sealed_insert
CREATE TRIGGER assessment_sealed_insert AFTER INSERT ON assessment BEGIN UPDATE record_seal SET state = heeded_fold('assessment', state, NULL, heeded_seal('assessment', NEW."id", NEW."case_id", NEW."kind", NEW."status", NEW."requested_on", NEW."deadline_on", NEW."body", NEW."assessor")) WHERE table_name = 'assessment'; END;
-- trigger assessment_sealed_update
CREATE TRIGGER assessment_sealed_update AFTER UPDATE ON assessment BEGIN UPDATE record_seal SET state = heeded_fold('assessment', state, heeded_seal('assessment', OLD."id", OLD."case_id", OLD."kind", OLD."status", OLD."requested_on", OLD."deadline_on", OLD."body", OLD."assessor"), heeded_seal('assessment', NEW."id", NEW."case_id", NEW."kind", NEW."status", NEW."requested_on", NEW."deadline_on", NEW."body", NEW."assessor")) WHERE table_name = 'assessment'; END;
-- trigger audit_log_no_delete
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be removed');
END;
-- trigger audit_log_no_update
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed');
END;
-- trigger case_file_sealed_delete
CREATE TRIGGER case_file_sealed_delete AFTER DELETE ON case_file BEGIN UPDATE record_seal SET state = heeded_fold('case_file', state, heeded_seal('case_file', OLD."id", OLD."reference", OLD."team", OLD."child_name", OLD."opened_on", OLD."body", OLD."decided"), NULL) WHERE table_name = 'case_file'; END;
-- trigger case_file_sealed_insert
CREATE TRIGGER case_file_sealed_insert AFTER INSERT ON case_file BEGIN UPDATE record_seal SET state = heeded_fold('case_file', state, NULL, heeded_seal('case_file', NEW."id", NEW."reference", NEW."team", NEW."child_name", NEW."opened_on", NEW."body", NEW."decided")) WHERE table_name = 'case_file'; END;
-- trigger case_file_sealed_update
CREATE TRIGGER case_file_sealed_update AFTER UPDATE ON case_file BEGIN UPDATE record_seal SET state = heeded_fold('case_file', state, heeded_seal('case_file', OLD."id", OLD."reference", OLD."team", OLD."child_name", OLD."opened_on", OLD."body", OLD."decided"), heeded_seal('case_file', NEW."id", NEW."reference", NEW."team", NEW."child_name", NEW."opened_on", NEW."body", NEW."decided")) WHERE table_name = 'case_file'; END;
-- trigger case_owner_sealed_delete
CREATE TRIGGER case_owner_sealed_delete AFTER DELETE ON case_owner BEGIN UPDATE record_seal SET state = heeded_fold('case_owner', state, heeded_seal('case_owner', OLD."case_id", OLD."account_id"), NULL) WHERE table_name = 'case_owner'; END;
-- trigger case_owner_sealed_insert
CREATE TRIGGER case_owner_sealed_insert AFTER INSERT ON case_owner BEGIN UPDATE record_seal SET state = heeded_fold('case_owner', state, NULL, heeded_seal('case_owner', NEW."case_id", NEW."account_id")) WHERE table_name = 'case_owner'; END;
-- trigger case_owner_sealed_update
CREATE TRIGGER case_owner_sealed_update AFTER UPDATE ON case_owner BEGIN UPDATE record_seal SET state = heeded_fold('case_owner', state, heeded_seal('case_owner', OLD."case_id", OLD."account_id"), heeded_seal('case_owner', NEW."case_id", NEW."account_id")) WHERE table_name = 'case_owner'; END;
-- trigger case_report_sealed_delete
CREATE TRIGGER case_report_sealed_delete AFTER DELETE ON case_report BEGIN UPDATE record_seal SET state = heeded_fold('case_report', state, heeded_seal('case_report', OLD."id", OLD."case_id", OLD."assessment_id", OLD."form_id", OLD."submitted_on", OLD."body"), NULL) WHERE table_name = 'case_report'; END;
-- trigger case_report_sealed_insert
CREATE TRIGGER case_report_sealed_insert AFTER INSERT ON case_report BEGIN UPDATE record_seal SET state = heeded_fold('case_report', state, NULL, heeded_seal('case_report', NEW."id", NEW."case_id", NEW."assessment_id", NEW."form_id", NEW."submitted_on", NEW."body")) WHERE table_name = 'case_report'; END;
-- trigger case_report_sealed_update
CREATE TRIGGER case_report_sealed_update AFTER UPDATE ON case_report BEGIN UPDATE record_seal SET state = heeded_fold('case_report', state, heeded_seal('case_report', OLD."id", OLD."case_id", OLD."assessment_id", OLD."form_id", OLD."submitted_on", OLD."body"), heeded_seal('case_report', NEW."id", NEW."case_id", NEW."assessment_id", NEW."form_id", NEW."submitted_on", NEW."body")) WHERE table_name = 'case_report'; END;
-- trigger delivery_sealed_delete
CREATE TRIGGER delivery_sealed_delete AFTER DELETE ON delivery BEGIN UPDATE record_seal SET state = heeded_fold('delivery', state, heeded_seal('delivery', OLD."provision_row", OLD."period_start", OLD."period_end", OLD."planned", OLD."delivered", OLD."cancelled_by", OLD."reason", OLD."notes"), NULL) WHERE table_name = 'delivery'; END;
-- trigger delivery_sealed_insert
CREATE TRIGGER delivery_sealed_insert AFTER INSERT ON delivery BEGIN UPDATE record_seal SET state = heeded_fold('delivery', state, NULL, heeded_seal('delivery', NEW."provision_row", NEW."period_start", NEW."period_end", NEW."planned", NEW."delivered", NEW."cancelled_by", NEW."reason", NEW."notes")) WHERE table_name = 'delivery'; END;
-- trigger delivery_sealed_update
CREATE TRIGGER delivery_sealed_update AFTER UPDATE ON delivery BEGIN UPDATE record_seal SET state = heeded_fold('delivery', state, heeded_seal('delivery', OLD."provision_row", OLD."period_start", OLD."period_end", OLD."planned", OLD."delivered", OLD."cancelled_by", OLD."reason", OLD."notes"), heeded_seal('delivery', NEW."provision_row", NEW."period_start", NEW."period_end", NEW."planned", NEW."delivered", NEW."cancelled_by", NEW."reason", NEW."notes")) WHERE table_name = 'delivery'; END;
-- trigger ehc_advice_sealed_delete
CREATE TRIGGER ehc_advice_sealed_delete AFTER DELETE ON ehc_advice BEGIN UPDATE record_seal SET state = heeded_fold('ehc_advice', state, heeded_seal('ehc_advice', OLD."id", OLD."case_id", OLD."request_reference", OLD."deadline_on", OLD."submitted_on", OLD."body"), NULL) WHERE table_name = 'ehc_advice'; END;
-- trigger ehc_advice_sealed_insert
CREATE TRIGGER ehc_advice_sealed_insert AFTER INSERT ON ehc_advice BEGIN UPDATE record_seal SET state = heeded_fold('ehc_advice', state, NULL, heeded_seal('ehc_advice', NEW."id", NEW."case_id", NEW."request_reference", NEW."deadline_on", NEW."submitted_on", NEW."body")) WHERE table_name = 'ehc_advice'; END;
-- trigger ehc_advice_sealed_update
CREATE TRIGGER ehc_advice_sealed_update AFTER UPDATE ON ehc_advice BEGIN UPDATE record_seal SET state = heeded_fold('ehc_advice', state, heeded_seal('ehc_advice', OLD."id", OLD."case_id", OLD."request_reference", OLD."deadline_on", OLD."submitted_on", OLD."body"), heeded_seal('ehc_advice', NEW."id", NEW."case_id", NEW."request_reference", NEW."deadline_on", NEW."submitted_on", NEW."body")) WHERE table_name = 'ehc_advice'; END;
-- trigger family_comment_sealed_delete
CREATE TRIGGER family_comment_sealed_delete AFTER DELETE ON family_comment BEGIN UPDATE record_seal SET state = heeded_fold('family_comment', state, heeded_seal('family_comment', OLD."id", OLD."case_id", OLD."report_id", OLD."written_on", OLD."body"), NULL) WHERE table_name = 'family_comment'; END;
-- trigger family_comment_sealed_insert
CREATE TRIGGER family_comment_sealed_insert AFTER INSERT ON family_comment BEGIN UPDATE record_seal SET state = heeded_fold('family_comment', state, NULL, heeded_seal('family_comment', NEW."id", NEW."case_id", NEW."report_id", NEW."written_on", NEW."body")) WHERE table_name = 'family_comment'; END;
-- trigger family_comment_sealed_update
CREATE TRIGGER family_comment_sealed_update AFTER UPDATE ON family_comment BEGIN UPDATE record_seal SET state = heeded_fold('family_comment', state, heeded_seal('family_comment', OLD."id", OLD."case_id", OLD."report_id", OLD."written_on", OLD."body"), heeded_seal('family_comment', NEW."id", NEW."case_id", NEW."report_id", NEW."written_on", NEW."body")) WHERE table_name = 'family_comment'; END;
-- trigger missed_session_sealed_delete
CREATE TRIGGER missed_session_sealed_delete AFTER DELETE ON missed_session BEGIN UPDATE record_seal SET state = heeded_fold('missed_session', state, heeded_seal('missed_session', OLD."id", OLD."case_id", OLD."provision_id", OLD."session_date", OLD."body"), NULL) WHERE table_name = 'missed_session'; END;
-- trigger missed_session_sealed_insert
CREATE TRIGGER missed_session_sealed_insert AFTER INSERT ON missed_session BEGIN UPDATE record_seal SET state = heeded_fold('missed_session', state, NULL, heeded_seal('missed_session', NEW."id", NEW."case_id", NEW."provision_id", NEW."session_date", NEW."body")) WHERE table_name = 'missed_session'; END;
-- trigger missed_session_sealed_update
CREATE TRIGGER missed_session_sealed_update AFTER UPDATE ON missed_session BEGIN UPDATE record_seal SET state = heeded_fold('missed_session', state, heeded_seal('missed_session', OLD."id", OLD."case_id", OLD."provision_id", OLD."session_date", OLD."body"), heeded_seal('missed_session', NEW."id", NEW."case_id", NEW."provision_id", NEW."session_date", NEW."body")) WHERE table_name = 'missed_session'; END;
-- trigger need_sealed_delete
CREATE TRIGGER need_sealed_delete AFTER DELETE ON need BEGIN UPDATE record_seal SET state = heeded_fold('need', state, heeded_seal('need', OLD."id", OLD."case_id", OLD."area", OLD."identified_on", OLD."closed_on", OLD."body"), NULL) WHERE table_name = 'need'; END;
-- trigger need_sealed_insert
CREATE TRIGGER need_sealed_insert AFTER INSERT ON need BEGIN UPDATE record_seal SET state = heeded_fold('need', state, NULL, heeded_seal('need', NEW."id", NEW."case_id", NEW."area", NEW."identified_on", NEW."closed_on", NEW."body")) WHERE table_name = 'need'; END;
-- trigger need_sealed_update
CREATE TRIGGER need_sealed_update AFTER UPDATE ON need BEGIN UPDATE record_seal SET state = heeded_fold('need', state, heeded_seal('need', OLD."id", OLD."case_id", OLD."area", OLD."identified_on", OLD."closed_on", OLD."body"), heeded_seal('need', NEW."id", NEW."case_id", NEW."area", NEW."identified_on", NEW."closed_on", NEW."body")) WHERE table_name = 'need'; END;
-- trigger overnight_stay_sealed_delete
CREATE TRIGGER overnight_stay_sealed_delete AFTER DELETE ON overnight_stay BEGIN UPDATE record_seal SET state = heeded_fold('overnight_stay', state, heeded_seal('overnight_stay', OLD."id", OLD."case_id", OLD."first_night", OLD."nights", OLD."carer", OLD."legal_basis", OLD."body"), NULL) WHERE table_name = 'overnight_stay'; END;
-- trigger overnight_stay_sealed_insert
CREATE TRIGGER overnight_stay_sealed_insert AFTER INSERT ON overnight_stay BEGIN UPDATE record_seal SET state = heeded_fold('overnight_stay', state, NULL, heeded_seal('overnight_stay', NEW."id", NEW."case_id", NEW."first_night", NEW."nights", NEW."carer", NEW."legal_basis", NEW."body")) WHERE table_name = 'overnight_stay'; END;
-- trigger overnight_stay_sealed_update
CREATE TRIGGER overnight_stay_sealed_update AFTER UPDATE ON overnight_stay BEGIN UPDATE record_seal SET state = heeded_fold('overnight_stay', state, heeded_seal('overnight_stay', OLD."id", OLD."case_id", OLD."first_night", OLD."nights", OLD."carer", OLD."legal_basis", OLD."body"), heeded_seal('overnight_stay', NEW."id", NEW."case_id", NEW."first_night", NEW."nights", NEW."carer", NEW."legal_basis", NEW."body")) WHERE table_name = 'overnight_stay'; END;
-- trigger provision_need_sealed_delete
CREATE TRIGGER provision_need_sealed_delete AFTER DELETE ON provision_need BEGIN UPDATE record_seal SET state = heeded_fold('provision_need', state, heeded_seal('provision_need', OLD."provision_row", OLD."need_id"), NULL) WHERE table_name = 'provision_need'; END;
-- trigger provision_need_sealed_insert
CREATE TRIGGER provision_need_sealed_insert AFTER INSERT ON provision_need BEGIN UPDATE record_seal SET state = heeded_fold('provision_need', state, NULL, heeded_seal('provision_need', NEW."provision_row", NEW."need_id")) WHERE table_name = 'provision_need'; END;
-- trigger provision_need_sealed_update
CREATE TRIGGER provision_need_sealed_update AFTER UPDATE ON provision_need BEGIN UPDATE record_seal SET state = heeded_fold('provision_need', state, heeded_seal('provision_need', OLD."provision_row", OLD."need_id"), heeded_seal('provision_need', NEW."provision_row", NEW."need_id")) WHERE table_name = 'provision_need'; END;
-- trigger provision_sealed_delete
CREATE TRIGGER provision_sealed_delete AFTER DELETE ON provision BEGIN UPDATE record_seal SET state = heeded_fold('provision', state, heeded_seal('provision', OLD."row", OLD."id", OLD."case_id", OLD."service", OLD."quantity", OLD."unit", OLD."start_date", OLD."end_date", OLD."provider", OLD."legal_basis", OLD."body"), NULL) WHERE table_name = 'provision'; END;
-- trigger provision_sealed_insert
CREATE TRIGGER provision_sealed_insert AFTER INSERT ON provision BEGIN UPDATE record_seal SET state = heeded_fold('provision', state, NULL, heeded_seal('provision', NEW."row", NEW."id", NEW."case_id", NEW."service", NEW."quantity", NEW."unit", NEW."start_date", NEW."end_date", NEW."provider", NEW."legal_basis", NEW."body")) WHERE table_name = 'provision'; END;
-- trigger provision_sealed_update
CREATE TRIGGER provision_sealed_update AFTER UPDATE ON provision BEGIN UPDATE record_seal SET state = heeded_fold('provision', state, heeded_seal('provision', OLD."row", OLD."id", OLD."case_id", OLD."service", OLD."quantity", OLD."unit", OLD."start_date", OLD."end_date", OLD."provider", OLD."legal_basis", OLD."body"), heeded_seal('provision', NEW."row", NEW."id", NEW."case_id", NEW."service", NEW."quantity", NEW."unit", NEW."start_date", NEW."end_date", NEW."provider", NEW."legal_basis", NEW."body")) WHERE table_name = 'provision'; END;
-- trigger review_sealed_delete
CREATE TRIGGER review_sealed_delete AFTER DELETE ON review BEGIN UPDATE record_seal SET state = heeded_fold('review', state, heeded_seal('review', OLD."id", OLD."case_id", OLD."kind", OLD."due_on", OLD."held_on", OLD."body"), NULL) WHERE table_name = 'review'; END;
-- trigger review_sealed_insert
CREATE TRIGGER review_sealed_insert AFTER INSERT ON review BEGIN UPDATE record_seal SET state = heeded_fold('review', state, NULL, heeded_seal('review', NEW."id", NEW."case_id", NEW."kind", NEW."due_on", NEW."held_on", NEW."body")) WHERE table_name = 'review'; END;
-- trigger review_sealed_update
CREATE TRIGGER review_sealed_update AFTER UPDATE ON review BEGIN UPDATE record_seal SET state = heeded_fold('review', state, heeded_seal('review', OLD."id", OLD."case_id", OLD."kind", OLD."due_on", OLD."held_on", OLD."body"), heeded_seal('review', NEW."id", NEW."case_id", NEW."kind", NEW."due_on", NEW."held_on", NEW."body")) WHERE table_name = 'review'; END;
-- trigger store_revision_moves
CREATE TRIGGER store_revision_moves AFTER INSERT ON audit_log
WHEN NEW.action NOT IN ('record.viewed') AND NEW.action NOT LIKE 'account.%' BEGIN
    UPDATE store_revision SET revision = revision + 1 WHERE id = 1;
END;
