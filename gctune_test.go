package main

import (
	"runtime/debug"
	"testing"
)

func TestTuneGCOnlyForServeAndOnlyWhenUnset(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	none := func(string) string { return "" }
	if p, l := tuneGC(false, none); p != -1 || l != -1 {
		t.Fatalf("a maintenance command got GC settings %d, %d", p, l)
	}
	if p, l := tuneGC(true, none); p != serveGCPercent || l != serveMemoryLimit {
		t.Fatalf("serve got %d, %d", p, l)
	}
	if got := debug.SetGCPercent(100); got != serveGCPercent {
		t.Fatalf("GC percent in effect %d, want %d", got, serveGCPercent)
	}
	set := func(name string) string { return map[string]string{"GOGC": "100", "GOMEMLIMIT": "4GiB"}[name] }
	debug.SetMemoryLimit(-1)
	if p, l := tuneGC(true, set); p != -1 || l != -1 {
		t.Fatalf("GOGC/GOMEMLIMIT from the environment were overridden: %d, %d", p, l)
	}
}
