package main

import (
	"context"
	"path/filepath"
	"testing"
)

// While serving, new connections to data.db leave checkpoints to the background goroutine up to the safety net;
// other databases (auxiliary.db) and the maintenance commands keep SQLite's default.
func TestWalAutocheckpointOnlyForTheDataDatabaseWhileServing(t *testing.T) {
	autocheckpoint := func(file string) int {
		t.Helper()
		db, err := nativeSQLiteConnect(filepath.Join(t.TempDir(), file))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var pages int
		if err := db.DB().QueryRowContext(context.Background(), "PRAGMA wal_autocheckpoint").Scan(&pages); err != nil {
			t.Fatal(err)
		}
		return pages
	}
	if got := autocheckpoint("data.db"); got != 1000 {
		t.Fatalf("not serving: data.db wal_autocheckpoint = %d, want SQLite's 1000", got)
	}
	walAutocheckpoint.Store(walAutocheckpointServe)
	defer walAutocheckpoint.Store(0)
	if got := autocheckpoint("data.db"); got != walAutocheckpointServe {
		t.Fatalf("serving: data.db wal_autocheckpoint = %d, want %d", got, walAutocheckpointServe)
	}
	if got := autocheckpoint("auxiliary.db"); got != 1000 {
		t.Fatalf("serving: auxiliary.db wal_autocheckpoint = %d, want SQLite's 1000", got)
	}
}
