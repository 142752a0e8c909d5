package main

// The Go garbage collector's pace for `serve` (docs/quiz-load.md).
//
// In a quiz burst every request allocates a few hundred KB in the JS VM (objects, JSON, exported values), and
// with Go's default pace (GOGC=100: collect each time the heap has grown by its live size) the collector took
// 15-25 % of the server's CPU. Letting the heap grow by twice its live size between collections halves that
// work: measured 5.3 → 4.5 ms of CPU per request in the burst, for about 90 MB more peak memory (222 → 308 MB).
// A soft memory limit keeps the heap well inside the service's MemoryMax (docs/deployment.md): near the
// limit the collector runs as often as it must, whatever the pace. GOGC and GOMEMLIMIT, when set, win; the
// maintenance commands (stats-rebuild, migrate) keep Go's defaults.

import "runtime/debug"

const (
	serveGCPercent   = 200
	serveMemoryLimit = 1536 << 20 // half of the systemd unit's MemoryMax=3G
)

// tuneGC sets the collector's pace for the server unless the environment chose one.
func tuneGC(serving bool, getenv func(string) string) (gcPercent int, memoryLimit int64) {
	if !serving {
		return -1, -1
	}
	gcPercent, memoryLimit = -1, -1
	if getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
		gcPercent = serveGCPercent
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
		memoryLimit = serveMemoryLimit
	}
	return gcPercent, memoryLimit
}
