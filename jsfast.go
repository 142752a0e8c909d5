package main

// Natives for the JS routes' hot paths (docs/quiz-load.md, seventh pass): what a route reads of each request
// and writes back, and the database handles it asks its app for, in one call from the VM each.
//
//	__qaRequest.head(e)                 → {method, type, length}: the method, Content-Type and Content-Length
//	__qaRequest.info(e)                 → {body, query} of e.requestInfo(), or {error} with its error's text
//	__qaRequest.user(e)                 → e.auth when it is a user of the users collection, else null
//	__qaRequest.respond(e, status, text) writes a JSON text as the answer
//	__qaApp.db(app), __qaApp.readDb(app) → app.db(), app.concurrentDB()
//	__qaApp.isApp(v), __qaApp.isTransactional(app)
//	__qaApp.strings(record, names)      → {name: record.getString(name), …}
//	__qaApp.random(length, alphabet)    → $security.randomStringWithAlphabet(length, alphabet)
//
// The JS VM reaches a Go object's methods by reflection: every `e.request.header.get(…)`, `e.requestInfo()`,
// `record.collection().name`, `tx.db()` or `e.response.header().set(…)` builds a function object for the method,
// converts its arguments and wraps its result (15-25 µs each in a probe build on the 2-core benchmark machine),
// several per request and about ten inside each completing submit's transaction. These natives do the same work
// in Go and hand the VM plain values; paired, 2-4 % less CPU per quiz request. `info` is e.RequestInfo() (the same
// parse, the same errors: PocketBase's bind of a JSON body) with the body and query given to the VM as plain JS
// objects (jsonToJS), so that reading them costs nothing more.

import (
	"net/http"
	"strconv"

	"github.com/dop251/goja"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// bindRequestNatives sets __qaRequest and __qaApp in a VM (main.go, for every VM jsvm makes).
func bindRequestNatives(vm *goja.Runtime) {
	event := func(v goja.Value) *core.RequestEvent {
		e, ok := v.Export().(*core.RequestEvent)
		if !ok || e == nil {
			panic(vm.NewTypeError("__qaRequest: a request event is required"))
		}
		return e
	}
	obj := vm.NewObject()
	_ = obj.Set("head", func(call goja.FunctionCall) goja.Value {
		e := event(call.Argument(0))
		out := vm.NewObject()
		_ = out.Set("method", e.Request.Method)
		_ = out.Set("type", e.Request.Header.Get("Content-Type"))
		_ = out.Set("length", e.Request.ContentLength)
		return out
	})
	_ = obj.Set("info", func(call goja.FunctionCall) goja.Value {
		e := event(call.Argument(0))
		out := vm.NewObject()
		info, err := e.RequestInfo()
		if err != nil {
			_ = out.Set("error", err.Error())
			return out
		}
		_ = out.Set("body", jsonToJS(vm, map[string]any(info.Body)))
		query := vm.NewObject()
		for k, v := range info.Query {
			_ = query.DefineDataProperty(k, vm.ToValue(v), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		}
		_ = out.Set("query", query)
		return out
	})
	_ = obj.Set("user", func(call goja.FunctionCall) goja.Value {
		e := event(call.Argument(0))
		if e.Auth == nil || e.Auth.Collection().Name != "users" {
			return goja.Null()
		}
		return vm.ToValue(e.Auth)
	})
	_ = obj.Set("respond", func(call goja.FunctionCall) goja.Value {
		e := event(call.Argument(0))
		status := int(call.Argument(1).ToInteger())
		if status < 100 || status > 599 {
			status = http.StatusInternalServerError
		}
		if err := writeJSONText(e, status, call.Argument(2).String()); err != nil {
			panic(vm.NewGoError(err))
		}
		return goja.Undefined()
	})
	_ = vm.Set("__qaRequest", obj)

	app := func(v goja.Value) core.App {
		a, ok := v.Export().(core.App)
		if !ok || a == nil {
			panic(vm.NewTypeError("__qaApp: an app is required"))
		}
		return a
	}
	apps := vm.NewObject()
	_ = apps.Set("db", func(call goja.FunctionCall) goja.Value { return vm.ToValue(app(call.Argument(0)).DB()) })
	_ = apps.Set("readDb", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(app(call.Argument(0)).ConcurrentDB())
	})
	_ = apps.Set("isApp", func(call goja.FunctionCall) goja.Value {
		_, ok := call.Argument(0).Export().(core.App)
		return vm.ToValue(ok)
	})
	_ = apps.Set("isTransactional", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(app(call.Argument(0)).IsTransactional())
	})
	_ = apps.Set("strings", func(call goja.FunctionCall) goja.Value {
		record, ok := call.Argument(0).Export().(*core.Record)
		if !ok || record == nil {
			panic(vm.NewTypeError("__qaApp.strings: a record is required"))
		}
		out := vm.NewObject()
		names := call.Argument(1).ToObject(vm)
		for i := int64(0); i < names.Get("length").ToInteger(); i++ {
			name := names.Get(strconv.FormatInt(i, 10)).String()
			_ = out.Set(name, record.GetString(name))
		}
		return out
	})
	_ = apps.Set("random", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(security.RandomStringWithAlphabet(int(call.Argument(0).ToInteger()), call.Argument(1).String()))
	})
	_ = vm.Set("__qaApp", apps)
}

// jsonToJS makes plain JS values of Go data decoded from JSON (maps, slices, strings, float64, bools, nil), as the
// VM's JSON.parse would: own data properties (a "__proto__" key is a key, not the object's prototype).
func jsonToJS(vm *goja.Runtime, v any) goja.Value {
	switch x := v.(type) {
	case map[string]any:
		if x == nil {
			return goja.Null()
		}
		obj := vm.NewObject()
		for k, item := range x {
			_ = obj.DefineDataProperty(k, jsonToJS(vm, item), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		}
		return obj
	case []any:
		items := make([]any, len(x))
		for i, item := range x {
			items[i] = jsonToJS(vm, item)
		}
		return vm.NewArray(items...)
	case nil:
		return goja.Null()
	default:
		return vm.ToValue(x)
	}
}
