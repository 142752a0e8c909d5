package main

// The video progress rules on several goja runtimes at once (docs/api-load.md). The batcher's serial cost per
// report was its JS rules (QA_PROGRESS_TRACE at 2,000 reports/s: 0.08 ms plan and 0.18 ms apply of 0.34 ms), one
// runtime on one core while the other core was partly idle. parallelRules splits each batch by learner over its
// runtimes and plans, then applies, the parts at the same time, one goroutine each; the batcher sees one
// progressRules. A learner's reports always go to the same runtime, in arrival order, so each learner's rows are
// still applied one report after another, and each runtime's cache of parsed rows (src/lib/progress-batch.ts)
// keeps serving that learner.

import (
	"fmt"
	"hash/fnv"
	"runtime"
	"strings"
	"sync"
)

// progressRuntimesFor is how many runtimes the rules get: one per core, at most 4 (a runtime holds the lessons:
// a few MB).
func progressRuntimesFor(cpus int) int {
	return min(4, max(1, cpus))
}

func defaultProgressRuntimes() int {
	return progressRuntimesFor(runtime.NumCPU())
}

type parallelRules struct {
	parts []progressRules
	// planned: the batch indexes of each part's requests, in order, from the last Plan (Apply answers by them)
	planned [][]int
	facts   sync.Mutex // the transaction's reads of course facts, one at a time
}

func newParallelRules(parts []progressRules) progressRules {
	if len(parts) == 1 {
		return parts[0]
	}
	return &parallelRules{parts: parts}
}

// partOf is the runtime of a learner: the same for all their reports, whatever the batch.
func (p *parallelRules) partOf(user string) int {
	h := fnv.New32a()
	h.Write([]byte(user))
	return int(h.Sum32() % uint32(len(p.parts)))
}

// each runs fn for every part at once and returns the first error.
func (p *parallelRules) each(fn func(k int) error) error {
	errs := make([]error, len(p.parts))
	var wg sync.WaitGroup
	for k := range p.parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					errs[k] = fmt.Errorf("video progress rules (runtime %d) panicked: %v", k, r)
				}
			}()
			errs[k] = fn(k)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Plan plans every part, an empty one too (plan() then forgets what it planned before, so a part's next
// Apply can never answer an older batch).
func (p *parallelRules) Plan(batch []*progressRequest) ([]progressPlanned, error) {
	n := len(p.parts)
	p.planned = make([][]int, n)
	sub := make([][]*progressRequest, n)
	for i, r := range batch {
		k := p.partOf(r.User)
		p.planned[k] = append(p.planned[k], i)
		sub[k] = append(sub[k], r)
	}
	verdicts := make([][]progressPlanned, n)
	err := p.each(func(k int) error {
		v, err := p.parts[k].Plan(sub[k])
		if err == nil && len(v) != len(sub[k]) {
			err = fmt.Errorf("runtime %d: %d verdicts for %d reports", k, len(v), len(sub[k]))
		}
		verdicts[k] = v
		return err
	})
	if err != nil {
		p.planned = nil
		return nil, err
	}
	out := make([]progressPlanned, len(batch))
	for k, indexes := range p.planned {
		for j, i := range indexes {
			out[i] = verdicts[k][j]
		}
	}
	return out, nil
}

// Apply gives each part the stored rows of its learners and puts the answers back in the batch's order; the
// writes are the parts' JSON arrays joined.
func (p *parallelRules) Apply(rows []progressRow, busy []string, nowMs int64, newId func() string, facts progressFacts) (progressApplied, error) {
	n := len(p.parts)
	if len(p.planned) != n {
		return progressApplied{}, fmt.Errorf("video progress rules: Apply without Plan")
	}
	sub := make([][]progressRow, n)
	for _, r := range rows {
		k := p.partOf(r.User)
		sub[k] = append(sub[k], r)
	}
	var readFacts progressFacts
	if facts != nil {
		readFacts = func(user, course, quiz string) (progressCourseFacts, error) {
			p.facts.Lock()
			defer p.facts.Unlock()
			return facts(user, course, quiz)
		}
	}
	applied := make([]progressApplied, n)
	err := p.each(func(k int) error {
		a, err := p.parts[k].Apply(sub[k], busy, nowMs, newId, readFacts)
		if err == nil && (len(a.Status) != len(p.planned[k]) || len(a.Body) != len(p.planned[k])) {
			err = fmt.Errorf("runtime %d: %d answers for %d reports", k, len(a.Status), len(p.planned[k]))
		}
		applied[k] = a
		return err
	})
	if err != nil {
		return progressApplied{}, err
	}
	total := 0
	for _, indexes := range p.planned {
		total += len(indexes)
	}
	out := progressApplied{Status: make([]int, total), Body: make([]string, total)}
	var writes []string
	for k, indexes := range p.planned {
		for j, i := range indexes {
			out.Status[i], out.Body[i] = applied[k].Status[j], applied[k].Body[j]
		}
		if applied[k].Count > 0 {
			w := strings.TrimSpace(applied[k].Writes)
			if len(w) < 2 || w[0] != '[' || w[len(w)-1] != ']' {
				return progressApplied{}, fmt.Errorf("runtime %d: writes are not a JSON array", k)
			}
			writes = append(writes, w[1:len(w)-1])
			out.Count += applied[k].Count
		}
	}
	out.Writes = "[" + strings.Join(writes, ",") + "]"
	p.planned = nil
	return out, nil
}

func (p *parallelRules) CourseFactsSQL() string { return p.parts[0].CourseFactsSQL() }

func (p *parallelRules) ServerError() string { return p.parts[0].ServerError() }
