package main

// QA_PROGRESS_TRACE=<file> makes the video-progress batcher write one line per batch (tab-separated: when the
// batch was taken in Unix ms, reports, how long its oldest report had queued, and the milliseconds of the
// plan, of waiting for the single SQLite writer, of reading the rows, of applying the rules, of saving, of the
// commit, and in all). It is for finding where a slow tail comes from under load (docs/api-load.md); off
// unless the variable is set, and then it costs one buffered line per batch.

import (
	"bufio"
	"fmt"
	"os"
	"sync"
	"time"
)

type progressTracer struct {
	mu  sync.Mutex
	out *bufio.Writer
	f   *os.File
}

// batchTrace collects one batch's timings; every stamp stays zero when tracing is off.
type batchTrace struct {
	taken, oldest time.Time
	at            [traceStamps]time.Time
	reports       int
	handed        int // handed to the JS route (they finish the video)
}

// The moments of a batch after it is taken, in order.
const (
	tracePlanned = iota
	traceTxBegun
	traceRowsRead
	traceApplied
	traceSaved
	traceCommitted
	traceStamps
)

func openProgressTracer(path string) (*progressTracer, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	t := &progressTracer{out: bufio.NewWriterSize(f, 1<<16), f: f}
	fmt.Fprintln(t.out, "taken_ms\treports\thanded\tqueued_ms\tplan_ms\twriter_wait_ms\trows_ms\tapply_ms\tsave_ms\tcommit_ms\ttotal_ms")
	go func() { // flushed every second, so a killed server leaves at most a second untraced
		for range time.Tick(time.Second) {
			t.mu.Lock()
			t.out.Flush()
			t.mu.Unlock()
		}
	}()
	return t, nil
}

func (t *progressTracer) write(b *batchTrace) {
	if t == nil {
		return
	}
	ms := func(from, to time.Time) float64 {
		if from.IsZero() || to.IsZero() {
			return 0
		}
		return float64(to.Sub(from).Microseconds()) / 1000
	}
	end := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	fmt.Fprintf(t.out, "%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n", b.taken.UnixMilli(), b.reports, b.handed,
		ms(b.oldest, b.taken), ms(b.taken, b.at[tracePlanned]), ms(b.at[tracePlanned], b.at[traceTxBegun]),
		ms(b.at[traceTxBegun], b.at[traceRowsRead]), ms(b.at[traceRowsRead], b.at[traceApplied]),
		ms(b.at[traceApplied], b.at[traceSaved]), ms(b.at[traceSaved], b.at[traceCommitted]), ms(b.taken, end))
}

// stamp records the moment when tracing is on (b is nil when it is off).
func (b *batchTrace) stamp(moment int) {
	if b != nil {
		b.at[moment] = time.Now()
	}
}
