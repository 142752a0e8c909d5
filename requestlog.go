package main

// Quiet request log for the learners' hot paths (docs/logging.md). PocketBase writes one row per API request
// into pb_data/auxiliary.db; in a quiz burst that is thousands of rows a second of "200 OK" that nobody reads,
// written while the server is busiest. For the routes below a request that succeeded (status below 400, no
// error) within quietLogSlow is not logged. Everything else stays logged as before: refusals (4xx), failures
// (5xx, errors), slow requests, and every other route. QA_LOG_ALL_REQUESTS=1 logs every request again.

import (
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// quietLogSlow: a success that took longer than this is still logged (with its execTime).
const quietLogSlow = time.Second

// skipSuccessLogKey is the event key PocketBase's activity logger reads (apis.SkipSuccessActivityLog sets it;
// the constant is unexported). tests/integration/request-log.test.ts fails if the name ever changes.
const skipSuccessLogKey = "__skipSuccessActivityLogger"

// quietPath: the routes a learner calls many times per lesson or quiz.
func quietPath(method, path string) bool {
	if !strings.HasPrefix(path, "/api/qa/") {
		return false
	}
	switch {
	case method == http.MethodPost && (path == "/api/qa/attempts" || path == "/api/qa/video-progress" || path == "/api/qa/lessons/read"):
		return true
	case method == http.MethodPost && strings.HasPrefix(path, "/api/qa/attempts/") && strings.HasSuffix(path, "/submit"):
		return true
	case method == http.MethodGet && strings.HasPrefix(path, "/api/qa/attempts/"):
		return true
	}
	return false
}

// quietSuccess: whether the activity logger may skip this finished request.
func quietSuccess(method, path string, status int, err error, took time.Duration) bool {
	return err == nil && status > 0 && status < 400 && took < quietLogSlow && quietPath(method, path)
}

func registerQuietRequestLog(app core.App) {
	if os.Getenv("QA_LOG_ALL_REQUESTS") == "1" {
		return
	}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "qaQuietRequestLog",
			Priority: apis.DefaultActivityLoggerMiddlewarePriority + 1, // inside the logger: it reads the key after this returns
			Func: func(e *core.RequestEvent) error {
				began := time.Now()
				err := e.Next()
				if quietSuccess(e.Request.Method, e.Request.URL.Path, e.Status(), err, time.Since(began)) {
					e.Set(skipSuccessLogKey, true)
				}
				return err
			},
		})
		return se.Next()
	})
}
