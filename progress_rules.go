package main

// The goja runtime that runs the video progress rules for the batcher (progress_batch.go): the TypeScript
// module src/lib/progress-batch.ts, bundled to pb_hooks/lib/progress-rules.js, with the lessons of
// pb_hooks/lib/content.js (the same files the JS routes load). Used by the batcher goroutine only: a goja
// runtime is not safe for concurrent use.

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dop251/goja"
)

type gojaProgressRules struct {
	vm          *goja.Runtime
	plan, apply goja.Callable
	serverError string
	// COURSE_FACTS_SQL of the bundle ('' in a bundle from before it: every finishing report goes to the JS route)
	courseFactsSQL string
}

// loadCommonJS runs a CommonJS file (module.exports = …) and returns its exports.
func loadCommonJS(vm *goja.Runtime, path string) (*goja.Object, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fn, err := vm.RunScript(path, "(function (module, exports) {\n"+string(src)+"\n})")
	if err != nil {
		return nil, err
	}
	call, ok := goja.AssertFunction(fn)
	if !ok {
		return nil, fmt.Errorf("%s: not a script", path)
	}
	module := vm.NewObject()
	exports := vm.NewObject()
	if err := module.Set("exports", exports); err != nil {
		return nil, err
	}
	if _, err := call(goja.Undefined(), module, exports); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return module.Get("exports").ToObject(vm), nil
}

func loadProgressRules(hooksDir string) (*gojaProgressRules, error) {
	vm := goja.New()
	rules, err := loadCommonJS(vm, filepath.Join(hooksDir, "lib", "progress-rules.js"))
	if err != nil {
		return nil, err
	}
	content, err := loadCommonJS(vm, filepath.Join(hooksDir, "lib", "content.js"))
	if err != nil {
		return nil, err
	}
	r := &gojaProgressRules{vm: vm}
	var ok bool
	var init goja.Callable
	if init, ok = goja.AssertFunction(rules.Get("init")); !ok {
		return nil, fmt.Errorf("progress-rules.js has no init()")
	}
	if r.plan, ok = goja.AssertFunction(rules.Get("plan")); !ok {
		return nil, fmt.Errorf("progress-rules.js has no plan()")
	}
	if r.apply, ok = goja.AssertFunction(rules.Get("apply")); !ok {
		return nil, fmt.Errorf("progress-rules.js has no apply()")
	}
	if _, err := init(goja.Undefined(), content); err != nil {
		return nil, fmt.Errorf("progress-rules.js init: %w", err)
	}
	r.serverError = rules.Get("serverErrorBody").String()
	if sql := rules.Get("COURSE_FACTS_SQL"); sql != nil && !goja.IsUndefined(sql) {
		r.courseFactsSQL = sql.String()
	}
	return r, nil
}

// Plan passes the requests to plan() column by column, as JS arrays: no JSON text to write and for goja to
// parse (its JSON.parse was a good part of a report's cost).
func (r *gojaProgressRules) Plan(batch []*progressRequest) ([]progressPlanned, error) {
	n := len(batch)
	users, types, lengths, tooLarge, bodies := make([]any, n), make([]any, n), make([]any, n), make([]any, n), make([]any, n)
	for i, q := range batch {
		users[i], types[i], lengths[i], tooLarge[i], bodies[i] = q.User, q.Type, q.Length, q.TooLarge, q.Body
	}
	v, err := r.plan(goja.Undefined(), r.vm.NewArray(users...), r.vm.NewArray(types...), r.vm.NewArray(lengths...),
		r.vm.NewArray(tooLarge...), r.vm.NewArray(bodies...))
	if err != nil {
		return nil, err
	}
	out := v.ToObject(r.vm)
	status, body, course, lesson := r.column(out, "status"), r.column(out, "body"), r.column(out, "course"), r.column(out, "lesson")
	if len(status) != n || len(body) != n || len(course) != n || len(lesson) != n {
		return nil, fmt.Errorf("plan() gave %d verdicts for %d reports", len(status), n)
	}
	planned := make([]progressPlanned, n)
	for i := range planned {
		planned[i] = progressPlanned{Status: asInt(status[i]), Body: asString(body[i]),
			Key: progressKey{User: batch[i].User, Course: asString(course[i]), Lesson: asString(lesson[i])}}
	}
	return planned, nil
}

// Apply passes the stored rows to apply() column by column and takes its answers the same way; the rows to
// write come back as one JSON text, which goes to SQLite as it is.
func (r *gojaProgressRules) Apply(rows []progressRow, busy []string, nowMs int64, newId func() string, facts progressFacts) (progressApplied, error) {
	n := len(rows)
	cols := make([][]any, 9)
	for c := range cols {
		cols[c] = make([]any, n)
	}
	for i, row := range rows {
		cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i] = row.User, row.Course, row.Lesson, row.Id, row.Intervals
		cols[5][i], cols[6][i], cols[7][i], cols[8][i] = row.Position, row.Done, row.ReportedAt, row.Credit
	}
	stored := r.vm.NewObject()
	for c, name := range []string{"user", "course", "lesson", "id", "intervals", "position", "done", "reported_at", "credit"} {
		if err := stored.Set(name, r.vm.NewArray(cols[c]...)); err != nil {
			return progressApplied{}, err
		}
	}
	busyValues := make([]any, len(busy))
	for i, k := range busy {
		busyValues[i] = k
	}
	readFacts := goja.Undefined()
	if facts != nil {
		// an error becomes a JS exception, so apply() throws and the batch rolls back
		readFacts = r.vm.ToValue(func(user, course, quiz string) (map[string]any, error) {
			f, err := facts(user, course, quiz)
			return map[string]any{"done": f.Done, "passed": f.Passed, "completion": f.Completion}, err
		})
	}
	v, err := r.apply(goja.Undefined(), stored, r.vm.NewArray(busyValues...), r.vm.ToValue(nowMs), r.vm.ToValue(newId), readFacts)
	if err != nil {
		return progressApplied{}, err
	}
	out := v.ToObject(r.vm)
	status, body := r.column(out, "status"), r.column(out, "body")
	applied := progressApplied{Status: make([]int, len(status)), Body: make([]string, len(body)),
		Writes: out.Get("writes").String(), Count: int(out.Get("writeCount").ToInteger())}
	for i := range status {
		applied.Status[i] = asInt(status[i])
	}
	for i := range body {
		applied.Body[i] = asString(body[i])
	}
	return applied, nil
}

// column is the JS array property name of o as Go values (goja exports an array's elements in one pass).
func (r *gojaProgressRules) column(o *goja.Object, name string) []any {
	v := o.Get(name)
	if v == nil {
		return nil
	}
	a, _ := v.Export().([]any)
	return a
}

// asInt and asString read exported numbers (int64 or float64) and strings; anything else is 0 or "".
func asInt(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		return int(x)
	}
	return 0
}

func asString(v any) string {
	s, _ := v.(string)
	return s
}

func (r *gojaProgressRules) ServerError() string { return r.serverError }

func (r *gojaProgressRules) CourseFactsSQL() string { return r.courseFactsSQL }
