package main

// Checkpoints of the data database's write-ahead log, off the single writer's path (docs/api-load.md).
//
// SQLite copies the WAL back into the database file (a "checkpoint") by itself when a commit leaves the WAL
// longer than wal_autocheckpoint pages (1,000 by default): inside that commit, while the one write connection
// is held, with the two fsyncs synchronous=NORMAL asks of a checkpoint. On a training day the writer appends
// thousands of pages a second (video reports in batches, completions with their counters), so several
// checkpoints a second ran inside commits, and a quiz submit's commit took 1.2 ms on average in the profile of
// `npm run bench:api`. While serving, a goroutine runs a PASSIVE checkpoint on a reading connection every
// walCheckpointEvery instead: it does not take the write lock, so commits go on meanwhile, and it copies each
// page once however often it was rewritten since the last one. The writer's own automatic checkpoint moves to
// walAutocheckpointServe pages, a safety net for when the goroutine falls behind (a long export holding an old
// snapshot). The maintenance commands (migrate, stats-rebuild) keep SQLite's default.

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/pocketbase/pocketbase/core"
)

const (
	walCheckpointEvery     = 250 * time.Millisecond
	walAutocheckpointServe = 20_000 // pages of 4 KB: 80 MB
)

// walAutocheckpoint is the wal_autocheckpoint given to every new connection to data.db (0: SQLite's default).
var walAutocheckpoint atomic.Int64

// setWalAutocheckpoint applies walAutocheckpoint to a new connection (sqlite_driver.go's ConnectHook).
func setWalAutocheckpoint(conn *sqlite3.SQLiteConn) error {
	pages := walAutocheckpoint.Load()
	if pages <= 0 || !strings.HasSuffix(conn.GetFilename("main"), "data.db") {
		return nil
	}
	_, err := conn.Exec(fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", pages), nil)
	return err
}

// startWalCheckpoints runs the checkpoints while the server runs (serve only; QA_WAL_CHECKPOINTS=0 leaves
// them to SQLite, for comparisons).
func startWalCheckpoints(app core.App, serving bool) {
	if !serving || os.Getenv("QA_WAL_CHECKPOINTS") == "0" {
		return
	}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		walAutocheckpoint.Store(walAutocheckpointServe)
		// the write connection is open already: it gets the setting now, later ones in the ConnectHook
		if _, err := app.NonconcurrentDB().NewQuery(fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", walAutocheckpointServe)).Execute(); err != nil {
			app.Logger().Warn("wal checkpoints: the writer keeps its own", "error", err.Error())
		}
		ctx, stop := context.WithCancel(context.Background())
		app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
			stop()
			return e.Next()
		})
		go checkpointLoop(ctx, app)
		return se.Next()
	})
}

func checkpointLoop(ctx context.Context, app core.App) {
	tick := time.NewTicker(walCheckpointEvery)
	defer tick.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		var busy, frames, copied int
		err := app.ConcurrentDB().NewQuery("PRAGMA wal_checkpoint(PASSIVE)").Row(&busy, &frames, &copied)
		switch {
		case err != nil && !failing: // logged once per run of failures
			failing = true
			app.Logger().Warn("wal checkpoint failed; the writer's automatic checkpoint still runs", "error", err.Error())
		case err == nil && failing:
			failing = false
			app.Logger().Info("wal checkpoints run again")
		}
	}
}
