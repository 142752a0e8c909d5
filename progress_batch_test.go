package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"
)

// fakeRules: body "bad" is refused, "finish" finishes the video (handed to the JS route), anything else is a
// report on lesson <body>.
type fakeRules struct {
	mu      sync.Mutex
	planned []progressRequest
}

func (r *fakeRules) Plan(batch []*progressRequest) ([]progressPlanned, error) {
	r.planned = nil
	out := []progressPlanned{}
	for _, q := range batch {
		if q.Body == "bad" {
			out = append(out, progressPlanned{Status: 400, Body: `{"status":400}`})
			r.planned = append(r.planned, progressRequest{})
			continue
		}
		out = append(out, progressPlanned{Key: progressKey{User: q.User, Course: "c", Lesson: lessonOfBody(q.Body)}})
		r.planned = append(r.planned, *q)
	}
	return out, nil
}

func lessonOfBody(body string) string {
	if body == "finish" {
		return "l"
	}
	return body
}

func (r *fakeRules) Apply(rows []progressRow, busy []string, nowMs int64, newId func() string, facts progressFacts) (progressApplied, error) {
	var out progressApplied
	writes := []progressWrite{}
	for _, q := range r.planned {
		key := q.User + "|c|" + lessonOfBody(q.Body)
		switch {
		case q.User == "":
			out.Status, out.Body = append(out.Status, 0), append(out.Body, "")
		case q.Body == "finish" || slices.Contains(busy, key):
			busy = append(busy, key)
			out.Status, out.Body = append(out.Status, progressDelegate), append(out.Body, key)
		default:
			out.Status, out.Body = append(out.Status, 200), append(out.Body, `{"lesson":"`+q.Body+`"}`)
			writes = append(writes, progressWrite{Id: newId(), User: q.User, Course: "c", Lesson: q.Body})
		}
	}
	raw, err := json.Marshal(writes)
	out.Writes, out.Count = string(raw), len(writes)
	return out, err
}

func (r *fakeRules) ServerError() string { return `{"status":500}` }

func (r *fakeRules) CourseFactsSQL() string { return "" }

// fakeStore records committed writes; gate (when set) holds each transaction until a value is sent.
type fakeStore struct {
	mu        sync.Mutex
	committed []progressWrite
	fail      error
	gate      chan struct{}
}

type fakeTx struct {
	s       *fakeStore
	pending []progressWrite
}

func (t *fakeTx) Rows(keys []progressKey) ([]progressRow, error) { return nil, nil }
func (t *fakeTx) CourseFacts(sql, user, course, quiz string) (progressCourseFacts, error) {
	return progressCourseFacts{}, nil
}
func (t *fakeTx) Save(writesJSON string) error {
	var w []progressWrite
	if err := json.Unmarshal([]byte(writesJSON), &w); err != nil {
		return err
	}
	t.pending = append(t.pending, w...)
	return nil
}

func (s *fakeStore) NewId() string { return "new" }

func (s *fakeStore) Tx(fn func(tx progressTx) error) error {
	if s.gate != nil {
		<-s.gate
	}
	tx := &fakeTx{s: s}
	if err := fn(tx); err != nil {
		return err
	}
	if s.fail != nil {
		return s.fail // the commit itself fails
	}
	s.mu.Lock()
	s.committed = append(s.committed, tx.pending...)
	s.mu.Unlock()
	return nil
}

func (s *fakeStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.committed)
}

func startBatcher(t *testing.T, store *fakeStore) *progressBatcher {
	b := newProgressBatcher(&fakeRules{}, store, slog.Default)
	ctx, stop := context.WithCancel(context.Background())
	t.Cleanup(stop)
	go b.run(ctx)
	return b
}

func submitAsync(b *progressBatcher, r *progressRequest) chan progressAnswer {
	out := make(chan progressAnswer, 1)
	go func() {
		a, _ := b.submit(context.Background(), r)
		out <- a
	}()
	return out
}

func TestProgressBatcherAnswersOnlyAfterCommit(t *testing.T) {
	store := &fakeStore{gate: make(chan struct{})}
	b := startBatcher(t, store)
	answer := submitAsync(b, &progressRequest{User: "u1", Body: "a"})
	select {
	case a := <-answer:
		t.Fatalf("answered before the commit: %+v", a)
	case <-time.After(100 * time.Millisecond):
	}
	if store.count() != 0 {
		t.Fatal("written before the transaction ran")
	}
	store.gate <- struct{}{}
	a := <-answer
	if a.Err != nil || a.Status != 200 || a.Body != `{"lesson":"a"}` {
		t.Fatalf("answer after commit = %+v", a)
	}
	if store.count() != 1 {
		t.Fatalf("committed %d rows, want 1", store.count())
	}
}

func TestProgressBatcherFailsEveryReportOfAFailedBatch(t *testing.T) {
	store := &fakeStore{gate: make(chan struct{}), fail: errors.New("disk full")}
	b := startBatcher(t, store)
	// the first batch holds the transaction; the next three queue up and form one batch
	first := submitAsync(b, &progressRequest{User: "u0", Body: "x"})
	time.Sleep(50 * time.Millisecond)
	answers := []chan progressAnswer{
		submitAsync(b, &progressRequest{User: "u1", Body: "a"}),
		submitAsync(b, &progressRequest{User: "u2", Body: "bad"}),
		submitAsync(b, &progressRequest{User: "u3", Body: "b"}),
	}
	time.Sleep(50 * time.Millisecond)
	store.gate <- struct{}{}
	store.gate <- struct{}{}
	if a := <-first; a.Err == nil {
		t.Fatalf("first batch acknowledged despite a failed commit: %+v", a)
	}
	got := []progressAnswer{<-answers[0], <-answers[1], <-answers[2]}
	if got[0].Err == nil || got[2].Err == nil {
		t.Fatalf("reports of a failed batch acknowledged: %+v", got)
	}
	if got[1].Err != nil || got[1].Status != 400 {
		t.Fatalf("the refused report should keep its own answer, got %+v", got[1])
	}
	if store.count() != 0 {
		t.Fatal("rows of a failed batch were kept")
	}
}

func TestProgressBatcherRefusesOnlyTheBadReport(t *testing.T) {
	store := &fakeStore{}
	b := startBatcher(t, store)
	good := submitAsync(b, &progressRequest{User: "u1", Body: "a"})
	bad := submitAsync(b, &progressRequest{User: "u2", Body: "bad"})
	if a := <-good; a.Status != 200 {
		t.Fatalf("good report: %+v", a)
	}
	if a := <-bad; a.Status != 400 {
		t.Fatalf("bad report: %+v", a)
	}
}

func TestProgressBatcherHandsOverInOrderWhileAKeyIsBusy(t *testing.T) {
	store := &fakeStore{}
	b := startBatcher(t, store)
	first := <-submitAsync(b, &progressRequest{User: "u1", Body: "finish"})
	if first.Turn == nil || first.Turn.prev != nil {
		t.Fatalf("the finishing report should be handed over with no one before it: %+v", first)
	}
	// while the first is with the JS route, a later report of the same learner and lesson follows it there
	second := <-submitAsync(b, &progressRequest{User: "u1", Body: "l"})
	if second.Turn == nil || second.Turn.prev == nil {
		t.Fatalf("a report of a busy key should wait for the previous one: %+v", second)
	}
	// another learner's report is not held up
	other := <-submitAsync(b, &progressRequest{User: "u2", Body: "l"})
	if other.Status != 200 {
		t.Fatalf("another learner: %+v", other)
	}
	waited := make(chan struct{})
	go func() { second.Turn.wait(); close(waited) }()
	select {
	case <-waited:
		t.Fatal("the second ran before the first finished")
	case <-time.After(50 * time.Millisecond):
	}
	first.Turn.finish()
	<-waited
	second.Turn.finish()
	third := <-submitAsync(b, &progressRequest{User: "u1", Body: "l"})
	if third.Status != 200 {
		t.Fatalf("once both are done the key is batched again: %+v", third)
	}
}
