package main

import (
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// sqliteGroupStore is groupStore on a plain SQLite database; release, when set, holds each transaction open
// after its jobs ran (before its commit) until a value arrives; failCommit makes the transaction fail then.
type sqliteGroupStore struct {
	db         *dbx.DB
	release    chan struct{}
	failCommit bool
}

type sqliteGroupTx struct{ tx *dbx.Tx }

func (t sqliteGroupTx) App() core.App { return nil }
func (t sqliteGroupTx) Exec(sql string) error {
	_, err := t.tx.NewQuery(sql).Execute()
	return err
}

func (s *sqliteGroupStore) Tx(fn func(tx groupTx) error) error {
	return s.db.Transactional(func(tx *dbx.Tx) error {
		if err := fn(sqliteGroupTx{tx}); err != nil {
			return err
		}
		if s.release != nil {
			<-s.release
		}
		if s.failCommit {
			return errors.New("disk full")
		}
		return nil
	})
}

func groupTestDB(t *testing.T) *dbx.DB {
	t.Helper()
	db, err := nativeSQLiteConnect(filepath.Join(t.TempDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.NewQuery("PRAGMA journal_mode = WAL").Execute(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewQuery("CREATE TABLE t (k TEXT PRIMARY KEY)").Execute(); err != nil {
		t.Fatal(err)
	}
	return db
}

func insertJob(k string) func(tx groupTx) error {
	return func(tx groupTx) error { return tx.Exec("INSERT INTO t (k) VALUES ('" + k + "')") }
}

func storedKeys(t *testing.T, db *dbx.DB) []string {
	t.Helper()
	var keys []string
	if err := db.NewQuery("SELECT k FROM t ORDER BY k").Column(&keys); err != nil {
		t.Fatal(err)
	}
	return keys
}

// commitAll queues the jobs as one batch (the committer is not running yet), in the order given, and returns
// their answers, in order.
func commitAll(g *groupCommitter, jobs ...func(tx groupTx) error) []error {
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, job := range jobs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = g.commit(job) }()
		for len(g.in) < i+1 { // queued before the next one starts: the order is the test's, not the scheduler's
			time.Sleep(time.Millisecond)
		}
	}
	go g.run()
	wg.Wait()
	return errs
}

func TestGroupCommitSharesOneTransactionAndIsolatesAFailingJob(t *testing.T) {
	db := groupTestDB(t)
	g := newGroupCommitter(&sqliteGroupStore{db: db}, nil)
	errs := commitAll(g, insertJob("a"), func(tx groupTx) error {
		if err := tx.Exec("INSERT INTO t (k) VALUES ('half')"); err != nil {
			return err
		}
		return errors.New("refused") // after a write: the write must be undone
	}, insertJob("a"), insertJob("b"), func(tx groupTx) error { panic("bug") })
	if errs[0] != nil || errs[3] != nil {
		t.Fatalf("good jobs failed: %v", errs)
	}
	if errs[1] == nil || errs[1].Error() != "refused" {
		t.Fatalf("the failing job's own error, got %v", errs[1])
	}
	if errs[2] == nil {
		t.Fatal("a duplicate key must fail its job")
	}
	if errs[4] == nil {
		t.Fatal("a panicking job must fail")
	}
	if got := storedKeys(t, db); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Fatalf("stored %v, want [a b]", got)
	}
	if g.batches.Load() != 1 || g.jobs.Load() != 5 {
		t.Fatalf("%d jobs in %d transactions, want 5 in 1", g.jobs.Load(), g.batches.Load())
	}
}

func TestGroupCommitAnswersOnlyAfterTheCommit(t *testing.T) {
	db := groupTestDB(t)
	store := &sqliteGroupStore{db: db, release: make(chan struct{})}
	g := newGroupCommitter(store, nil)
	go g.run()
	answered := make(chan error, 1)
	go func() { answered <- g.commit(insertJob("a")) }()
	time.Sleep(50 * time.Millisecond) // the job has run; the transaction waits before its commit
	select {
	case err := <-answered:
		t.Fatalf("answered before the commit: %v", err)
	default:
	}
	if got := storedKeys(t, db); len(got) != 0 {
		t.Fatalf("visible before the commit: %v", got)
	}
	store.release <- struct{}{}
	if err := <-answered; err != nil {
		t.Fatal(err)
	}
	if got := storedKeys(t, db); len(got) != 1 {
		t.Fatalf("after the commit: %v", got)
	}
}

func TestGroupCommitFailedCommitFailsEveryJobAndSavesNothing(t *testing.T) {
	db := groupTestDB(t)
	g := newGroupCommitter(&sqliteGroupStore{db: db, failCommit: true}, nil)
	errs := commitAll(g, insertJob("a"), insertJob("b"), func(tx groupTx) error { return errors.New("refused") })
	for i, err := range errs {
		if err == nil || err.Error() != "disk full" {
			t.Fatalf("job %d: %v, want the commit's error", i, err)
		}
	}
	if got := storedKeys(t, db); len(got) != 0 {
		t.Fatalf("stored %v after a failed commit", got)
	}
}
