package main

// Prepared SQL for the hot routes' plain queries (src/server/sql.ts), as the JS global __qaSql:
//
//	__qaSql.rows(db, sql, params) → JSON text of the rows ([{column: value, …}, …])
//	__qaSql.exec(db, sql, params) → rows affected
//
// db is what app.db(), tx.db() or app.concurrentDB() return; params bind {:name} placeholders as dbx does.
// Each SQL text is prepared once per connection and reused: in a quiz burst SQLite spent 10-18 % of the
// server's CPU parsing the same dozen statements again on every request (docs/quiz-load.md). The rows come back
// as one string, so the JS VM makes one call into Go per query instead of one reflective read per field.
// This does not depend on the SQLite driver: it uses database/sql only.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unsafe"

	"github.com/dop251/goja"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

const maxPreparedStatements = 256 // the routes use a few dozen fixed texts; anything beyond is not cached

type preparedSQL struct {
	// writer: the database PocketBase writes and runs its transactions on (app.NonconcurrentDB());
	// reader: its read pool (app.ConcurrentDB())
	writer, reader func() *dbx.DB
	mu             sync.Mutex
	stmts          map[stmtKey]*sql.Stmt
	// pending: texts being prepared on the writer in the background
	pending map[stmtKey]bool
	texts   sync.Map // dbx SQL → converted (string and parameter names)
}

type stmtKey struct {
	db  *sql.DB
	sql string
}

type convertedSQL struct {
	sql   string
	names []string
}

func newPreparedSQL(app core.App) *preparedSQL {
	return newPreparedSQLOn(func() *dbx.DB {
		db, _ := app.NonconcurrentDB().(*dbx.DB)
		return db
	}, func() *dbx.DB {
		db, _ := app.ConcurrentDB().(*dbx.DB)
		return db
	})
}

func newPreparedSQLOn(writer, reader func() *dbx.DB) *preparedSQL {
	return &preparedSQL{writer: writer, reader: reader, stmts: map[stmtKey]*sql.Stmt{}}
}

// resolve: app.db() outside a transaction is PocketBase's dual builder, which sends SELECT and WITH to the read
// pool and everything else to the writer; the same here.
func (p *preparedSQL) resolve(builder any, text string) any {
	switch builder.(type) {
	case *dbx.DB, *dbx.Tx:
		return builder
	case dbx.Builder:
		trimmed := strings.ToUpper(strings.TrimLeftFunc(text, unicode.IsSpace))
		db := p.writer
		if strings.HasPrefix(trimmed, "SELECT") || strings.HasPrefix(trimmed, "WITH") {
			db = p.reader
		}
		if d := db(); d != nil {
			return d
		}
	}
	return builder
}

var placeholder = regexp.MustCompile(`\{:(\w+)\}`)

// convert turns dbx's {:name} placeholders into SQLite's numbered ?N (a name used twice binds once).
func (p *preparedSQL) convert(text string) convertedSQL {
	if c, ok := p.texts.Load(text); ok {
		return c.(convertedSQL)
	}
	var names []string
	index := map[string]int{}
	out := placeholder.ReplaceAllStringFunc(text, func(m string) string {
		name := m[2 : len(m)-1]
		n, ok := index[name]
		if !ok {
			names = append(names, name)
			n = len(names)
			index[name] = n
		}
		return "?" + strconv.Itoa(n)
	})
	c := convertedSQL{sql: out, names: names}
	p.texts.Store(text, c)
	return c
}

func (c convertedSQL) args(params map[string]any) ([]any, error) {
	args := make([]any, len(c.names))
	for i, name := range c.names {
		v, ok := params[name]
		if !ok {
			return nil, fmt.Errorf("__qaSql: no value for {:%s}", name)
		}
		args[i] = v
	}
	return args, nil
}

// stmt returns the statement prepared on db (once; database/sql prepares it again on each connection it runs on).
func (p *preparedSQL) stmt(db *sql.DB, text string) (*sql.Stmt, error) {
	key := stmtKey{db, text}
	p.mu.Lock()
	s, ok := p.stmts[key]
	p.mu.Unlock()
	if ok {
		return s, nil
	}
	s, err := db.Prepare(text)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if existing, ok := p.stmts[key]; ok {
		s.Close()
		return existing, nil
	}
	if len(p.stmts) >= maxPreparedStatements {
		return s, nil // used once and closed by the caller's closeAfter
	}
	p.stmts[key] = s
	return s, nil
}

func (p *preparedSQL) cached(s *sql.Stmt) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.stmts {
		if c == s {
			return true
		}
	}
	return false
}

// sqlTxOf reads the *sql.Tx inside a dbx transaction (an unexported field; checked by name and type, and by
// TestPreparedStatementsInTransactions, so a dbx change falls back to unprepared statements, never breaks).
func sqlTxOf(tx *dbx.Tx) *sql.Tx {
	f := reflect.ValueOf(tx).Elem().FieldByName("tx")
	if !f.IsValid() || f.Type() != reflect.TypeOf((*sql.Tx)(nil)) {
		return nil
	}
	return *(**sql.Tx)(unsafe.Pointer(f.UnsafeAddr()))
}

// statement is what a query runs through: a prepared *sql.Stmt, or the SQL text on a transaction.
type statement interface {
	Query(args ...any) (*sql.Rows, error)
	Exec(args ...any) (sql.Result, error)
}

type unpreparedInTx struct {
	tx  *sql.Tx
	sql string
}

func (u unpreparedInTx) Query(args ...any) (*sql.Rows, error) { return u.tx.Query(u.sql, args...) }
func (u unpreparedInTx) Exec(args ...any) (sql.Result, error) { return u.tx.Exec(u.sql, args...) }

// run executes text on builder with a prepared statement; use gets the statement.
func (p *preparedSQL) run(builder any, text string, params map[string]any, use func(statement, []any) error) error {
	c := p.convert(text)
	args, err := c.args(params)
	if err != nil {
		return err
	}
	switch b := p.resolve(builder, text).(type) {
	case *dbx.DB:
		s, err := p.stmt(b.DB(), c.sql)
		if err != nil {
			return err
		}
		if !p.cached(s) {
			defer s.Close()
		}
		return use(s, args)
	case *dbx.Tx:
		tx := sqlTxOf(b)
		if tx == nil {
			return errors.New("__qaSql: transaction of an unknown kind")
		}
		// PocketBase runs transactions on its single-connection writer (NonconcurrentDB), and the transaction
		// holds that connection: preparing on the writer now would wait for it forever. The first use of a text
		// runs unprepared and has it prepared once the writer is free; later transactions reuse it (database/sql
		// keeps the statement per connection, and prepares it on the transaction's connection if needed).
		writer := p.writer()
		s := p.cachedStmt(writer, c.sql)
		if s == nil {
			if writer != nil {
				p.prepareLater(writer.DB(), c.sql)
			}
			return use(unpreparedInTx{tx, c.sql}, args)
		}
		ts := tx.StmtContext(context.Background(), s)
		defer ts.Close()
		return use(ts, args)
	}
	return fmt.Errorf("__qaSql: not a database: %T", builder)
}

func (p *preparedSQL) cachedStmt(db *dbx.DB, text string) *sql.Stmt {
	if db == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stmts[stmtKey{db.DB(), text}]
}

// prepareLater prepares text on db in the background, once (it waits for the writer's connection).
func (p *preparedSQL) prepareLater(db *sql.DB, text string) {
	key := stmtKey{db, text}
	p.mu.Lock()
	if p.pending == nil {
		p.pending = map[stmtKey]bool{}
	}
	if p.pending[key] || len(p.stmts) >= maxPreparedStatements {
		p.mu.Unlock()
		return
	}
	p.pending[key] = true
	p.mu.Unlock()
	go func() {
		if s, err := p.stmt(db, text); err == nil && !p.cached(s) {
			s.Close()
		}
	}()
}

// rows runs a query and returns its rows as JSON text.
func (p *preparedSQL) rows(builder any, text string, params map[string]any) (string, error) {
	var out []byte
	err := p.run(builder, text, params, func(s statement, args []any) error {
		rows, err := s.Query(args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		out, err = rowsJSON(rows)
		return err
	})
	return string(out), err
}

// exec runs a statement and returns the rows it changed.
func (p *preparedSQL) exec(builder any, text string, params map[string]any) (int64, error) {
	var n int64
	err := p.run(builder, text, params, func(s statement, args []any) error {
		result, err := s.Exec(args...)
		if err != nil {
			return err
		}
		n, err = result.RowsAffected()
		return err
	})
	return n, err
}

func rowsJSON(rows *sql.Rows) ([]byte, error) {
	columns, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	values := make([]any, len(columns))
	pointers := make([]any, len(columns))
	for i := range values {
		pointers[i] = &values[i]
	}
	out := []byte{'['}
	first := true
	for rows.Next() {
		if err := rows.Scan(pointers...); err != nil {
			return nil, err
		}
		if !first {
			out = append(out, ',')
		}
		first = false
		out = append(out, '{')
		for i, column := range columns {
			if i > 0 {
				out = append(out, ',')
			}
			out = appendJSONString(out, column)
			out = append(out, ':')
			if out, err = appendJSONValue(out, values[i]); err != nil {
				return nil, err
			}
		}
		out = append(out, '}')
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return append(out, ']'), nil
}

func appendJSONString(out []byte, s string) []byte {
	b, _ := json.Marshal(s) // escapes as JSON (strconv.Quote would write Go escapes)
	return append(out, b...)
}

func appendJSONValue(out []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(out, "null"...), nil
	case []byte:
		return appendJSONString(out, string(x)), nil
	case string:
		return appendJSONString(out, x), nil
	case int64:
		return strconv.AppendInt(out, x, 10), nil
	case bool:
		return strconv.AppendBool(out, x), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(out, b...), nil
}

// bindSQL makes __qaSql available in a JS VM.
func (p *preparedSQL) bind(vm *goja.Runtime) {
	obj := vm.NewObject()
	_ = obj.Set("rows", p.rows)
	_ = obj.Set("exec", p.exec)
	_ = vm.Set("__qaSql", obj)
}
