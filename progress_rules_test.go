package main

import (
	"encoding/json"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"
)

func processCPU() time.Duration {
	var u syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// loadBuiltRules loads pb_hooks/lib/progress-rules.js as the server does; the tests skip when it has not
// been built (`npm run build:server`).
func loadBuiltRules(tb testing.TB) (*gojaProgressRules, string) {
	dir := "pb_hooks"
	if d := os.Getenv("QA_RULES_HOOKS_DIR"); d != "" { // to compare two builds of the rules
		dir = d
	}
	if _, err := os.Stat(dir + "/lib/progress-rules.js"); err != nil {
		tb.Skip("pb_hooks/lib/progress-rules.js not built: npm run build:server")
	}
	rules, err := loadProgressRules(dir)
	if err != nil {
		tb.Fatal(err)
	}
	// a lesson with a video, from the built content
	content, err := loadCommonJS(rules.vm, dir+"/lib/content.js")
	if err != nil {
		tb.Fatal(err)
	}
	lessons := content.Get("lessons").ToObject(rules.vm)
	for _, id := range lessons.Keys() {
		if video := lessons.Get(id).ToObject(rules.vm).Get("video"); video != nil && !isNullish(video.Export()) {
			return rules, id
		}
	}
	tb.Skip("no lesson with a video in the content")
	return nil, ""
}

func isNullish(v any) bool { return v == nil }

// batchOf makes n reports of n learners, each with a stored row of a few watched stretches.
func batchOf(n int, lessonID string) (requests string, rows string) {
	reqs := make([]progressRequest, n)
	stored := make([]progressRow, n)
	course, slug := splitLesson(lessonID)
	for i := range n {
		from := float64(i % 30)
		body, _ := json.Marshal(map[string]any{"lesson": lessonID, "intervals": [][2]float64{{from, from + 15}}, "position": from + 15})
		reqs[i] = progressRequest{User: fmt.Sprintf("u%05d", i), Type: "application/json", Length: int64(len(body)), Body: string(body)}
		stored[i] = progressRow{User: reqs[i].User, Course: course, Lesson: slug, Id: fmt.Sprintf("r%05d", i),
			Intervals: "[[0,2],[3,5],[8,9],[12,14],[20,21]]", Position: 3, ReportedAt: "2026-12-01 07:59:58.000Z", Credit: 1}
	}
	a, _ := json.Marshal(reqs)
	b, _ := json.Marshal(stored)
	return string(a), string(b)
}

func splitLesson(id string) (string, string) {
	for i := range len(id) {
		if id[i] == '/' {
			return id[:i], id[i+1:]
		}
	}
	return id, ""
}

func TestProgressRulesBundleAppliesABatch(t *testing.T) {
	rules, lessonID := loadBuiltRules(t)
	requests, rows := batchOf(3, lessonID)
	plan, err := rules.Plan(requests)
	if err != nil {
		t.Fatal(err)
	}
	var p progressPlan
	if err := json.Unmarshal([]byte(plan), &p); err != nil || len(p.Items) != 3 || p.Items[0].Answer != nil {
		t.Fatalf("plan = %s (%v)", plan, err)
	}
	out, err := rules.Apply(rows, "[]", 1_764_576_000_000)
	if err != nil {
		t.Fatal(err)
	}
	var applied progressApplied
	if err := json.Unmarshal([]byte(out), &applied); err != nil || len(applied.Answers) != 3 || len(applied.Writes) != 3 {
		t.Fatalf("apply = %s (%v)", out, err)
	}
	if applied.Answers[0].Status != 200 || applied.Writes[0].Id != "r00000" {
		t.Fatalf("apply = %s", out)
	}
	if rules.ServerError() == "" || rules.ServerError() == "undefined" {
		t.Fatal("no 500 answer from the bundle")
	}
}

// BenchmarkProgressRules: the JS cost of one report in a batch of 200 (plan + apply), the part of a report's
// CPU that runs in goja. go test -bench ProgressRules -run '^$'
func BenchmarkProgressRules(b *testing.B) {
	rules, lessonID := loadBuiltRules(b)
	requests, rows := batchOf(200, lessonID)
	cpu0 := processCPU()
	b.ResetTimer()
	for range b.N {
		if _, err := rules.Plan(requests); err != nil {
			b.Fatal(err)
		}
		if _, err := rules.Apply(rows, "[]", 1_764_576_000_000); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time rather than wall time: on a shared machine the wall clock includes waiting for a core
	b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N*200), "cpu-µs/report")
}
