package main

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

func TestHooksPoolFollowsTheCores(t *testing.T) {
	for _, c := range []struct{ cpus, want int }{{1, 10}, {2, 10}, {3, 15}, {4, 20}, {8, 25}, {64, 25}} {
		if got := hooksPoolFor(c.cpus); got != c.want {
			t.Errorf("hooksPoolFor(%d) = %d, want %d", c.cpus, got, c.want)
		}
	}
	if routeSlotsFor(10) != 9 || routeSlotsFor(1) != 1 || routeSlotsFor(0) != 1 {
		t.Errorf("route slots must leave one VM for record hooks and never be zero")
	}
}

func TestGateAdmitsAtMostItsSlots(t *testing.T) {
	g := newVMGate(2)
	r1, err1 := g.enter(context.Background())
	r2, err2 := g.enter(context.Background())
	if err1 != nil || err2 != nil {
		t.Fatalf("the first two requests must enter: %v %v", err1, err2)
	}
	entered := make(chan struct{})
	go func() {
		release, err := g.enter(context.Background())
		if err == nil {
			close(entered)
			release()
		}
	}()
	select {
	case <-entered:
		t.Fatal("a third request entered while both slots were taken")
	case <-time.After(50 * time.Millisecond):
	}
	r1()
	r1() // releasing twice must not free a second slot
	select {
	case <-entered:
	case <-time.After(2 * time.Second):
		t.Fatal("the waiting request did not enter after a slot was released")
	}
	r2()
	if len(g) != 0 {
		t.Fatalf("slots still taken after every release: %d", len(g))
	}
}

func TestGateStopsWaitingWhenTheClientLeaves(t *testing.T) {
	g := newVMGate(1)
	release, _ := g.enter(context.Background())
	defer release()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := g.enter(ctx); err == nil {
		t.Fatal("a request whose client went away must not wait for a slot forever")
	}
}

func TestOnlyThePlatformRoutesAreGated(t *testing.T) {
	g := newVMGate(1)
	release, _ := g.enter(context.Background()) // the only slot is taken
	defer release()
	for path, gated := range map[string]bool{"/api/qa/attempts": true, "/api/collections/users/records": false, "/courses/": false} {
		e := &core.RequestEvent{}
		e.Request = httptest.NewRequest("GET", path, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		e.Request = e.Request.WithContext(ctx)
		err := g.middleware(e)
		cancel()
		if gated && err == nil {
			t.Errorf("%s went through while every slot was taken", path)
		}
		if !gated && err != nil {
			t.Errorf("%s waited for a JS VM slot: %v", path, err)
		}
	}
}
