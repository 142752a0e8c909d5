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
func batchOf(n int, lessonID string) (requests []*progressRequest, rows []progressRow) {
	requests = make([]*progressRequest, n)
	rows = make([]progressRow, n)
	course, slug := splitLesson(lessonID)
	for i := range n {
		from := float64(i % 30)
		body, _ := json.Marshal(map[string]any{"lesson": lessonID, "intervals": [][2]float64{{from, from + 15}}, "position": from + 15})
		requests[i] = &progressRequest{User: fmt.Sprintf("u%05d", i), Type: "application/json", Length: int64(len(body)), Body: string(body)}
		rows[i] = progressRow{User: requests[i].User, Course: course, Lesson: slug, Id: fmt.Sprintf("r%05d", i),
			Intervals: "[[0,2],[3,5],[8,9],[12,14],[20,21]]", Position: 3, ReportedAt: "2026-12-01 07:59:58.000Z", Credit: 1}
	}
	return requests, rows
}

func newIds() func() string {
	n := 0
	return func() string { n++; return fmt.Sprintf("new%d", n) }
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
	requests = append(requests, &progressRequest{User: "u9", Type: "application/json", Length: 2, Body: "{}"})
	plan, err := rules.Plan(requests)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 4 || plan[0].Status != 0 || plan[0].Key.User != "u00000" || plan[0].Key.Lesson == "" || plan[3].Status != 400 {
		t.Fatalf("plan = %+v", plan)
	}
	applied, err := rules.Apply(rows[:2], nil, 1_764_576_000_000, newIds(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var writes []progressWrite
	if err := json.Unmarshal([]byte(applied.Writes), &writes); err != nil || len(writes) != 3 || applied.Count != 3 {
		t.Fatalf("apply = %+v (%v)", applied, err)
	}
	if len(applied.Status) != 4 || applied.Status[0] != 200 || applied.Status[3] != 0 || writes[0].Id != "r00000" || writes[2].Id != "new1" {
		t.Fatalf("apply = %+v", applied)
	}
	var reply map[string]any
	if err := json.Unmarshal([]byte(applied.Body[0]), &reply); err != nil || reply["lesson"] != lessonID {
		t.Fatalf("answer = %s (%v)", applied.Body[0], err)
	}
	if rules.ServerError() == "" || rules.ServerError() == "undefined" {
		t.Fatal("no 500 answer from the bundle")
	}
}

// BenchmarkProgressRules: the JS cost of one report in a batch of 200 (plan + apply), the part of a report's
// CPU that runs in goja, with the goja calls. go test -bench ProgressRules -run '^$'
// Cold: every row was last written elsewhere (the runtime parses each); warm: each row is the one the previous
// batch wrote, as on a training day (a learner reports every 15 s).
func BenchmarkProgressRules(b *testing.B) {
	for _, warm := range []bool{false, true} {
		name := map[bool]string{false: "cold", true: "warm"}[warm]
		b.Run(name, func(b *testing.B) {
			rules, lessonID := loadBuiltRules(b)
			requests, rows := batchOf(200, lessonID)
			now := int64(1_764_576_000_000)
			cpu0 := processCPU()
			b.ResetTimer()
			for range b.N {
				if _, err := rules.Plan(requests); err != nil {
					b.Fatal(err)
				}
				applied, err := rules.Apply(rows, nil, now, newIds(), nil)
				if err != nil {
					b.Fatal(err)
				}
				if warm {
					b.StopTimer()
					var writes []progressWrite
					_ = json.Unmarshal([]byte(applied.Writes), &writes)
					for i, w := range writes {
						rows[i].Intervals, rows[i].ReportedAt, rows[i].Credit, rows[i].Position = w.Intervals, w.At, w.Credit, w.Position
					}
					now += 15_000
					b.StartTimer()
				}
			}
			// CPU time rather than wall time: on a shared machine the wall clock includes waiting for a core
			b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N*200), "cpu-µs/report")
		})
	}
}
