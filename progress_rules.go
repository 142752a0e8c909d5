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
	return r, nil
}

func (r *gojaProgressRules) Plan(requestsJSON string) (string, error) {
	v, err := r.plan(goja.Undefined(), r.vm.ToValue(requestsJSON))
	if err != nil {
		return "", err
	}
	return v.String(), nil
}

func (r *gojaProgressRules) Apply(rowsJSON, busyJSON string, nowMs int64) (string, error) {
	v, err := r.apply(goja.Undefined(), r.vm.ToValue(rowsJSON), r.vm.ToValue(busyJSON), r.vm.ToValue(nowMs))
	if err != nil {
		return "", err
	}
	return v.String(), nil
}

func (r *gojaProgressRules) ServerError() string { return r.serverError }
