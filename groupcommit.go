package main

// Group commit for the quiz routes' writes (docs/quiz-load.md), as the JS global __qaGroupCommit:
//
//	__qaGroupCommit(fn) → fn's result, once the transaction that ran fn(tx) has committed
//
// SQLite has one writer. In a quiz burst every start (one INSERT) and every completing submit (the grade, the
// completion, its certificate code and the statistics) used to be a transaction of its own, each paying BEGIN,
// COMMIT and the WAL write of every page it touched (the same statistics pages, thousands of times over), with
// the requests queued on the writer's connection. Here one goroutine takes the writer and runs whatever jobs
// have queued up meanwhile in ONE transaction, each job inside a savepoint of its own:
//
//   - a job is the route's own JS function (the rules stay in TypeScript), called with the transaction's app,
//     in the VM of the request that queued it (that request waits inside __qaGroupCommit, so its VM is idle;
//     the channels order the two goroutines' use of it);
//   - a job that throws is rolled back to its savepoint and its request gets that error, as if its own
//     transaction had failed; the other jobs go on;
//   - every request is answered only after the COMMIT; if the commit (or anything outside the jobs) fails,
//     every job of the batch gets the error (the routes answer 500) and nothing of the batch is saved.
//
// A job must write with plain SQL on the transaction (src/server/sql.ts), never through app.save(): PocketBase
// would run a saved record's after-commit hooks even if that job's savepoint was rolled back. And it must not
// use the app outside the transaction (the writer is held: it would wait for ever).

import (
	"errors"
	"fmt"
	"log"
	"log/slog"
	"runtime"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/dop251/goja"
	"github.com/pocketbase/pocketbase/core"
)

const (
	// groupMaxBatch bounds a batch (and how long the writer is held by one transaction).
	groupMaxBatch = 64
	// groupQueue: jobs that may wait before __qaGroupCommit blocks on the queue itself.
	groupQueue = 1024
)

// groupJob is one request's write.
type groupJob struct {
	run  func(tx groupTx) error
	done chan error // buffered: the committer never waits for the request
}

// groupStore is the database: one transaction per batch, savepoints per job.
type groupStore interface {
	Tx(fn func(tx groupTx) error) error
}

type groupTx interface {
	App() core.App
	Exec(sql string) error
}

type groupCommitter struct {
	in     chan *groupJob
	store  groupStore
	logger func() *slog.Logger
	// batches and jobs counted, the time the writer was held for them and the CPU the committer used meanwhile,
	// for the log line at shutdown and the tests: busy time per job bounds the writes a second; CPU time per job
	// is what it would be on a core of its own
	batches, jobs, busyNs, cpuNs atomic.Int64
}

func newGroupCommitter(store groupStore, logger func() *slog.Logger) *groupCommitter {
	return &groupCommitter{in: make(chan *groupJob, groupQueue), store: store, logger: logger}
}

// run is the committer goroutine: each batch is the first job and whatever queued up while the previous batch
// ran (no waiting: under load jobs pile up during a commit; alone, a job goes straight through).
func (g *groupCommitter) run() {
	runtime.LockOSThread() // one thread, so that its CPU time is the committer's (threadCPU)
	batch := make([]*groupJob, 0, groupMaxBatch)
	for job := range g.in {
		batch = append(batch[:0], job)
	drain:
		for len(batch) < groupMaxBatch {
			select {
			case j := <-g.in:
				batch = append(batch, j)
			default:
				break drain
			}
		}
		g.process(batch)
		clear(batch)
	}
}

// process runs one batch and answers every job exactly once.
func (g *groupCommitter) process(batch []*groupJob) {
	results := make([]error, len(batch))
	began, cpuBefore := time.Now(), threadCPU()
	err := g.store.Tx(func(tx groupTx) error {
		for i, job := range batch {
			if err := tx.Exec("SAVEPOINT qa_group_job"); err != nil {
				return err
			}
			results[i] = runJob(job, tx)
			if results[i] != nil {
				if err := tx.Exec("ROLLBACK TO qa_group_job"); err != nil {
					return err
				}
			}
			if err := tx.Exec("RELEASE qa_group_job"); err != nil {
				return err
			}
		}
		return nil
	})
	g.busyNs.Add(int64(time.Since(began)))
	g.cpuNs.Add(int64(threadCPU() - cpuBefore))
	g.batches.Add(1)
	g.jobs.Add(int64(len(batch)))
	if err != nil && g.logger != nil {
		g.logger().Error("qa group commit failed", "jobs", len(batch), "error", err.Error())
	}
	for i, job := range batch {
		if err != nil {
			job.done <- err
		} else {
			job.done <- results[i]
		}
	}
}

// runJob runs a job; a panic (in goja or the driver) fails that job only.
func runJob(job *groupJob, tx groupTx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("group commit job panicked: %v", p)
		}
	}()
	return job.run(tx)
}

// commit queues run and waits until its batch has committed (or failed). It always waits once the job is
// queued: the job may be running in the caller's VM.
func (g *groupCommitter) commit(run func(tx groupTx) error) error {
	job := &groupJob{run: run, done: make(chan error, 1)}
	g.in <- job
	return <-job.done
}

// bind sets __qaGroupCommit in a VM.
func (g *groupCommitter) bind(vm *goja.Runtime) {
	_ = vm.Set("__qaGroupCommit", func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("__qaGroupCommit: a function is required"))
		}
		var result goja.Value
		err := g.commit(func(tx groupTx) error {
			v, err := fn(goja.Undefined(), vm.ToValue(tx.App()))
			result = v
			return err
		})
		if err != nil {
			var thrown *goja.Exception
			if errors.As(err, &thrown) {
				panic(thrown.Value()) // the JS error as thrown, e.g. a QaError with its status
			}
			panic(vm.NewGoError(err))
		}
		if result == nil {
			return goja.Undefined()
		}
		return result
	})
}

// pbGroupStore is groupStore on PocketBase's database. A batch takes the writer in its turn, as a route's
// transaction does (writerturn.go: behind the video-progress batcher, in arrival order with the routes).
type pbGroupStore struct {
	app    core.App
	writer *writerTurn
	// prepared runs the savepoint statements as statements prepared once (qasql.go): through dbx each was parsed
	// again, two per job while the writer is held
	prepared *preparedSQL
}

func (s pbGroupStore) Tx(fn func(tx groupTx) error) error {
	if s.writer != nil {
		defer s.writer.leave(s.writer.enter(false))
	}
	return s.app.RunInTransaction(func(tx core.App) error { return fn(pbGroupTx{tx, s.prepared}) })
}

type pbGroupTx struct {
	app      core.App
	prepared *preparedSQL
}

func (t pbGroupTx) App() core.App { return t.app }
func (t pbGroupTx) Exec(sql string) error {
	if t.prepared == nil {
		_, err := t.app.DB().NewQuery(sql).Execute()
		return err
	}
	_, err := t.prepared.exec(t.app.DB(), sql, nil)
	return err
}

// summary says how many jobs shared a commit (logged when the server stops).
func (g *groupCommitter) summary() string {
	batches, jobs := g.batches.Load(), g.jobs.Load()
	if batches == 0 {
		return "no group commits"
	}
	return fmt.Sprintf("%d writes in %d transactions (%.1f per commit); the writer held %.2f ms per write, of which %.2f ms of CPU",
		jobs, batches, float64(jobs)/float64(batches), float64(g.busyNs.Load())/1e6/float64(jobs), float64(g.cpuNs.Load())/1e6/float64(jobs))
}

// threadCPU is the calling thread's CPU time (0 where the platform does not say).
func threadCPU() time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &usage); err != nil {
		return 0
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

const rusageThread = 1 // RUSAGE_THREAD on Linux

// registerGroupCommit starts the committer and binds it into every VM (from jsvm's OnInit).
func registerGroupCommit(app core.App, writer *writerTurn, prepared *preparedSQL) *groupCommitter {
	g := newGroupCommitter(pbGroupStore{app, writer, prepared}, app.Logger)
	go g.run() // for the process's life: jobs come only from routes, once the app is serving
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		if g.batches.Load() > 0 {
			app.Logger().Info("qa group commit", "summary", g.summary())
			log.Printf("group commit: %s", g.summary())
		}
		return e.Next()
	})
	return g
}
