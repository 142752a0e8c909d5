package main

// PocketBase on the native SQLite library (github.com/mattn/go-sqlite3, cgo) instead of its default pure-Go
// modernc.org/sqlite: the same SQL takes about 2.4 times less CPU (docs/performance.md, "Native SQLite").
// This is PocketBase's documented way to swap the driver (pocketbase.Config.DBConnect); it needs a C compiler
// at build time (CGO_ENABLED=1, gcc) and makes bin/pocketbase link dynamically against glibc (docs/deployment.md).

import (
	"database/sql"

	"github.com/mattn/go-sqlite3"
	"github.com/pocketbase/dbx"
)

// nativeSQLiteDriver is the name the driver is registered under; dbx builds its queries for it as for "sqlite3".
const nativeSQLiteDriver = "pb_sqlite3"

// nativeSQLitePragmas are PocketBase's own connection settings (core.DefaultDBConnect in v0.39.11, the modernc
// DSN "_pragma=" list), in the same order and with the same values, for the data and the auxiliary database.
// sqlite_driver_test.go reads them back from a live connection.
var nativeSQLitePragmas = []string{
	// busy_timeout first: a connection must wait on a locked database before it asks for WAL mode, which another
	// connection may be switching at that moment. The DSN's _busy_timeout already sets it when the connection
	// opens (go-sqlite3 runs it before any other statement); repeated here so the list is PocketBase's whole list.
	"PRAGMA busy_timeout = 10000",
	"PRAGMA journal_mode = WAL",
	"PRAGMA journal_size_limit = 200000000",
	"PRAGMA synchronous = NORMAL",
	"PRAGMA foreign_keys = ON",
	"PRAGMA temp_store = MEMORY",
	"PRAGMA cache_size = -32000",
}

func init() {
	sql.Register(nativeSQLiteDriver, &sqlite3.SQLiteDriver{
		ConnectHook: func(conn *sqlite3.SQLiteConn) error {
			for _, pragma := range nativeSQLitePragmas {
				if _, err := conn.Exec(pragma, nil); err != nil {
					return err
				}
			}
			return setWalAutocheckpoint(conn) // while serving (walcheckpoint.go)
		},
	})
	dbx.BuilderFuncMap[nativeSQLiteDriver] = dbx.BuilderFuncMap["sqlite3"]
}

// nativeSQLiteConnect is pocketbase.Config.DBConnect: PocketBase calls it for data.db and auxiliary.db, once for
// its concurrent (read) pool and once for its single-writer pool each.
func nativeSQLiteConnect(dbPath string) (*dbx.DB, error) {
	// _busy_timeout makes go-sqlite3 set the timeout first thing (its own default would be 5000 ms until the
	// hook runs). Without a "file:" prefix go-sqlite3 cuts the "?..." off and opens dbPath as a plain file name,
	// as modernc does. Transactions stay deferred BEGIN, as with modernc.
	// _stmt_cache_size keeps each connection's last 32 prepared statements (go-sqlite3's own cache, by SQL text):
	// the batched video-progress write runs the same two statements many times a second, and preparing them
	// again each time cost as much as running them (docs/api-load.md). A cached statement is reset before it is
	// kept, so it holds no read snapshot; SQLite re-prepares it by itself after a schema change.
	return dbx.Open(nativeSQLiteDriver, dbPath+"?_busy_timeout=10000&_stmt_cache_size=32")
}
