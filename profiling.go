package main

// Profiling for benchmarks only (docs/quiz-load.md): QA_PPROF=127.0.0.1:6061 serves Go's pprof on that loopback
// address, and each request is labelled with the route kind it serves, so that one CPU profile of a whole run
// splits into starts and submits: go tool pprof -tagfocus=route=submit -top bin/pocketbase cpu.pprof

import (
	"bytes"
	"context"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// startProfiling serves pprof when QA_PPROF is set (only for `serve`: the migrate and superuser commands that
// a benchmark runs first must not take the address). It says where, or why not, on stderr.
func startProfiling(app core.App, serving bool) {
	addr := os.Getenv("QA_PPROF")
	if addr == "" || !serving {
		return
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		log.Printf("QA_PPROF: cannot listen on %s: %v", addr, err)
		return
	}
	log.Printf("QA_PPROF: Go's profiler on http://%s/debug/pprof/ (JS functions: /debug/jsprofile?seconds=N)", listener.Addr())
	http.HandleFunc("/debug/jsprofile", serveJSProfile)
	go func() { log.Println(http.Serve(listener, nil)) }()
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "qaProfileLabels",
			Priority: apis.DefaultWWWRedirectMiddlewarePriority - 1, // the whole chain: auth, logging, route
			Func: func(e *core.RequestEvent) error {
				var err error
				pprof.Do(e.Request.Context(), pprof.Labels("route", routeKind(e.Request.Method, e.Request.URL.Path)), func(context.Context) {
					err = e.Next()
				})
				return err
			},
		})
		return se.Next()
	})
}

// serveJSProfile answers with goja's own CPU profile (pprof format, samples by JS function) over the given
// seconds: Go's profile shows time "in the VM" but not which TypeScript function spent it.
func serveJSProfile(w http.ResponseWriter, r *http.Request) {
	seconds, err := strconv.Atoi(r.URL.Query().Get("seconds"))
	if err != nil || seconds <= 0 {
		seconds = 10
	}
	var buf bytes.Buffer
	if err := goja.StartProfile(&buf); err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	select {
	case <-time.After(time.Duration(seconds) * time.Second):
	case <-r.Context().Done():
	}
	goja.StopProfile()
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(buf.Bytes())
}

// routeKind names the quiz burst's two requests; everything else is "other".
func routeKind(method, path string) string {
	switch {
	case method == http.MethodPost && path == "/api/qa/attempts":
		return "start"
	case method == http.MethodPost && strings.HasPrefix(path, "/api/qa/attempts/") && strings.HasSuffix(path, "/submit"):
		return "submit"
	}
	return "other"
}
