package main

// The order in which transactions get SQLite's single writer (docs/api-load.md).
//
// PocketBase runs every write transaction on one connection; when it is busy, Go's connection pool hands it to
// a waiting request in no particular order. Under a quiz burst next to a training day's video reports, nine
// routes could be waiting, and the video-progress batcher (one transaction for hundreds of reports, each
// waiting for its answer) waited behind most of them: 300-600 ms of every second in `npm run bench:api`, which
// was the whole tail of the video reports. This turnstile is passed before a transaction asks for the
// connection: the platform's routes (inTransaction in src/server/http.ts) in arrival order, the batcher ahead
// of them, so a batch waits at most for the transaction running now. PocketBase's own writes (the admin UI,
// the record API) do not pass it and take the connection as before.
//
// A hold that is never given back (a Go panic through the JS VM skips the route's `finally`) would stop every
// write, so holds longer than writerTurnLimit are taken back and logged; no legitimate transaction comes near
// it (SQLite's busy timeout is 10 s).

import (
	"os"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/pocketbase/pocketbase/core"
)

const writerTurnLimit = 60 * time.Second

type writerTurn struct {
	mu      sync.Mutex
	holder  uint64 // ticket of the current holder, 0 when free
	since   time.Time
	next    uint64
	urgent  []writerWaiter // the batcher
	waiting []writerWaiter // routes, in arrival order
	now     func() time.Time
}

type writerWaiter struct {
	ticket uint64
	ready  chan struct{}
}

func newWriterTurn() *writerTurn { return &writerTurn{now: time.Now} }

// enter waits for the turn and returns the ticket to leave with.
func (w *writerTurn) enter(urgent bool) uint64 {
	w.mu.Lock()
	w.next++
	ticket := w.next
	if w.holder == 0 {
		w.holder, w.since = ticket, w.now()
		w.mu.Unlock()
		return ticket
	}
	waiter := writerWaiter{ticket: ticket, ready: make(chan struct{})}
	if urgent {
		w.urgent = append(w.urgent, waiter)
	} else {
		w.waiting = append(w.waiting, waiter)
	}
	w.mu.Unlock()
	<-waiter.ready
	return ticket
}

// leave gives the turn to the next waiter; a ticket that no longer holds it (taken back) changes nothing.
func (w *writerTurn) leave(ticket uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.holder != ticket {
		return
	}
	w.handOn()
}

// handOn passes the turn on (w.mu held).
func (w *writerTurn) handOn() {
	var next writerWaiter
	switch {
	case len(w.urgent) > 0:
		next, w.urgent = w.urgent[0], w.urgent[1:]
	case len(w.waiting) > 0:
		next, w.waiting = w.waiting[0], w.waiting[1:]
	default:
		w.holder = 0
		return
	}
	w.holder, w.since = next.ticket, w.now()
	close(next.ready)
}

// takeBackStale passes the turn on when it has been held longer than limit; it returns the ticket taken back.
func (w *writerTurn) takeBackStale(limit time.Duration) uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.holder == 0 || w.now().Sub(w.since) < limit {
		return 0
	}
	stale := w.holder
	w.handOn()
	return stale
}

// bind gives a JS VM the turnstile as __qaWriterTurn.enter() / leave(ticket) (src/server/http.ts). With
// QA_WRITER_TURN=0 (for comparisons) it gives none and the routes take the connection as PocketBase does.
func (w *writerTurn) bind(vm *goja.Runtime) {
	if os.Getenv("QA_WRITER_TURN") == "0" {
		return
	}
	obj := vm.NewObject()
	_ = obj.Set("enter", func() uint64 { return w.enter(false) })
	_ = obj.Set("leave", w.leave)
	_ = vm.Set("__qaWriterTurn", obj)
}

// watch takes back stale holds while the server runs.
func (w *writerTurn) watch(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		go func() {
			for range time.Tick(time.Second) {
				if stale := w.takeBackStale(writerTurnLimit); stale != 0 {
					app.Logger().Error("writer turn held too long, taken back", "ticket", stale, "limit", writerTurnLimit.String())
				}
			}
		}()
		return se.Next()
	})
}
