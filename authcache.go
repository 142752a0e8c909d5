package main

// A short-lived cache of the auth record behind each token, for the platform's routes (/api/qa/).
//
// PocketBase loads the auth record on every request: it parses the JWT, reads the record by id and checks the
// signature against the record's tokenKey. In a quiz burst that was 12-28 % of the server's CPU, and because
// it runs before the VM gate, for every request waiting in the queue at once: hundreds of concurrent reads
// made database/sql open (and then close) new SQLite connections, each parsing the schema again.
//
// What the cache guarantees (docs/quiz-load.md):
//   - An entry is the record a token was verified against, kept at most authCacheTTL (seconds, not minutes)
//     and never past the token's own expiry.
//   - Any change to an auth record saved through this server (a password change rotates tokenKey, a role or
//     name change, a deletion) drops that record's entries when it commits, and a load that raced with the
//     change is not cached. So within this process a token is refused as soon as its key changed.
//   - A change made by another process on the same data (the `erase-user` or `superuser` commands) is seen
//     after at most authCacheTTL: that is the bound.
//   - A change to an auth collection (its token secret) clears everything.
//
// Misses (the first request of each token within the TTL) still verify through PocketBase's
// FindAuthRecordByToken, at most authLoadSlots at a time, so a burst of new tokens does not open a
// connection per waiting request.

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/security"
)

const (
	authCacheTTL     = 10 * time.Second
	authCacheMaxSize = 100_000 // about 3 KB each: a bound on memory, far above a county's burst
)

type authEntry struct {
	record  *core.Record
	expires time.Time
	// idOnly: a token verified by verifyUserToken (progress_auth.go), whose record carries the collection and id
	// only; served to the video-progress path, never as e.Auth of the other routes.
	idOnly bool
}

type authCache struct {
	ttl   time.Duration
	now   func() time.Time
	mu    sync.Mutex
	byTok map[string]authEntry
	// gen counts invalidations: a load that started before one is not stored (it may hold the old record).
	gen       uint64
	lastSweep time.Time
	loads     chan struct{}
}

func newAuthCache(ttl time.Duration, loadSlots int) *authCache {
	return &authCache{ttl: ttl, now: time.Now, byTok: map[string]authEntry{}, loads: make(chan struct{}, max(1, loadSlots))}
}

// get returns a copy of the cached record (routes may modify the record they are given).
func (c *authCache) get(token string) *core.Record {
	return c.lookup(token, false)
}

// getVerified also answers from an id-only entry: for callers that need the user's id, not the record.
func (c *authCache) getVerified(token string) *core.Record {
	return c.lookup(token, true)
}

func (c *authCache) lookup(token string, idOnlyWillDo bool) *core.Record {
	c.mu.Lock()
	entry, ok := c.byTok[token]
	c.mu.Unlock()
	if !ok || !c.now().Before(entry.expires) || (entry.idOnly && !idOnlyWillDo) {
		return nil
	}
	return entry.record.Clone()
}

func (c *authCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put stores a record verified for token, unless an invalidation happened since gen was read.
func (c *authCache) put(token string, record *core.Record, tokenExpires time.Time, gen uint64) {
	c.store(token, record, tokenExpires, gen, false)
}

// putVerified stores an id-only record (verifyUserToken); it never replaces a full one.
func (c *authCache) putVerified(token string, record *core.Record, tokenExpires time.Time, gen uint64) {
	c.store(token, record, tokenExpires, gen, true)
}

func (c *authCache) store(token string, record *core.Record, tokenExpires time.Time, gen uint64, idOnly bool) {
	now := c.now()
	expires := now.Add(c.ttl)
	if !tokenExpires.IsZero() && tokenExpires.Before(expires) {
		expires = tokenExpires
	}
	if !now.Before(expires) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if now.Sub(c.lastSweep) > c.ttl || len(c.byTok) >= authCacheMaxSize {
		for tok, e := range c.byTok {
			if !now.Before(e.expires) {
				delete(c.byTok, tok)
			}
		}
		c.lastSweep = now
		if len(c.byTok) >= authCacheMaxSize {
			clear(c.byTok)
		}
	}
	if old, ok := c.byTok[token]; ok && idOnly && !old.idOnly && now.Before(old.expires) {
		return
	}
	c.byTok[token] = authEntry{record: record.Clone(), expires: expires, idOnly: idOnly}
}

// forgetRecord drops every token of one auth record (collection and id).
func (c *authCache) forgetRecord(collectionId, id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for tok, e := range c.byTok {
		if e.record.Id == id && e.record.Collection().Id == collectionId {
			delete(c.byTok, tok)
		}
	}
}

func (c *authCache) forgetAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.byTok)
}

func (c *authCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.byTok)
}

// tokenExpiry reads the exp claim (already checked by the verification that precedes put).
func tokenExpiry(token string) time.Time {
	claims, err := security.ParseUnverifiedJWT(token)
	if err != nil {
		return time.Time{}
	}
	if exp, err := claims.GetExpirationTime(); err == nil && exp != nil {
		return exp.Time
	}
	return time.Time{}
}

// load answers from the cache or verifies the token as PocketBase does; nil when the token is not valid.
func (c *authCache) load(ctx context.Context, app core.App, token string) (*core.Record, error) {
	if r := c.get(token); r != nil {
		return r, nil
	}
	select {
	case c.loads <- struct{}{}:
		defer func() { <-c.loads }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if r := c.get(token); r != nil { // loaded by another request while this one waited
		return r, nil
	}
	gen := c.generation()
	record, err := app.FindAuthRecordByToken(token, core.TokenTypeAuth)
	if err != nil || record == nil {
		return nil, nil // PocketBase's own behaviour: an invalid token is no auth, not an error
	}
	c.put(token, record, tokenExpiry(token), gen)
	return record, nil
}

// authTokenOf reads the token as PocketBase's loadAuthToken does ("Bearer " optional).
func authTokenOf(e *core.RequestEvent) string {
	token := e.Request.Header.Get("Authorization")
	if len(token) > 7 && strings.EqualFold(token[:7], "Bearer ") {
		return token[7:]
	}
	return token
}

// registerAuthCache binds the cache in front of PocketBase's loadAuthToken (which skips a request whose
// auth is already set) for the gated routes, and the invalidation hooks.
func registerAuthCache(app core.App) *authCache {
	cache := newAuthCache(authCacheTTL, 2*runtime.NumCPU())
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "qaAuthCache",
			Priority: apis.DefaultLoadAuthTokenMiddlewarePriority - 1,
			Func: func(e *core.RequestEvent) error {
				// progress reports authenticate by their own cheaper check (progress_auth.go) when that path is on
				if e.Auth != nil || !gatedPath(e.Request.URL.Path) || (progressAuthBound.Load() && isProgressReport(e)) {
					return e.Next()
				}
				if token := authTokenOf(e); token != "" {
					record, err := cache.load(e.Request.Context(), e.App, token)
					if err != nil {
						return err // the client went away while waiting
					}
					e.Auth = record
				}
				return e.Next()
			},
		})
		return se.Next()
	})
	forget := func(r *core.Record) {
		if r.Collection().IsAuth() {
			cache.forgetRecord(r.Collection().Id, r.Id)
		}
	}
	app.OnRecordAfterUpdateSuccess().BindFunc(func(e *core.RecordEvent) error {
		forget(e.Record)
		return e.Next()
	})
	app.OnRecordAfterDeleteSuccess().BindFunc(func(e *core.RecordEvent) error {
		forget(e.Record)
		return e.Next()
	})
	// Also before the write commits: a request between the commit and the hook above must not be served the
	// old record either (the entry is dropped twice; a load in between is not stored, see gen).
	app.OnRecordUpdateExecute().BindFunc(func(e *core.RecordEvent) error {
		forget(e.Record)
		return e.Next()
	})
	app.OnRecordDeleteExecute().BindFunc(func(e *core.RecordEvent) error {
		forget(e.Record)
		return e.Next()
	})
	app.OnCollectionAfterUpdateSuccess().BindFunc(func(e *core.CollectionEvent) error {
		cache.forgetAll()
		return e.Next()
	})
	app.OnCollectionAfterDeleteSuccess().BindFunc(func(e *core.CollectionEvent) error {
		cache.forgetAll()
		return e.Next()
	})
	return cache
}
