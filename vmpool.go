package main

// The JS VM pool: how many warm goja VMs PocketBase keeps for hooks and routes, what each VM loads before its
// first request, and a gate that makes the platform's routes wait for a pooled VM instead of having
// PocketBase create a throw-away one. Measurements behind these choices: docs/quiz-load.md.

import (
	"context"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/pocketbase/pocketbase/core"
)

// hooksPoolFor sizes the JS VM pool to the machine: 5 per core, 10 to 25 (PocketBase's own default is 25).
// Each warm VM holds about 3.5 MB, and more VMs than the cores can keep busy only queue inside the VM instead
// of in front of it: on 2 cores, 10 VMs answer a quiz burst as fast as 25 with 80 MB less memory.
func hooksPoolFor(cpus int) int {
	return min(25, max(10, 5*cpus))
}

func defaultHooksPool() int {
	return hooksPoolFor(runtime.NumCPU())
}

// routeSlotsFor is how many /api/qa/ requests may run at once with a pool of that many VMs: one VM stays
// free for record hooks fired by the admin UI or the generic record API.
func routeSlotsFor(pool int) int {
	return max(1, pool-1)
}

// vmGate admits at most cap(g) requests at once; the others wait in Go (cheap) rather than in a throw-away
// VM. PocketBase runs a JS route in the first free pooled VM and, when every one is busy, creates a new VM
// (loading the whole hooks bundle) and discards it: under a burst that multiplied CPU and memory (51 errors
// and 20 GB in an early run).
type vmGate chan struct{}

func newVMGate(slots int) vmGate {
	return make(vmGate, max(1, slots))
}

// enter waits for a slot; the caller must call release once done. A request whose client has gone away
// stops waiting.
func (g vmGate) enter(ctx context.Context) (release func(), err error) {
	select {
	case g <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-g }) }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// gatedPath: the platform's JS routes. PocketBase's own Go APIs need no VM unless a record hook fires.
func gatedPath(path string) bool {
	return strings.HasPrefix(path, "/api/qa/")
}

// middleware lets a gated request through once it holds a slot.
func (g vmGate) middleware(e *core.RequestEvent) error {
	if !gatedPath(e.Request.URL.Path) {
		return e.Next()
	}
	release, err := g.enter(e.Request.Context())
	if err != nil {
		return err
	}
	defer release()
	return e.Next()
}

// warmUp loads the platform's bundle (pb_hooks/lib/qa.js) and its content into a new VM. PocketBase hands
// requests to the first free VM of its pool, so each VM is first used only when a burst reaches it; left lazy,
// the bundle would then be loaded in the middle of the burst, up to hooksPool times over.
func warmUp(vm *goja.Runtime, serving bool) {
	if !serving || vm.Get("migrate") != nil { // other commands and the migrations VM do not serve learners
		return
	}
	if _, err := os.Stat(filepath.Join(vm.Get("__hooks").String(), "lib", "qa.js")); err != nil {
		return // not built yet: the routes will say so
	}
	if _, err := vm.RunString(`require(__hooks + "/lib/qa.js").warmUp()`); err != nil {
		warmUpFailed.Do(func() { log.Printf("warming up the JS VMs: %v", err) })
	}
}

var warmUpFailed sync.Once // said once, not once per VM
