package main

// The write path of video-progress reports (POST /api/qa/video-progress), the busiest write of a training
// day: a Go handler queues each report to one batcher goroutine, which applies a whole batch with ONE call
// into a goja runtime of its own (the rules stay in TypeScript: src/lib/progress-batch.ts, bundled to
// pb_hooks/lib/progress-rules.js) and writes it in ONE SQLite transaction, then answers every request of the
// batch. A report is acknowledged only after its batch has committed; when anything in the commit fails, every
// report of the batch gets the 500 answer (the client's outbox sends them again). The rare report that
// finishes the video is handed to the JS route (reportVideo in src/server/learning.ts), which writes it and
// evaluates completion in one transaction; later reports of that learner and lesson follow it there, one at a
// time, until it is done. docs/api-load.md has the measurements and the durability argument.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

const (
	progressPath = "/api/qa/video-progress"
	// progressMaxBatch bounds one transaction (and the time the single SQLite writer is held): at 2,000
	// reports/s a batch forms from the reports that arrived while the previous one was being committed.
	progressMaxBatch = 500
	// progressQueue is how many reports may wait for the batcher before handlers block on the queue.
	progressQueue = 4096
	// progressLinger: a batch waits this long after its first report for more to arrive. A batch has a fixed
	// cost (a transaction, two statements, two calls into goja) that one report alone would pay: at 2,000
	// reports/s with no wait, batches were of one or two reports and that cost was most of a report's CPU.
	// Two milliseconds gather four or more at that rate; a lone report waits 2 ms longer for its answer.
	progressLinger = 2 * time.Millisecond
)

// progressRequest is one report as the batch rules read it (BatchRequest in src/lib/progress-batch.ts).
type progressRequest struct {
	User     string
	Type     string
	Length   int64
	TooLarge bool
	Body     string
	queued   time.Time // set only when tracing

	reply chan progressAnswer // buffered: the batcher never waits for a handler
}

// progressAnswer is what the handler does with a request: write Body with Status, hand it to the JS route
// once its turn comes, or fail with Err (500).
type progressAnswer struct {
	Status int
	Body   string
	Turn   *progressTurn
	Err    error
}

// progressKey names one learner's row for one lesson.
type progressKey struct {
	User   string `json:"user"`
	Course string `json:"course"`
	Lesson string `json:"lesson"`
}

// progressRow is a stored row as the rules read it (BatchRow).
type progressRow struct {
	User       string  `db:"user" json:"user"`
	Course     string  `db:"course" json:"course"`
	Lesson     string  `db:"lesson" json:"lesson"`
	Id         string  `db:"id" json:"id"`
	Intervals  string  `db:"intervals" json:"intervals"`
	Position   float64 `db:"position" json:"position"`
	Done       bool    `db:"done" json:"done"`
	ReportedAt string  `db:"reported_at" json:"reported_at"`
	Credit     float64 `db:"credit" json:"credit"`
}

// progressWrite is a row to insert or update (BatchWrite). The rules hand Go the batch's writes as the JSON
// text of a list of these, which goes to SQLite as it is; Go reads them only in tests.
type progressWrite struct {
	Id        string  `json:"id"`
	User      string  `json:"user"`
	Course    string  `json:"course"`
	Lesson    string  `json:"lesson"`
	Intervals string  `json:"intervals"`
	Position  float64 `json:"position"`
	Fraction  float64 `json:"fraction"`
	Done      bool    `json:"done"`
	At        string  `json:"at"`
	Credit    float64 `json:"credit"`
}

// progressPlanned is the plan's verdict on one request: refused (Status ≠ 0, with its answer Body) or the row
// of Key it needs (BatchPlan).
type progressPlanned struct {
	Status int
	Body   string
	Key    progressKey
}

// progressApplied is what applying a batch gives (BatchApplied): per request Status and Body to answer
// (Status 0: refused in the plan; progressDelegate: hand it to the JS route, Body is its key), and the rows to
// write as one JSON text (a list of progressWrite), Count of them.
type progressApplied struct {
	Status []int
	Body   []string
	Writes string
	Count  int
}

// progressDelegate is DELEGATE in src/lib/progress-batch.ts.
const progressDelegate = -1

// progressCourseFacts is what a completion is decided from, for one learner and course (COURSE_FACTS_SQL and
// CourseFacts in src/lib/progress-batch.ts): the JSON array of lessons done, a passed final, the JSON array of
// the completion recorded (” when none).
type progressCourseFacts struct {
	Done       string `db:"done"`
	Passed     bool   `db:"passed"`
	Completion string `db:"completion"`
}

// progressFacts reads progressCourseFacts inside the batch's transaction (quiz: the course's final quiz).
type progressFacts func(user, course, quiz string) (progressCourseFacts, error)

// progressRules runs the TypeScript rules; its methods are called from the batcher goroutine only.
type progressRules interface {
	// Plan checks the requests.
	Plan(batch []*progressRequest) ([]progressPlanned, error)
	// Apply applies the planned reports to the rows; new rows get their id from newId. A report that finishes
	// the video is answered by Apply when facts show it does not complete the course; nil facts: every
	// finishing report is handed to the JS route.
	Apply(rows []progressRow, busy []string, nowMs int64, newId func() string, facts progressFacts) (progressApplied, error)
	// CourseFactsSQL is the statement that reads progressCourseFacts ('' when the rules have none).
	CourseFactsSQL() string
	// ServerError is the body of the 500 answer.
	ServerError() string
}

// progressStore is the database: one write transaction per batch.
type progressStore interface {
	Tx(fn func(tx progressTx) error) error
	NewId() string
}

type progressTx interface {
	Rows(keys []progressKey) ([]progressRow, error)
	// CourseFacts runs the rules' COURSE_FACTS_SQL for one learner and course.
	CourseFacts(sql, user, course, quiz string) (progressCourseFacts, error)
	// Save writes the rows of writesJSON (a JSON list of progressWrite).
	Save(writesJSON string) error
}

type progressBatcher struct {
	in     chan *progressRequest
	rules  progressRules
	store  progressStore
	now    func() time.Time
	logger func() *slog.Logger

	linger time.Duration   // progressLinger (0: no wait)
	trace  *progressTracer // nil: off (QA_PROGRESS_TRACE)

	mu   sync.Mutex
	busy map[string]*progressTurn // key → the last request handed to the JS route for it
}

func newProgressBatcher(rules progressRules, store progressStore, logger func() *slog.Logger) *progressBatcher {
	return &progressBatcher{
		in:     make(chan *progressRequest, progressQueue),
		rules:  rules,
		store:  store,
		now:    time.Now,
		linger: progressLinger,
		logger: logger,
		busy:   map[string]*progressTurn{},
	}
}

// run is the batcher goroutine: it takes the reports that arrive within progressLinger of the first one, and
// whatever else has queued up meanwhile (at most progressMaxBatch), and applies them as one batch. Under heavy
// load the reports that arrive during one commit form the next batch.
func (b *progressBatcher) run(ctx context.Context) {
	batch := make([]*progressRequest, 0, progressMaxBatch)
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case r := <-b.in:
			batch = append(batch[:0], r)
		}
		if b.linger > 0 {
			linger.Reset(b.linger)
		gather:
			for len(batch) < progressMaxBatch {
				select {
				case r := <-b.in:
					batch = append(batch, r)
				case <-linger.C:
					break gather
				}
			}
			linger.Stop()
		}
	drain:
		for len(batch) < progressMaxBatch {
			select {
			case r := <-b.in:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		b.process(batch)
		clear(batch)
	}
}

// process answers every request of the batch exactly once.
func (b *progressBatcher) process(batch []*progressRequest) {
	answers := make([]progressAnswer, len(batch))
	var tr *batchTrace
	if b.trace != nil {
		tr = &batchTrace{taken: time.Now(), oldest: batch[0].queued, reports: len(batch)}
		defer b.trace.write(tr)
	}
	if err := b.apply(batch, answers, tr); err != nil {
		b.logger().Error("qa route failed", "route", progressPath, "reports", len(batch), "error", err.Error())
		for i := range answers {
			if answers[i].Turn != nil {
				answers[i].Turn.finish() // never leave its key busy
			}
			if answers[i].Status == 0 || answers[i].Status == http.StatusOK || answers[i].Turn != nil {
				answers[i] = progressAnswer{Err: err}
			}
		}
	}
	for i, r := range batch {
		r.reply <- answers[i]
	}
}

// apply fills answers; on an error the committed state is unchanged and the caller fails the batch's reports.
// A panic (in goja or the driver) fails the batch instead of the whole server.
func (b *progressBatcher) apply(batch []*progressRequest, answers []progressAnswer, tr *batchTrace) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("video progress batch panicked: %v", p)
		}
	}()
	plan, err := b.rules.Plan(batch)
	tr.stamp(tracePlanned)
	if err != nil {
		return fmt.Errorf("video progress rules (plan): %w", err)
	}
	if len(plan) != len(batch) {
		return fmt.Errorf("video progress rules (plan): %d verdicts for %d reports", len(plan), len(batch))
	}
	var keys []progressKey
	seen := make(map[progressKey]bool, len(plan))
	for i, item := range plan {
		if item.Status != 0 {
			answers[i] = progressAnswer{Status: item.Status, Body: item.Body}
			continue
		}
		if !seen[item.Key] {
			seen[item.Key] = true
			keys = append(keys, item.Key)
		}
	}
	if len(keys) == 0 {
		return nil // every request was refused: nothing to write
	}

	var applied progressApplied
	err = b.store.Tx(func(tx progressTx) error {
		tr.stamp(traceTxBegun)
		rows, err := tx.Rows(keys)
		if err != nil {
			return err
		}
		tr.stamp(traceRowsRead)
		var facts progressFacts
		if sql := b.rules.CourseFactsSQL(); sql != "" {
			facts = func(user, course, quiz string) (progressCourseFacts, error) {
				return tx.CourseFacts(sql, user, course, quiz)
			}
		}
		applied, err = b.rules.Apply(rows, b.busyKeys(), b.now().UnixMilli(), b.store.NewId, facts)
		tr.stamp(traceApplied)
		if err != nil {
			return fmt.Errorf("video progress rules (apply): %w", err)
		}
		if len(applied.Status) != len(batch) || len(applied.Body) != len(batch) {
			return fmt.Errorf("video progress rules (apply): %d answers for %d reports", len(applied.Status), len(batch))
		}
		if applied.Count == 0 {
			return nil
		}
		defer tr.stamp(traceSaved)
		return tx.Save(applied.Writes)
	})
	tr.stamp(traceCommitted)
	if err != nil {
		return err
	}
	// committed: now the answers may go out
	for i, status := range applied.Status {
		switch status {
		case 0: // refused in the plan, answered above
		case progressDelegate:
			answers[i] = progressAnswer{Turn: b.takeTurn(applied.Body[i])}
			if tr != nil {
				tr.handed++
			}
		default:
			answers[i] = progressAnswer{Status: status, Body: applied.Body[i]}
		}
	}
	return nil
}

// progressTurn orders the requests handed to the JS route for one learner and lesson: each waits for the
// previous one to finish, and while any is waiting or running, the batcher hands later reports of that key
// over too (busy), so none of them is applied out of order.
type progressTurn struct {
	key  string
	prev chan struct{}
	done chan struct{}
	once sync.Once
	b    *progressBatcher
}

func (b *progressBatcher) takeTurn(key string) *progressTurn {
	b.mu.Lock()
	defer b.mu.Unlock()
	t := &progressTurn{key: key, done: make(chan struct{}), b: b}
	if last := b.busy[key]; last != nil {
		t.prev = last.done
	}
	b.busy[key] = t
	return t
}

func (b *progressBatcher) busyKeys() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	keys := make([]string, 0, len(b.busy))
	for k := range b.busy {
		keys = append(keys, k)
	}
	return keys
}

// wait returns once the previous request of the same key has finished.
func (t *progressTurn) wait() {
	if t.prev != nil {
		<-t.prev
	}
}

// finish must be called once the request is done with (answered, failed or abandoned).
func (t *progressTurn) finish() {
	t.once.Do(func() {
		close(t.done)
		t.b.mu.Lock()
		if t.b.busy[t.key] == t {
			delete(t.b.busy, t.key)
		}
		t.b.mu.Unlock()
	})
}

// submit queues a request and waits for its answer.
func (b *progressBatcher) submit(ctx context.Context, r *progressRequest) (progressAnswer, error) {
	r.reply = make(chan progressAnswer, 1)
	if b.trace != nil {
		r.queued = time.Now()
	}
	select {
	case b.in <- r:
	case <-ctx.Done():
		return progressAnswer{}, ctx.Err()
	}
	a := <-r.reply // always answered, even if the client has gone (the report may be committed)
	return a, nil
}

// handle is the middleware that takes POST /api/qa/video-progress before the JS route (which stays
// registered: it receives the handed-over reports). It runs after PocketBase's rate limiter, the security
// headers and the body limits, and before the JS VM gate, so batched reports hold no VM.
func (b *progressBatcher) handle(e *core.RequestEvent) error {
	if e.Request.Method != http.MethodPost || e.Request.URL.Path != progressPath {
		return e.Next()
	}
	r := &progressRequest{Type: e.Request.Header.Get("Content-Type"), Length: e.Request.ContentLength}
	if e.Auth != nil && e.Auth.Collection().Name == "users" {
		r.User = e.Auth.Id
	}
	body, err := io.ReadAll(e.Request.Body) // the router's body can be read again by the JS route
	switch {
	case errors.Is(err, apis.ErrRequestEntityTooLarge):
		r.TooLarge = true
	case err != nil:
		return err // the client went away mid-body
	}
	r.Body = string(body)
	a, err := b.submit(e.Request.Context(), r)
	if err != nil {
		return err
	}
	switch {
	case a.Turn != nil:
		defer a.Turn.finish()
		a.Turn.wait()
		// The JS route writes and evaluates completion in one transaction; completion needs the whole
		// record (name, enterprise), where progress_auth.go loaded only the id.
		if e.Auth != nil && e.Auth.Collection().Name == "users" {
			full, err := e.App.FindRecordById("users", e.Auth.Id)
			if err != nil {
				e.Auth = nil // gone meanwhile: the route answers 401
			} else {
				e.Auth = full
			}
		}
		// the body again, as read (the body limit's reader would count a second read against the limit)
		e.Request.Body = io.NopCloser(bytes.NewReader(body))
		return e.Next()
	case a.Err != nil:
		return writeJSONText(e, http.StatusInternalServerError, b.rules.ServerError())
	default:
		// fast successes are left out of the request log by requestlog.go, which wraps this handler
		return writeJSONText(e, a.Status, a.Body)
	}
}

// writeJSONText writes a JSON text as is, as the JS routes' jsonRoute does.
func writeJSONText(e *core.RequestEvent, status int, body string) error {
	e.Response.Header().Set("Content-Type", "application/json")
	e.Response.WriteHeader(status)
	_, err := io.WriteString(e.Response, body)
	return err
}

// registerVideoProgress installs the batched write path when the rules bundle has been built; without it
// (or with QA_PROGRESS_BATCH=0, for comparison) the JS route serves every report, as before.
func registerVideoProgress(app core.App, hooksDir string, auth *authCache, writer *writerTurn) {
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(se *core.ServeEvent) error {
			if os.Getenv("QA_PROGRESS_BATCH") == "0" {
				return se.Next()
			}
			runtimes := defaultProgressRuntimes()
			if n, err := strconv.Atoi(os.Getenv("QA_PROGRESS_RUNTIMES")); err == nil && n > 0 {
				runtimes = n // for comparisons (docs/api-load.md)
			}
			parts := make([]progressRules, runtimes)
			for k := range parts {
				rules, err := loadProgressRules(resolveHooksDir(app, hooksDir))
				if err != nil {
					app.Logger().Warn("video progress: batched write path off, the JS route serves every report", "error", err.Error())
					return se.Next()
				}
				parts[k] = rules
			}
			b := newProgressBatcher(newParallelRules(parts), pbProgressStore{app, writer}, app.Logger)
			var err error
			if b.trace, err = openProgressTracer(os.Getenv("QA_PROGRESS_TRACE")); err != nil {
				app.Logger().Warn("video progress: no trace", "error", err.Error())
			}
			// Runs as long as the process: a request queued during shutdown still gets its answer (a 500 once
			// the database is closed, which the client's outbox retries).
			go b.run(context.Background())
			se.Router.Bind(&hook.Handler[*core.RequestEvent]{
				Id:       "qaVideoProgressBatch",
				Priority: apis.DefaultBodyLimitMiddlewarePriority + 10, // after the body limits, before the VM gate
				Func:     b.handle,
			})
			bindProgressAuth(auth, se)
			return se.Next()
		},
	})
}

// pbProgressStore is progressStore on PocketBase's database (dbx, whichever SQLite driver is linked). A batch
// gets the single writer ahead of the routes waiting for it (writerturn.go): hundreds of reports wait on it.
type pbProgressStore struct {
	app    core.App
	writer *writerTurn
}

func (s pbProgressStore) NewId() string { return core.GenerateDefaultRandomId() }

func (s pbProgressStore) Tx(fn func(tx progressTx) error) error {
	if s.writer != nil {
		defer s.writer.leave(s.writer.enter(true))
	}
	return s.app.RunInTransaction(func(tx core.App) error { return fn(pbProgressTx{tx}) })
}

type pbProgressTx struct{ app core.App }

// Rows reads the batch's rows in one query: the keys go to SQLite as one JSON array, and the unique
// (user, course, lesson) index finds each row.
func (t pbProgressTx) Rows(keys []progressKey) ([]progressRow, error) {
	raw, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	var rows []progressRow
	err = t.app.DB().NewQuery(`SELECT p.user AS user, p.course AS course, p.lesson AS lesson, p.id AS id,
		IFNULL(p.video_intervals, '') AS intervals, p.video_position AS position, p.video_done AS done,
		p.video_reported_at AS reported_at, p.video_credit AS credit
		FROM jsonb_each(jsonb({:keys})) AS k JOIN lesson_progress AS p
		ON p.user = json_extract(k.value, '$.user') AND p.course = json_extract(k.value, '$.course') AND p.lesson = json_extract(k.value, '$.lesson')`).
		Bind(map[string]any{"keys": string(raw)}).All(&rows)
	return rows, err
}

// CourseFacts reads, in the batch's transaction, what the completion of a course is decided from (the rare
// report that finishes a video).
func (t pbProgressTx) CourseFacts(sql, user, course, quiz string) (progressCourseFacts, error) {
	var f progressCourseFacts
	err := t.app.DB().NewQuery(sql).Bind(map[string]any{"user": user, "course": course, "quiz": quiz}).One(&f)
	return f, err
}

// Save writes the batch's rows with one statement: new rows are inserted, existing ones get only their video
// columns updated (read_at, set by marking the lesson read, stays).
func (t pbProgressTx) Save(writesJSON string) error {
	_, err := t.app.DB().NewQuery(`INSERT INTO lesson_progress (id, user, course, lesson, video_intervals, video_position, video_fraction,
		video_done, video_reported_at, video_credit, created, updated)
		SELECT json_extract(value, '$.id'), json_extract(value, '$.user'), json_extract(value, '$.course'), json_extract(value, '$.lesson'),
		json_extract(value, '$.intervals'), json_extract(value, '$.position'), json_extract(value, '$.fraction'), json_extract(value, '$.done'),
		json_extract(value, '$.at'), json_extract(value, '$.credit'), json_extract(value, '$.at'), json_extract(value, '$.at')
		FROM jsonb_each(jsonb({:rows})) WHERE true
		ON CONFLICT (user, course, lesson) DO UPDATE SET video_intervals = excluded.video_intervals, video_position = excluded.video_position,
		video_fraction = excluded.video_fraction, video_done = excluded.video_done, video_reported_at = excluded.video_reported_at,
		video_credit = excluded.video_credit, updated = excluded.updated`).
		Bind(map[string]any{"rows": writesJSON}).Execute()
	return err
}

// resolveHooksDir is where the JS VM plugin looks for pb_hooks when --hooksDir is not given.
func resolveHooksDir(app core.App, hooksDir string) string {
	if hooksDir != "" {
		return hooksDir
	}
	return strings.TrimSuffix(app.DataDir(), "/") + "/../pb_hooks"
}
