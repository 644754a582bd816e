/*
 * store-schema.c — the tables of a kaohe database and their migrations.
 *
 * A cycle owns its methodology (SPEC §2): every file of its bundle is a table
 * whose rows carry the cycle's id, the row's position `ord` in the file, and
 * the file's columns (FORMATS.md) as raw text, exactly as the bundle writer
 * put them.  Text, not typed columns, because the bundle reader is the one
 * place that interprets cells (SPEC §11); the database must give back the
 * very cells it was given, so round trips are exact by construction.
 * indicators.csv has one weight.<CAT> column per category: those cells are
 * rows of indicator_weights (cycle, indicator ord, category, weight).
 * cycle_files remembers which files a cycle has and each file's header line,
 * so an export writes the same columns in the same order.
 *
 * Around the bundle tables: cycles (code, state, previous, timestamps),
 * appeals, users and audit.  Ids are BIGINTs assigned as max+1 inside the
 * writing transaction (serialised by both backends), which keeps the DDL
 * identical on SQLite and PostgreSQL.
 *
 * Migrations.  migrations[i] takes a database from schema version i to i+1;
 * kh_store_open applies the missing ones in one transaction and records the
 * version in schema_version.  A migration is never edited once released: a
 * change is a new script appended to the list of each backend.
 */
#include <string.h>
#include "kaohe/store.h"

#define COLS(...) ((const char *const[]){__VA_ARGS__, NULL})

const struct kh_store_table kh_store_tables[] = {
    {"cycle.csv", "cycle_settings", COLS("key", "value"), false},
    {"categories.csv", "categories", COLS("code", "name"), false},
    {"units.csv", "units", COLS("code", "name", "district", "category", "zone", "kind"), false},
    {"indicators.csv", "indicators",
     COLS("code", "parent", "name", "kind", "measure", "direction", "method", "params", "missing",
          "department", "raters", "scale"), false},
    {"scales.csv", "scales", COLS("scale", "level", "points"), false},
    {"rater_groups.csv", "rater_groups", COLS("code", "name", "combine"), false},
    {"raters.csv", "raters", COLS("code", "name", "group"), false},
    {"targets.csv", "targets", COLS("unit", "indicator", "target", "baseline", "status"), false},
    {"values.csv", "indicator_values", COLS("unit", "indicator", "period", "value", "source"), false},
    {"ratings.csv", "ratings", COLS("rater", "ratee", "item", "score"), false},
    {"survey_items.csv", "survey_items", COLS("code", "text", "weight", "scale"), false},
    {"responses.csv", "responses", COLS("response", "unit", "channel", "item", "answer"), false},
    {"positions.csv", "positions",
     COLS("code", "name", "principal", "w_team", "w_duty", "w_eval", "dims", "groups"), false},
    {"cadres.csv", "cadres", COLS("code", "name", "unit", "position", "responsibilities"), false},
    {"adjustments.csv", "adjustments", COLS("subject", "indicator", "amount", "reason"), false},
    {"results_units.csv", "results_units",
     COLS("unit", "category", "base", "bonus", "penalty", "composite", "rank_category",
          "rank_overall", "grade", "veto", "flags"), true},
    {"results_nodes.csv", "results_nodes", COLS("unit", "node", "value", "score", "weight_global"),
     true},
    {"results_cadres.csv", "results_cadres",
     COLS("cadre", "unit", "position", "team", "duty", "evaluation", "penalty", "score", "grade",
          "veto", "flags"), true},
    {"results_surveys.csv", "results_surveys",
     COLS("unit", "n", "mean", "sd", "ci_low", "ci_high", "rate", "flags"), true},
    {"warnings.csv", "warnings",
     COLS("unit", "indicator", "period", "expected", "actual", "ratio", "level"), true},
    {"results_contributions.csv", "results_contributions", COLS("unit", "leaf", "contribution"),
     true},
    {"results_strengths.csv", "results_strengths",
     COLS("unit", "kind", "rank", "leaf", "gap", "score", "type_mean", "weight_global"), true},
};
const size_t kh_store_ntables = sizeof kh_store_tables / sizeof kh_store_tables[0];

const struct kh_store_table *kh_store_table_by_file(const char *file)
{
    for (size_t i = 0; i < kh_store_ntables; i++)
        if (strcmp(kh_store_tables[i].file, file) == 0)
            return &kh_store_tables[i];
    return NULL;
}

/*
 * Version 1, the same text on both backends.  Bundle tables are written out
 * in full (not generated from kh_store_tables) because a migration is a
 * frozen historical document.  Columns are quoted: `group`, `value` and
 * `level` are keywords somewhere.
 */
#define KH__BUNDLE_ROW "cycle_id BIGINT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE, ord BIGINT NOT NULL, "
#define KH__PK ", PRIMARY KEY (cycle_id, ord))"

const char kh__schema_v1[] =
    "CREATE TABLE cycles (id BIGINT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '',"
    " state TEXT NOT NULL, previous TEXT NOT NULL DEFAULT '', state_since TEXT NOT NULL,"
    " created_at TEXT NOT NULL, computed_at TEXT NOT NULL DEFAULT '');\n"
    "CREATE TABLE cycle_files (cycle_id BIGINT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,"
    " file TEXT NOT NULL, header TEXT NOT NULL, nrows BIGINT NOT NULL, sha256 TEXT NOT NULL,"
    " PRIMARY KEY (cycle_id, file));\n"
    "CREATE TABLE cycle_settings (" KH__BUNDLE_ROW "\"key\" TEXT, \"value\" TEXT" KH__PK ";\n"
    "CREATE TABLE categories (" KH__BUNDLE_ROW "\"code\" TEXT, \"name\" TEXT" KH__PK ";\n"
    "CREATE TABLE units (" KH__BUNDLE_ROW "\"code\" TEXT, \"name\" TEXT, \"district\" TEXT,"
    " \"category\" TEXT, \"zone\" TEXT, \"kind\" TEXT" KH__PK ";\n"
    "CREATE TABLE indicators (" KH__BUNDLE_ROW "\"code\" TEXT, \"parent\" TEXT, \"name\" TEXT,"
    " \"kind\" TEXT, \"measure\" TEXT, \"direction\" TEXT, \"method\" TEXT, \"params\" TEXT,"
    " \"missing\" TEXT, \"department\" TEXT, \"raters\" TEXT, \"scale\" TEXT" KH__PK ";\n"
    "CREATE TABLE indicator_weights (cycle_id BIGINT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,"
    " ord BIGINT NOT NULL, category TEXT NOT NULL, weight TEXT, PRIMARY KEY (cycle_id, ord, category));\n"
    "CREATE TABLE scales (" KH__BUNDLE_ROW "\"scale\" TEXT, \"level\" TEXT, \"points\" TEXT" KH__PK ";\n"
    "CREATE TABLE rater_groups (" KH__BUNDLE_ROW "\"code\" TEXT, \"name\" TEXT, \"combine\" TEXT" KH__PK ";\n"
    "CREATE TABLE raters (" KH__BUNDLE_ROW "\"code\" TEXT, \"name\" TEXT, \"group\" TEXT" KH__PK ";\n"
    "CREATE TABLE targets (" KH__BUNDLE_ROW "\"unit\" TEXT, \"indicator\" TEXT, \"target\" TEXT,"
    " \"baseline\" TEXT, \"status\" TEXT, note TEXT NOT NULL DEFAULT ''" KH__PK ";\n"
    "CREATE TABLE indicator_values (" KH__BUNDLE_ROW "\"unit\" TEXT, \"indicator\" TEXT, \"period\" TEXT,"
    " \"value\" TEXT, \"source\" TEXT" KH__PK ";\n"
    "CREATE TABLE ratings (" KH__BUNDLE_ROW "\"rater\" TEXT, \"ratee\" TEXT, \"item\" TEXT, \"score\" TEXT" KH__PK ";\n"
    "CREATE TABLE survey_items (" KH__BUNDLE_ROW "\"code\" TEXT, \"text\" TEXT, \"weight\" TEXT, \"scale\" TEXT" KH__PK ";\n"
    "CREATE TABLE responses (" KH__BUNDLE_ROW "\"response\" TEXT, \"unit\" TEXT, \"channel\" TEXT,"
    " \"item\" TEXT, \"answer\" TEXT" KH__PK ";\n"
    "CREATE TABLE positions (" KH__BUNDLE_ROW "\"code\" TEXT, \"name\" TEXT, \"principal\" TEXT,"
    " \"w_team\" TEXT, \"w_duty\" TEXT, \"w_eval\" TEXT, \"dims\" TEXT, \"groups\" TEXT" KH__PK ";\n"
    "CREATE TABLE cadres (" KH__BUNDLE_ROW "\"code\" TEXT, \"name\" TEXT, \"unit\" TEXT, \"position\" TEXT,"
    " \"responsibilities\" TEXT" KH__PK ";\n"
    "CREATE TABLE adjustments (" KH__BUNDLE_ROW "\"subject\" TEXT, \"indicator\" TEXT, \"amount\" TEXT,"
    " \"reason\" TEXT" KH__PK ";\n"
    "CREATE TABLE results_units (" KH__BUNDLE_ROW "\"unit\" TEXT, \"category\" TEXT, \"base\" TEXT,"
    " \"bonus\" TEXT, \"penalty\" TEXT, \"composite\" TEXT, \"rank_category\" TEXT, \"rank_overall\" TEXT,"
    " \"grade\" TEXT, \"veto\" TEXT, \"flags\" TEXT" KH__PK ";\n"
    "CREATE TABLE results_nodes (" KH__BUNDLE_ROW "\"unit\" TEXT, \"node\" TEXT, \"value\" TEXT,"
    " \"score\" TEXT, \"weight_global\" TEXT" KH__PK ";\n"
    "CREATE TABLE results_cadres (" KH__BUNDLE_ROW "\"cadre\" TEXT, \"unit\" TEXT, \"position\" TEXT,"
    " \"team\" TEXT, \"duty\" TEXT, \"evaluation\" TEXT, \"penalty\" TEXT, \"score\" TEXT, \"grade\" TEXT,"
    " \"veto\" TEXT, \"flags\" TEXT" KH__PK ";\n"
    "CREATE TABLE results_surveys (" KH__BUNDLE_ROW "\"unit\" TEXT, \"n\" TEXT, \"mean\" TEXT, \"sd\" TEXT,"
    " \"ci_low\" TEXT, \"ci_high\" TEXT, \"rate\" TEXT, \"flags\" TEXT" KH__PK ";\n"
    "CREATE TABLE warnings (" KH__BUNDLE_ROW "\"unit\" TEXT, \"indicator\" TEXT, \"period\" TEXT,"
    " \"expected\" TEXT, \"actual\" TEXT, \"ratio\" TEXT, \"level\" TEXT" KH__PK ";\n"
    "CREATE TABLE appeals (id BIGINT PRIMARY KEY, cycle_id BIGINT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,"
    " unit TEXT NOT NULL, indicator TEXT NOT NULL, reason TEXT NOT NULL, state TEXT NOT NULL,"
    " filed_by TEXT NOT NULL, filed_at TEXT NOT NULL, decided_by TEXT NOT NULL DEFAULT '',"
    " decided_at TEXT NOT NULL DEFAULT '', decision TEXT NOT NULL DEFAULT '');\n"
    "CREATE INDEX appeals_cycle ON appeals (cycle_id, state);\n"
    "CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '',"
    " pwhash TEXT NOT NULL DEFAULT '', disabled BIGINT NOT NULL DEFAULT 0, created_at TEXT NOT NULL);\n"
    "CREATE TABLE audit (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, usr TEXT NOT NULL, action TEXT NOT NULL,"
    " entity TEXT NOT NULL, \"key\" TEXT NOT NULL, before_json TEXT, after_json TEXT, reason TEXT,"
    " prev_hash TEXT NOT NULL, hash TEXT NOT NULL);\n"
    "CREATE TABLE audit_head (id BIGINT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL);\n"
    "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');\n";

/*
 * Version 2 (the agreement, tracking and appeal commands), the same text on
 * both backends: the admin's comment on a returned or approved target (the
 * unit's justification is `note`), the corrected value of an accepted
 * appeal, and indexes for the single-row lookups of those commands (a
 * national cycle has 1.7 million values; a track or appeal must not scan
 * them).
 */
const char kh__schema_v2[] =
    "ALTER TABLE targets ADD COLUMN review_note TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE appeals ADD COLUMN period TEXT NOT NULL DEFAULT 'Y';\n"
    "ALTER TABLE appeals ADD COLUMN new_value TEXT NOT NULL DEFAULT '';\n"
    "CREATE INDEX targets_key ON targets (cycle_id, unit, indicator);\n"
    "CREATE INDEX indicator_values_key ON indicator_values (cycle_id, unit, indicator, period);\n";

/*
 * Version 3, SQLite only (PostgreSQL's version 3 changes nothing): every
 * bundle and result table becomes a WITHOUT ROWID table clustered on its
 * primary key (cycle_id, ord).  A rowid table with a composite primary key
 * is two b-trees — the rows by rowid and an automatic index on (cycle_id,
 * ord) — so each imported row was inserted twice and stored twice.  Rows
 * are small (a few dozen bytes) and always read by cycle in ord order,
 * which is exactly the clustered order.  SQLite cannot change a table to
 * WITHOUT ROWID in place: each table is rebuilt (new table, copy, drop,
 * rename) and the two lookup indexes of version 2 are created again.
 */
#define KH__REBUILD(t, cols)                                                                    \
    "CREATE TABLE " t "_v3 (" KH__BUNDLE_ROW cols ", PRIMARY KEY (cycle_id, ord)) WITHOUT ROWID;\n" \
    "INSERT INTO " t "_v3 SELECT * FROM " t ";\n"                                                 \
    "DROP TABLE " t ";\n"                                                                        \
    "ALTER TABLE " t "_v3 RENAME TO " t ";\n"

const char kh__schema_v3_sqlite[] =
    KH__REBUILD("cycle_settings", "\"key\" TEXT, \"value\" TEXT")
    KH__REBUILD("categories", "\"code\" TEXT, \"name\" TEXT")
    KH__REBUILD("units", "\"code\" TEXT, \"name\" TEXT, \"district\" TEXT, \"category\" TEXT, \"zone\" TEXT, \"kind\" TEXT")
    KH__REBUILD("indicators", "\"code\" TEXT, \"parent\" TEXT, \"name\" TEXT, \"kind\" TEXT, \"measure\" TEXT, \"direction\" TEXT, \"method\" TEXT, \"params\" TEXT, \"missing\" TEXT, \"department\" TEXT, \"raters\" TEXT, \"scale\" TEXT")
    KH__REBUILD("scales", "\"scale\" TEXT, \"level\" TEXT, \"points\" TEXT")
    KH__REBUILD("rater_groups", "\"code\" TEXT, \"name\" TEXT, \"combine\" TEXT")
    KH__REBUILD("raters", "\"code\" TEXT, \"name\" TEXT, \"group\" TEXT")
    KH__REBUILD("targets", "\"unit\" TEXT, \"indicator\" TEXT, \"target\" TEXT, \"baseline\" TEXT, \"status\" TEXT, note TEXT NOT NULL DEFAULT '', review_note TEXT NOT NULL DEFAULT ''")
    KH__REBUILD("indicator_values", "\"unit\" TEXT, \"indicator\" TEXT, \"period\" TEXT, \"value\" TEXT, \"source\" TEXT")
    KH__REBUILD("ratings", "\"rater\" TEXT, \"ratee\" TEXT, \"item\" TEXT, \"score\" TEXT")
    KH__REBUILD("survey_items", "\"code\" TEXT, \"text\" TEXT, \"weight\" TEXT, \"scale\" TEXT")
    KH__REBUILD("responses", "\"response\" TEXT, \"unit\" TEXT, \"channel\" TEXT, \"item\" TEXT, \"answer\" TEXT")
    KH__REBUILD("positions", "\"code\" TEXT, \"name\" TEXT, \"principal\" TEXT, \"w_team\" TEXT, \"w_duty\" TEXT, \"w_eval\" TEXT, \"dims\" TEXT, \"groups\" TEXT")
    KH__REBUILD("cadres", "\"code\" TEXT, \"name\" TEXT, \"unit\" TEXT, \"position\" TEXT, \"responsibilities\" TEXT")
    KH__REBUILD("adjustments", "\"subject\" TEXT, \"indicator\" TEXT, \"amount\" TEXT, \"reason\" TEXT")
    KH__REBUILD("results_units", "\"unit\" TEXT, \"category\" TEXT, \"base\" TEXT, \"bonus\" TEXT, \"penalty\" TEXT, \"composite\" TEXT, \"rank_category\" TEXT, \"rank_overall\" TEXT, \"grade\" TEXT, \"veto\" TEXT, \"flags\" TEXT")
    KH__REBUILD("results_nodes", "\"unit\" TEXT, \"node\" TEXT, \"value\" TEXT, \"score\" TEXT, \"weight_global\" TEXT")
    KH__REBUILD("results_cadres", "\"cadre\" TEXT, \"unit\" TEXT, \"position\" TEXT, \"team\" TEXT, \"duty\" TEXT, \"evaluation\" TEXT, \"penalty\" TEXT, \"score\" TEXT, \"grade\" TEXT, \"veto\" TEXT, \"flags\" TEXT")
    KH__REBUILD("results_surveys", "\"unit\" TEXT, \"n\" TEXT, \"mean\" TEXT, \"sd\" TEXT, \"ci_low\" TEXT, \"ci_high\" TEXT, \"rate\" TEXT, \"flags\" TEXT")
    KH__REBUILD("warnings", "\"unit\" TEXT, \"indicator\" TEXT, \"period\" TEXT, \"expected\" TEXT, \"actual\" TEXT, \"ratio\" TEXT, \"level\" TEXT")
    "CREATE TABLE indicator_weights_v3 (cycle_id BIGINT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,"
    " ord BIGINT NOT NULL, category TEXT NOT NULL, weight TEXT, PRIMARY KEY (cycle_id, ord, category))"
    " WITHOUT ROWID;\n"
    "INSERT INTO indicator_weights_v3 SELECT * FROM indicator_weights;\n"
    "DROP TABLE indicator_weights;\n"
    "ALTER TABLE indicator_weights_v3 RENAME TO indicator_weights;\n"
    "CREATE INDEX targets_key ON targets (cycle_id, unit, indicator);\n"
    "CREATE INDEX indicator_values_key ON indicator_values (cycle_id, unit, indicator, period);\n";

/* Version 3 on PostgreSQL: nothing to change (its tables are heaps with a
 * separate primary-key index either way); kept so both backends count the
 * same versions. */
const char kh__schema_v3_pg[] = "SELECT 1;\n";

/*
 * Version 4 (store-side authorization, issue 7), the same on both backends:
 * what a scoped user is bound to besides a unit — a reporter's department
 * (indicators.csv `department`: it reports the leaves of that department)
 * and a rater's rater code (raters.csv: it sees and enters only its own
 * ratings) — and the user's preferred language, which the web server
 * answers in.  Existing users keep "" (not bound; a reporter or rater
 * without a binding is confined to nothing until an admin sets one).
 */
const char kh__schema_v4[] =
    "ALTER TABLE users ADD COLUMN department TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE users ADD COLUMN rater TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT '';\n";

/*
 * Version 5: results_contributions.csv (each leaf's part of the composite,
 * src/core/contributions.c) is stored by compute like the other result
 * files, so export and `kaohe results` give what eval gives.  SQLite: a
 * WITHOUT ROWID table clustered on (cycle_id, ord), as version 3 made the
 * others; PostgreSQL: the same columns in a heap.
 */
#define KH__CONTRIB_COLS "\"unit\" TEXT, \"leaf\" TEXT, \"contribution\" TEXT"
const char kh__schema_v5_sqlite[] =
    "CREATE TABLE results_contributions (" KH__BUNDLE_ROW KH__CONTRIB_COLS
    ", PRIMARY KEY (cycle_id, ord)) WITHOUT ROWID;\n";
const char kh__schema_v5_pg[] =
    "CREATE TABLE results_contributions (" KH__BUNDLE_ROW KH__CONTRIB_COLS KH__PK ";\n";

/*
 * Version 6 (the web server, issue 8): sessions and API tokens, one table.
 * A row is a credential: the SHA-256 of a secret the client holds (the
 * secret itself is never stored), the user it acts for, its kind
 * ("session": a browser login with idle and absolute expiry; "api": a
 * token for scripts, absolute expiry only), and times as Unix seconds.
 * Deleting a user's rows signs it out everywhere.
 */
const char kh__schema_v6[] =
    "CREATE TABLE sessions (hash TEXT PRIMARY KEY, usr TEXT NOT NULL REFERENCES users(name),"
    " kind TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', created BIGINT NOT NULL,"
    " seen BIGINT NOT NULL, expires BIGINT NOT NULL);\n"
    "CREATE INDEX sessions_usr ON sessions (usr);\n";

/*
 * Version 7 (participation, issue 9): survey invitations.  A row is one
 * invitation: the SHA-256 of its 128-bit token (the token itself is only
 * ever printed), the cycle, unit and channel its answers count for, its
 * expiry (Unix seconds) and when it was used ("" = not yet).  Nothing links
 * an invitation to the response it produced: the answers are anonymous.
 */
const char kh__schema_v7[] =
    "CREATE TABLE invitations (hash TEXT PRIMARY KEY, cycle_id BIGINT NOT NULL REFERENCES cycles(id),"
    " unit TEXT NOT NULL, channel TEXT NOT NULL, created TEXT NOT NULL, expires BIGINT NOT NULL,"
    " used_at TEXT NOT NULL DEFAULT '');\n"
    "CREATE INDEX invitations_cycle ON invitations (cycle_id, unit);\n";

/*
 * Version 8 (participation, issue 9 item 2): 民主测评 ballots at a meeting.
 * ballots: one per meeting — the cycle, the unit whose team and cadres are
 * appraised, open or closed, and who created it when.  ballot_groups: the
 * rater groups present and how many slips each received (`issued`) and
 * returned (`submitted`, the counter that also numbers the anonymous
 * raters).  ballot_slips: one row per slip, keyed on the SHA-256 of its
 * 128-bit token, with its group and when it was used ("" = not yet).  No
 * column says who holds a slip, and nothing links a slip to the rater or
 * the ratings it produced.
 */
const char kh__schema_v8[] =
    "CREATE TABLE ballots (id BIGINT PRIMARY KEY, cycle_id BIGINT NOT NULL REFERENCES cycles(id),"
    " unit TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'open', created TEXT NOT NULL,"
    " created_by TEXT NOT NULL, closed_at TEXT NOT NULL DEFAULT '');\n"
    "CREATE INDEX ballots_cycle ON ballots (cycle_id);\n"
    "CREATE TABLE ballot_groups (ballot_id BIGINT NOT NULL REFERENCES ballots(id), ord BIGINT NOT NULL,"
    " \"group\" TEXT NOT NULL, issued BIGINT NOT NULL, submitted BIGINT NOT NULL DEFAULT 0,"
    " PRIMARY KEY (ballot_id, \"group\"));\n"
    "CREATE TABLE ballot_slips (hash TEXT PRIMARY KEY, ballot_id BIGINT NOT NULL REFERENCES ballots(id),"
    " \"group\" TEXT NOT NULL, used_at TEXT NOT NULL DEFAULT '');\n"
    "CREATE INDEX ballot_slips_ballot ON ballot_slips (ballot_id, \"group\");\n";

/*
 * Version 9 (feedback and improvement, SPEC §9.6; issue 10 item 3):
 * rectification items (整改事项).  rectify_items: one per problem the admin
 * records for a unit once a cycle is final — the cycle it comes from, the
 * unit, the text, optionally the leaf it concerns, who recorded it when,
 * open or closed, and who closed it when with what note.
 * rectify_answers: the unit's answer to an open item in a later cycle's
 * agreement — that cycle, the kind (`target`: a commitment in the plan;
 * `note`: an explanation) and the text.  A table of its own rather than
 * columns of the item: an item that stays open carries into every later
 * agreement and is answered in each, and the agreement already signed in
 * one cycle must keep printing the answer it was signed with.
 */
const char kh__schema_v9[] =
    "CREATE TABLE rectify_items (id BIGINT PRIMARY KEY, cycle_id BIGINT NOT NULL REFERENCES cycles(id),"
    " unit TEXT NOT NULL, \"text\" TEXT NOT NULL, leaf TEXT NOT NULL DEFAULT '',"
    " created_at TEXT NOT NULL, created_by TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'open',"
    " closed_at TEXT NOT NULL DEFAULT '', closed_by TEXT NOT NULL DEFAULT '',"
    " close_note TEXT NOT NULL DEFAULT '');\n"
    "CREATE INDEX rectify_items_unit ON rectify_items (unit, state);\n"
    "CREATE TABLE rectify_answers (item_id BIGINT NOT NULL REFERENCES rectify_items(id),"
    " cycle_id BIGINT NOT NULL REFERENCES cycles(id), kind TEXT NOT NULL, \"text\" TEXT NOT NULL,"
    " answered_at TEXT NOT NULL, answered_by TEXT NOT NULL, PRIMARY KEY (item_id, cycle_id));\n";

/*
 * Version 10 (participation, issue 9 item 3): rater forms with drafts and
 * one submission.  rating_drafts: what a rater user has entered but not
 * yet submitted, one row per (cycle, rater, ratee, item) with the time of
 * its last change; the engine never reads it, so compute, export and
 * progress see only what was submitted (the `ratings` table stays the
 * bundle's ratings.csv, unchanged).  rating_submissions: one row per
 * (cycle, rater, ratee) whose form is submitted and read-only; an admin's
 * reopen deletes the row (the audit trail keeps what it was).  The same
 * text on both backends: neither table is a bundle table, so SQLite's
 * WITHOUT ROWID clustering of version 3 is not needed for them.
 */
const char kh__schema_v10[] =
    "CREATE TABLE rating_drafts (cycle_id BIGINT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,"
    " rater TEXT NOT NULL, ratee TEXT NOT NULL, item TEXT NOT NULL, score TEXT NOT NULL,"
    " at TEXT NOT NULL, PRIMARY KEY (cycle_id, rater, ratee, item));\n"
    "CREATE TABLE rating_submissions (cycle_id BIGINT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,"
    " rater TEXT NOT NULL, ratee TEXT NOT NULL, submitted_at TEXT NOT NULL,"
    " PRIMARY KEY (cycle_id, rater, ratee));\n";

/*
 * Version 11 (publicity and appeals, issue 9 item 4).
 *
 * appeal_attachments: the files a unit attached when filing an appeal,
 * numbered n = 1, 2, … within the appeal, with the name the user gave
 * (display only: never a path), the type decided from the file's first
 * bytes (store-attachment.c), its size, its SHA-256 (hex) and the bytes
 * themselves — in the database, so a backup or pg_dump carries them and
 * the filing with its files is one transaction.  BLOB on SQLite, bytea on
 * PostgreSQL: the only per-backend difference, hence two texts.
 *
 * publicity_settings: what the office chose to publish for a cycle (公示,
 * store-publicity.c) — which parts the public page shows (1/0), the
 * publication period as dates (YYYY-MM-DD; "" = the default: 7 days, or
 * cycle.csv's publicity_days, from entering publicity), the contact and the
 * text on how to appeal ("" = the standard sentence).  No row = the
 * defaults, so cycles imported before this version publish what they did.
 */
#define KH__SCHEMA_V11(BYTES)                                                                    \
    "CREATE TABLE appeal_attachments (appeal_id BIGINT NOT NULL REFERENCES appeals(id),"          \
    " n BIGINT NOT NULL, name TEXT NOT NULL, mime TEXT NOT NULL, size BIGINT NOT NULL,"           \
    " sha256 TEXT NOT NULL, bytes " BYTES " NOT NULL, PRIMARY KEY (appeal_id, n));\n"             \
    "CREATE TABLE publicity_settings (cycle_id BIGINT PRIMARY KEY REFERENCES cycles(id)"         \
    " ON DELETE CASCADE, show_ranking BIGINT NOT NULL DEFAULT 1, show_composite BIGINT NOT NULL"  \
    " DEFAULT 1, show_dimensions BIGINT NOT NULL DEFAULT 1, start_date TEXT NOT NULL DEFAULT '',"  \
    " end_date TEXT NOT NULL DEFAULT '', contact TEXT NOT NULL DEFAULT '',"                       \
    " howto TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);\n"
const char kh__schema_v11_sqlite[] = KH__SCHEMA_V11("BLOB");
const char kh__schema_v11_pg[] = KH__SCHEMA_V11("BYTEA");

/*
 * Version 12 (the feedback report, issue 10): results_strengths.csv (each
 * unit's strengths and weaknesses against its township type's mean,
 * src/core/strengths.c) is stored by compute like results_contributions.csv,
 * so export and `kaohe results` give what eval gives.  Laid out as version 5.
 */
#define KH__STRENGTH_COLS "\"unit\" TEXT, \"kind\" TEXT, \"rank\" TEXT, \"leaf\" TEXT, \"gap\" TEXT, " \
                          "\"score\" TEXT, \"type_mean\" TEXT, \"weight_global\" TEXT"
const char kh__schema_v12_sqlite[] =
    "CREATE TABLE results_strengths (" KH__BUNDLE_ROW KH__STRENGTH_COLS
    ", PRIMARY KEY (cycle_id, ord)) WITHOUT ROWID;\n";
const char kh__schema_v12_pg[] =
    "CREATE TABLE results_strengths (" KH__BUNDLE_ROW KH__STRENGTH_COLS KH__PK ";\n";

/*
 * Version 13 (issue 7, item 6): the seal of every stored file (store-seal.c),
 * kept up to date with each change kaohe makes, so `audit verify` finds a
 * change made behind its back.  Existing files are sealed by
 * kh__seal_all right after this script (store.c, KH__SEAL_VERSION): what
 * the database holds on the day of the upgrade is taken as kaohe's.
 */
const char kh__schema_v13[] = "ALTER TABLE cycle_files ADD COLUMN seal TEXT NOT NULL DEFAULT '';\n";
