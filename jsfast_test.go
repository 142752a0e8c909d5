package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/plugins/jsvm"
)

func nativesVM(t *testing.T) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	vm.SetFieldNameMapper(jsvm.FieldMapper{}) // as PocketBase's VMs: record.id, not record.Id
	bindRequestNatives(vm)
	return vm
}

func requestEvent(method, target, contentType, body string) (*core.RequestEvent, *httptest.ResponseRecorder) {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	e := &core.RequestEvent{}
	e.Request = req
	e.Response = rec
	return e, rec
}

func runJS(t *testing.T, vm *goja.Runtime, script string) goja.Value {
	t.Helper()
	v, err := vm.RunString(script)
	if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	return v
}

func TestRequestNativesGiveTheBodyAndQueryAsPlainObjects(t *testing.T) {
	vm := nativesVM(t)
	body := `{"quiz":"c/final","answers":{"q#1":[0,2],"q#2":true,"q#3":null},"n":1.5,"__proto__":{"polluted":1}}`
	e, _ := requestEvent("POST", "/api/qa/attempts?region=33&x=1&x=2", "application/json", body)
	_ = vm.Set("e", e)
	head := runJS(t, vm, `JSON.stringify(__qaRequest.head(e))`).String()
	if want := fmt.Sprintf(`{"method":"POST","type":"application/json","length":%d}`, len(body)); head != want {
		t.Fatalf("head: %s, want %s", head, want)
	}
	checks := []string{
		`const i = __qaRequest.info(e); i.error === undefined`,
		`i.body.quiz === 'c/final' && i.body.n === 1.5`,
		`Array.isArray(i.body.answers['q#1']) && i.body.answers['q#1'][1] === 2 && i.body.answers['q#2'] === true && i.body.answers['q#3'] === null`,
		// own data properties, as JSON.parse makes them: a "__proto__" key does not replace the prototype
		`Object.getPrototypeOf(i.body) === Object.prototype && i.body.polluted === undefined`,
		`Object.prototype.hasOwnProperty.call(i.body, '__proto__') && i.body.__proto__ !== undefined`,
		// plain JS objects: assignable and serialisable as any other
		`i.body.answers.extra = 1; JSON.parse(JSON.stringify(i.body.answers)).extra === 1`,
		`i.query.region === '33' && i.query.x === '1'`,
	}
	for _, check := range checks {
		if !runJS(t, vm, check).ToBoolean() {
			t.Errorf("false: %s", check)
		}
	}
}

func TestRequestNativesReportABodyPocketBaseCannotRead(t *testing.T) {
	vm := nativesVM(t)
	e, _ := requestEvent("POST", "/api/qa/attempts", "application/json", `{"quiz":`)
	_ = vm.Set("e", e)
	if msg := runJS(t, vm, `__qaRequest.info(e).error`).String(); msg == "" || msg == "undefined" {
		t.Fatalf("a truncated body must give PocketBase's error, got %q", msg)
	}
	e2, _ := requestEvent("POST", "/api/qa/attempts", "application/json", `1e999`)
	_ = vm.Set("e2", e2)
	if runJS(t, vm, `__qaRequest.info(e2).error === undefined`).ToBoolean() {
		t.Fatal("a number out of range must be refused as PocketBase refuses it")
	}
	e3, _ := requestEvent("POST", "/api/qa/attempts", "application/json", `null`)
	_ = vm.Set("e3", e3)
	if !runJS(t, vm, `const n = __qaRequest.info(e3); n.error === undefined && n.body === null`).ToBoolean() {
		t.Fatal("a JSON null body must come as null, for the route to refuse as not an object")
	}
}

func TestRequestUserIsAUsersRecordOnly(t *testing.T) {
	vm := nativesVM(t)
	e, _ := requestEvent("GET", "/api/qa/me", "", "")
	_ = vm.Set("e", e)
	if !runJS(t, vm, `__qaRequest.user(e) === null`).ToBoolean() {
		t.Fatal("no auth: null")
	}
	e.Auth = testRecord("u1")
	if got := runJS(t, vm, `__qaRequest.user(e).id`).String(); got != "u1" {
		t.Fatalf("a user: their record, got %q", got)
	}
	superusers := core.NewAuthCollection(core.CollectionNameSuperusers)
	admin := core.NewRecord(superusers)
	admin.Id = "admin1"
	e.Auth = admin
	if !runJS(t, vm, `__qaRequest.user(e) === null`).ToBoolean() {
		t.Fatal("a superuser is not a learner: null")
	}
}

func TestRequestRespondWritesTheJSONText(t *testing.T) {
	vm := nativesVM(t)
	e, rec := requestEvent("POST", "/api/qa/attempts", "application/json", `{}`)
	_ = vm.Set("e", e)
	runJS(t, vm, `__qaRequest.respond(e, 201, JSON.stringify({ title: '质量方针', n: 1 }))`)
	if rec.Code != http.StatusCreated || rec.Header().Get("Content-Type") != "application/json" || rec.Body.String() != `{"title":"质量方针","n":1}` {
		t.Fatalf("answer: %d %q %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	}
}

func TestAppNativesAnswerAsTheAppsMethods(t *testing.T) {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: t.TempDir(), DBConnect: nativeSQLiteConnect})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer app.ResetBootstrapState()
	vm := nativesVM(t)
	_ = vm.Set("app", app)
	if !runJS(t, vm, `__qaApp.isApp(app) && !__qaApp.isApp({}) && !__qaApp.isApp(__qaApp.db(app)) && !__qaApp.isTransactional(app)`).ToBoolean() {
		t.Fatal("the app outside a transaction: an app, not transactional")
	}
	// DB() makes a new builder on each call (reads to the pool, writes to the writer): compare what they are
	if db := runJS(t, vm, `__qaApp.db(app)`).Export(); reflect.TypeOf(db) != reflect.TypeOf(app.DB()) {
		t.Fatalf("db(app): a %T, want the app's DB() (%T)", db, app.DB())
	}
	if runJS(t, vm, `__qaApp.readDb(app)`).Export() != app.ConcurrentDB() {
		t.Fatal("readDb(app) must be the app's ConcurrentDB()")
	}
	err := app.RunInTransaction(func(tx core.App) error {
		_ = vm.Set("tx", tx)
		if !runJS(t, vm, `__qaApp.isTransactional(tx)`).ToBoolean() {
			t.Error("inside a transaction: transactional")
		}
		if db := runJS(t, vm, `__qaApp.db(tx)`).Export(); db != tx.DB() {
			t.Errorf("db(tx): %T, want the transaction's DB() (%T)", db, tx.DB())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRecordStringsAndRandomNatives(t *testing.T) {
	vm := nativesVM(t)
	r := testRecord("u1")
	r.Set("name", "王小明")
	r.Set("enterprise", "ent1")
	_ = vm.Set("r", r)
	got := runJS(t, vm, `JSON.stringify(__qaApp.strings(r, ['name', 'enterprise', 'nofield']))`).String()
	if want := `{"name":"王小明","enterprise":"ent1","nofield":""}`; got != want {
		t.Fatalf("strings: %s, want %s", got, want)
	}
	a := runJS(t, vm, `__qaApp.random(40, 'xy')`).String()
	b := runJS(t, vm, `__qaApp.random(40, 'xy')`).String()
	if len(a) != 40 || strings.Trim(a, "xy") != "" || a == b {
		t.Fatalf("random: %q and %q, want two different strings of 40 x and y", a, b)
	}
}
