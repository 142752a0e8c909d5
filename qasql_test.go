package main

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
)

// testDriver: whichever SQLite driver the server is built with (PocketBase's default registers "sqlite";
// a cgo build may register "sqlite3"). qasql.go uses database/sql only.
func testDriver(t *testing.T) string {
	for _, name := range []string{"sqlite", "sqlite3"} {
		if slices.Contains(sql.Drivers(), name) {
			return name
		}
	}
	t.Skip("no SQLite driver registered")
	return ""
}

// openTestDBs opens a read pool and a one-connection writer on one file, as PocketBase does.
func openTestDBs(t *testing.T) (reader, writer *dbx.DB) {
	t.Helper()
	driver, path := testDriver(t), filepath.Join(t.TempDir(), "data.db")
	var err error
	if reader, err = dbx.Open(driver, path); err != nil {
		t.Fatal(err)
	}
	if writer, err = dbx.Open(driver, path); err != nil {
		t.Fatal(err)
	}
	if _, err := writer.NewQuery("PRAGMA journal_mode = WAL").Execute(); err != nil {
		t.Fatal(err)
	}
	writer.DB().SetMaxOpenConns(1)
	t.Cleanup(func() { reader.Close(); writer.Close() })
	if _, err := writer.NewQuery(`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, ok BOOLEAN, note TEXT, data JSON)`).Execute(); err != nil {
		t.Fatal(err)
	}
	return reader, writer
}

func TestPreparedRowsComeBackAsJSON(t *testing.T) {
	reader, writer := openTestDBs(t)
	p := newPreparedSQLOn(func() *dbx.DB { return writer }, func() *dbx.DB { return reader })
	n, err := p.exec(writer, `INSERT INTO t (id, n, ok, note, data) VALUES ({:id}, {:n}, {:ok}, {:note}, {:data})`,
		map[string]any{"id": "a", "n": int64(3), "ok": true, "note": "引号\"和\n换行", "data": `{"x":[1,2]}`})
	if err != nil || n != 1 {
		t.Fatalf("insert: %d %v", n, err)
	}
	text, err := p.rows(reader, `SELECT id, n, ok, note, data, NULL AS absent FROM t WHERE id = {:id} OR note = {:id}`, map[string]any{"id": "a"})
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(text), &rows); err != nil {
		t.Fatalf("not JSON: %s (%v)", text, err)
	}
	if len(rows) != 1 || rows[0]["id"] != "a" || rows[0]["n"] != float64(3) || rows[0]["note"] != "引号\"和\n换行" ||
		rows[0]["data"] != `{"x":[1,2]}` || rows[0]["absent"] != nil {
		t.Fatalf("unexpected rows: %s", text)
	}
	if ok := rows[0]["ok"]; ok != float64(1) && ok != true {
		t.Fatalf("a boolean must come back as 1 or true, got %v", ok)
	}
	empty, err := p.rows(reader, `SELECT id FROM t WHERE id = {:id}`, map[string]any{"id": "none"})
	if err != nil || empty != "[]" {
		t.Fatalf("no rows must be [], got %q %v", empty, err)
	}
	if _, err := p.rows(reader, `SELECT id FROM t WHERE id = {:id}`, map[string]any{}); err == nil || !strings.Contains(err.Error(), "{:id}") {
		t.Fatalf("a missing parameter must be an error naming it, got %v", err)
	}
	if _, err := p.exec(writer, `INSERT INTO t (id) VALUES ({:id})`, map[string]any{"id": "a"}); err == nil {
		t.Fatal("a duplicate key must be an error (the quiz start relies on it)")
	}
}

// In a transaction the writer's only connection is taken: the first use must not wait for it (it would wait
// forever), and later transactions must use the prepared statement.
func TestPreparedStatementsInTransactions(t *testing.T) {
	reader, writer := openTestDBs(t)
	p := newPreparedSQLOn(func() *dbx.DB { return writer }, func() *dbx.DB { return reader })
	const insert = `INSERT INTO t (id, n) VALUES ({:id}, {:n})`
	for i, id := range []string{"a", "b", "c"} {
		done := make(chan error, 1)
		go func() {
			done <- writer.Transactional(func(tx *dbx.Tx) error {
				if sqlTxOf(tx) == nil {
					t.Error("the *sql.Tx inside dbx.Tx must be found (dbx changed?)")
				}
				_, err := p.exec(tx, insert, map[string]any{"id": id, "n": int64(i)})
				return err
			})
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("a statement in a transaction waited for the writer's connection")
		}
		if i == 0 { // wait for the background preparation
			for deadline := time.Now().Add(5 * time.Second); p.cachedStmt(writer, p.convert(insert).sql) == nil; {
				if time.Now().After(deadline) {
					t.Fatal("the statement was never prepared for later transactions")
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
	}
	var count int
	if err := writer.NewQuery(`SELECT COUNT(*) FROM t`).Row(&count); err != nil || count != 3 {
		t.Fatalf("3 rows expected, got %d %v", count, err)
	}
	// a rolled-back transaction leaves nothing
	_ = writer.Transactional(func(tx *dbx.Tx) error {
		if _, err := p.exec(tx, insert, map[string]any{"id": "d", "n": int64(9)}); err != nil {
			t.Fatal(err)
		}
		return errTestRollback
	})
	if err := writer.NewQuery(`SELECT COUNT(*) FROM t`).Row(&count); err != nil || count != 3 {
		t.Fatalf("the rolled-back row must not stay: %d %v", count, err)
	}
}

var errTestRollback = errorString("rollback")

type errorString string

func (e errorString) Error() string { return string(e) }

func TestPlaceholdersBindByName(t *testing.T) {
	p := newPreparedSQLOn(func() *dbx.DB { return nil }, func() *dbx.DB { return nil })
	c := p.convert(`SELECT * FROM t WHERE a = {:x} AND b = {:y} OR c = {:x}`)
	if c.sql != `SELECT * FROM t WHERE a = ?1 AND b = ?2 OR c = ?1` || len(c.names) != 2 {
		t.Fatalf("unexpected conversion: %q %v", c.sql, c.names)
	}
}
