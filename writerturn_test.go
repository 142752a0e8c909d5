package main

import (
	"testing"
	"time"
)

// waitsFor reports whether enter(urgent) returns within a short time, and its ticket.
func enterAsync(w *writerTurn, urgent bool) chan uint64 {
	got := make(chan uint64, 1)
	go func() { got <- w.enter(urgent) }()
	time.Sleep(20 * time.Millisecond) // queued in this order
	return got
}

func TestWriterTurnServesTheBatcherFirstThenRoutesInArrivalOrder(t *testing.T) {
	w := newWriterTurn()
	first := w.enter(false)
	route1 := enterAsync(w, false)
	route2 := enterAsync(w, false)
	batcher := enterAsync(w, true)
	select {
	case <-route1:
		t.Fatal("a second transaction got the writer while the first held it")
	default:
	}
	w.leave(first)
	b := <-batcher // the batcher, queued last, goes first
	select {
	case <-route1:
		t.Fatal("a route got the writer while the batcher held it")
	case <-route2:
		t.Fatal("a route got the writer while the batcher held it")
	default:
	}
	w.leave(b)
	r1 := <-route1
	select {
	case <-route2:
		t.Fatal("the later route went before the earlier one")
	default:
	}
	w.leave(r1)
	w.leave(<-route2)
	if w.holder != 0 {
		t.Fatalf("the turn is still held by %d after everyone left", w.holder)
	}
}

func TestWriterTurnTakesBackAHoldNeverGivenBack(t *testing.T) {
	w := newWriterTurn()
	clock := time.Now()
	w.now = func() time.Time { return clock }
	lost := w.enter(false)
	waiting := enterAsync(w, false)
	if stale := w.takeBackStale(time.Minute); stale != 0 {
		t.Fatalf("a fresh hold was taken back (%d)", stale)
	}
	clock = clock.Add(2 * time.Minute)
	if stale := w.takeBackStale(time.Minute); stale != lost {
		t.Fatalf("took back %d, want the stale ticket %d", stale, lost)
	}
	next := <-waiting
	w.leave(lost) // the lost holder's late leave must not free the new holder's turn
	if w.holder != next {
		t.Fatalf("a stale leave freed the turn of %d", next)
	}
	w.leave(next)
	if w.holder != 0 {
		t.Fatal("the turn is still held")
	}
}
