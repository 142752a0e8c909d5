package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

func parallelTestBatch() []*progressRequest {
	var batch []*progressRequest
	bodies := []string{"a", "b", "bad", "a", "finish", "c"}
	for i := 0; i < 24; i++ {
		batch = append(batch, &progressRequest{User: fmt.Sprintf("u%d", i%7), Body: bodies[i%len(bodies)]})
	}
	return append(batch, &progressRequest{User: "", Body: "a"}) // no learner: refused in the apply
}

func writesOf(t *testing.T, text string) []string {
	t.Helper()
	var w []progressWrite
	if err := json.Unmarshal([]byte(text), &w); err != nil {
		t.Fatalf("writes %q: %v", text, err)
	}
	var keys []string
	for _, x := range w {
		keys = append(keys, x.User+"|"+x.Lesson)
	}
	slices.Sort(keys)
	return keys
}

func TestParallelRulesAnswerAsOneRuntimeWould(t *testing.T) {
	batch := parallelTestBatch()
	one := &fakeRules{}
	wantPlan, err := one.Plan(batch)
	if err != nil {
		t.Fatal(err)
	}
	newId := func() string { return "new" }
	want, err := one.Apply(nil, []string{"u3|c|b"}, 0, newId, nil)
	if err != nil {
		t.Fatal(err)
	}

	parts := []progressRules{&fakeRules{}, &fakeRules{}, &fakeRules{}}
	p := newParallelRules(parts).(*parallelRules)
	for round := 0; round < 2; round++ { // a second batch: nothing of the first is answered again
		gotPlan, err := p.Plan(batch)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gotPlan, wantPlan) {
			t.Fatalf("plan differs:\n got %+v\nwant %+v", gotPlan, wantPlan)
		}
		used := 0
		for _, indexes := range p.planned {
			if len(indexes) > 0 {
				used++
			}
		}
		if used < 2 {
			t.Fatalf("the batch went to %d runtime(s); the test needs learners on several", used)
		}
		got, err := p.Apply(nil, []string{"u3|c|b"}, 0, newId, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Status, want.Status) || !reflect.DeepEqual(got.Body, want.Body) {
			t.Fatalf("answers differ:\n got %v %v\nwant %v %v", got.Status, got.Body, want.Status, want.Body)
		}
		if got.Count != want.Count || !reflect.DeepEqual(writesOf(t, got.Writes), writesOf(t, want.Writes)) {
			t.Fatalf("writes differ: got %d %s, want %d %s", got.Count, got.Writes, want.Count, want.Writes)
		}
	}
	// a learner's reports always go to the same runtime
	for _, r := range batch {
		if p.partOf(r.User) != p.partOf(r.User+"") {
			t.Fatal("unstable partition")
		}
	}
}

type failingRules struct{ fakeRules }

func (*failingRules) Plan(batch []*progressRequest) ([]progressPlanned, error) {
	return nil, errors.New("plan broke")
}

func TestParallelRulesFailTheBatchWhenARuntimeFails(t *testing.T) {
	p := newParallelRules([]progressRules{&fakeRules{}, &failingRules{}})
	if _, err := p.Plan(parallelTestBatch()); err == nil || err.Error() != "plan broke" {
		t.Fatalf("got %v, want the failing runtime's error", err)
	}
	if _, err := p.Apply(nil, nil, 0, func() string { return "x" }, nil); err == nil {
		t.Fatal("Apply after a failed Plan must fail, not answer an older batch")
	}
	if one := newParallelRules([]progressRules{&fakeRules{}}); reflect.TypeOf(one) != reflect.TypeOf(&fakeRules{}) {
		t.Fatalf("one runtime needs no splitting, got %T", one)
	}
}
