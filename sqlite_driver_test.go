package main

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/core/validators"
)

func openNative(t *testing.T) *dbx.DB {
	t.Helper()
	db, err := nativeSQLiteConnect(filepath.Join(t.TempDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Every connection of the pool gets PocketBase's settings, not only the first one.
func TestNativeSQLiteSetsPocketBasePragmasOnEveryConnection(t *testing.T) {
	db := openNative(t)
	want := map[string]string{
		"busy_timeout":       "10000",
		"journal_mode":       "wal",
		"journal_size_limit": "200000000",
		"synchronous":        "1", // NORMAL
		"foreign_keys":       "1",
		"temp_store":         "2", // MEMORY
		"cache_size":         "-32000",
	}
	ctx := context.Background()
	for i := 0; i < 3; i++ { // three connections held at once: three different sqlite3 handles
		conn, err := db.DB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		for name, value := range want {
			var got string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+name).Scan(&got); err != nil {
				t.Fatal(name, err)
			}
			if got != value {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, name, got, value)
			}
		}
	}
}

// The SQL the platform's routes and PocketBase's filters use: JSON1, date functions, ASCII-only LIKE folding.
func TestNativeSQLiteHasTheFunctionsTheRoutesUse(t *testing.T) {
	db := openNative(t)
	checks := map[string]string{
		`SELECT group_concat(value, ',') FROM json_each('["a","b"]')`:                        "a,b",
		`SELECT json_object('n', 1)`:                                                         `{"n":1}`,
		`SELECT json_extract('{"a":{"b":2}}', '$.a.b')`:                                      "2",
		`SELECT '{"a":[1,2]}' ->> '$.a[1]'`:                                                  "2",
		`SELECT json_group_array(x) FROM (SELECT 1 AS x UNION ALL SELECT 2)`:                 "[1,2]",
		`SELECT strftime('%Y-%m', '2026-03-01 08:00:00.000Z', '+8 hours')`:                   "2026-03",
		`SELECT unixepoch('2026-01-01 00:00:00')`:                                            "1767225600",
		`SELECT ('QMS' LIKE 'qms') || ('质量' LIKE '质量') || ('É' LIKE 'é')`:                    "110",
		`SELECT sqlite_version() >= '3.45'`:                                                  "1",
		`SELECT count(*) FROM pragma_compile_options WHERE compile_options = 'THREADSAFE=1'`: "1",
	}
	for sql, want := range checks {
		var got string
		if err := db.NewQuery(sql).Row(&got); err != nil {
			t.Errorf("%s: %v", sql, err)
			continue
		}
		if got != want {
			t.Errorf("%s = %q, want %q", sql, got, want)
		}
	}
}

// PocketBase reads driver errors by their text: a duplicate becomes a field error (validators.
// NormalizeUniqueIndexError), a busy database is retried (core/db_retry.go looks for "database is locked").
func TestNativeSQLiteErrorsReadAsPocketBaseExpects(t *testing.T) {
	db := openNative(t)
	if _, err := db.NewQuery(`CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT UNIQUE)`).Execute(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewQuery(`INSERT INTO users VALUES ('a', 'x@example.com')`).Execute(); err != nil {
		t.Fatal(err)
	}
	_, err := db.NewQuery(`INSERT INTO users VALUES ('b', 'x@example.com')`).Execute()
	var fieldErrs validation.Errors
	if !errors.As(validators.NormalizeUniqueIndexError(err, "users", []string{"email"}), &fieldErrs) || fieldErrs["email"] == nil {
		t.Fatalf("duplicate email: %v does not become a field error", err)
	}

	ctx := context.Background()
	writer, err := db.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	other, err := db.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := writer.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer writer.ExecContext(ctx, "ROLLBACK")
	if _, err := other.ExecContext(ctx, "PRAGMA busy_timeout = 20"); err != nil { // the test need not wait 10 s
		t.Fatal(err)
	}
	_, err = other.ExecContext(ctx, `INSERT INTO users VALUES ('c', 'y@example.com')`)
	if err == nil || !strings.Contains(err.Error(), "database is locked") {
		t.Fatalf("second writer: got %v, want an error containing \"database is locked\"", err)
	}
}

// PocketBase itself (system migrations, both databases) runs on the native driver.
func TestPocketBaseBootstrapsOnNativeSQLite(t *testing.T) {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: t.TempDir(), DBConnect: nativeSQLiteConnect})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer app.ResetBootstrapState()
	for name, db := range map[string]dbx.Builder{"data": app.NonconcurrentDB(), "auxiliary": app.AuxNonconcurrentDB()} {
		var mode string
		if err := db.NewQuery("PRAGMA journal_mode").Row(&mode); err != nil || mode != "wal" {
			t.Errorf("%s.db: journal_mode %q (%v), want wal", name, mode, err)
		}
		if _, ok := db.(*dbx.DB); ok && db.(*dbx.DB).DriverName() != nativeSQLiteDriver {
			t.Errorf("%s.db: driver %s, want %s", name, db.(*dbx.DB).DriverName(), nativeSQLiteDriver)
		}
	}
	users, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false} {
		record := core.NewRecord(users)
		record.SetEmail("admin@example.com")
		record.SetPassword("1234567890")
		err := app.Save(record)
		if (err == nil) != want {
			t.Fatalf("save %d: err %v", i, err)
		}
		if !want && !strings.Contains(err.Error(), "email") {
			t.Errorf("duplicate superuser: %v, want a field error on email", err)
		}
	}
}

// The binary's SQLite is compiled with SQLITE_ENABLE_QPSG (scripts/lib/pocketbase.ts): without it, every query
// with a `column = ?` term was compiled again on each run, because go-sqlite3 clears the bindings before binding
// and SQLite then discards a plan that could depend on the bound value (docs/performance.md). And with
// SQLITE_DEFAULT_MEMSTATUS=0: no global mutex around each of SQLite's allocations (docs/quiz-load.md).
func TestNativeSQLiteHasStablePlans(t *testing.T) {
	db := openNative(t)
	var options []string
	if err := db.NewQuery("PRAGMA compile_options").Column(&options); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ENABLE_QPSG", "DEFAULT_MEMSTATUS=0"} {
		if !slices.Contains(options, want) {
			t.Errorf("SQLite compiled without %s (build with scripts/lib/pocketbase.ts's GO_BUILD_ENV); options: %v", want, options)
		}
	}
}
