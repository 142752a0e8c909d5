package main

// A short-lived cache of auth records by token for POST /api/qa/video-progress, so that a report does not
// load the learner's record from SQLite (PocketBase's FindAuthRecordByToken: a query, the record hydrated, the
// token's signature checked) every 15 s of playback. A token is cached only after PocketBase has verified it,
// for at most progressAuthTTL and never past its own expiry. A change to a users record through PocketBase's
// record layer (password, email, name, deletion, including the admin UI and the JS routes' saves) drops that
// user's entries at once; a change made with plain SQL is picked up within progressAuthTTL. So a token that
// stops being valid (new password: new token key; deleted account) is refused within a few seconds at most.
// quizburst's authcache.go may cache for the quiz routes too: authRecordCache is the interface to merge on.

import (
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/security"
)

const progressAuthTTL = 5 * time.Second

type authRecordCache interface {
	Get(token string) *core.Record
	Put(token string, record *core.Record)
	DropRecord(id string)
}

type authEntry struct {
	record *core.Record
	until  time.Time
}

type tokenAuthCache struct {
	mu      sync.RWMutex
	entries map[string]authEntry
	ttl     time.Duration
	now     func() time.Time
}

var _ authRecordCache = (*tokenAuthCache)(nil)

func newTokenAuthCache(ttl time.Duration) *tokenAuthCache {
	return &tokenAuthCache{entries: map[string]authEntry{}, ttl: ttl, now: time.Now}
}

func (c *tokenAuthCache) Get(token string) *core.Record {
	c.mu.RLock()
	e, ok := c.entries[token]
	c.mu.RUnlock()
	if !ok || !c.now().Before(e.until) {
		return nil
	}
	return e.record
}

// Put caches a record PocketBase has just loaded from a valid token.
func (c *tokenAuthCache) Put(token string, record *core.Record) {
	now := c.now()
	until := now.Add(c.ttl)
	if claims, err := security.ParseUnverifiedJWT(token); err == nil {
		if exp, ok := claims["exp"].(float64); ok && time.Unix(int64(exp), 0).Before(until) {
			until = time.Unix(int64(exp), 0)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= 20000 { // a few thousand learners report at once; expired entries go first
		for k, e := range c.entries {
			if !now.Before(e.until) {
				delete(c.entries, k)
			}
		}
		if len(c.entries) >= 20000 {
			clear(c.entries)
		}
	}
	c.entries[token] = authEntry{record: record, until: until}
}

func (c *tokenAuthCache) DropRecord(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.entries {
		if e.record.Id == id {
			delete(c.entries, k)
		}
	}
}

func requestToken(e *core.RequestEvent) string {
	token := e.Request.Header.Get("Authorization")
	if len(token) > 7 && strings.EqualFold(token[:7], "Bearer ") {
		return token[7:]
	}
	return token
}

func isProgressReport(e *core.RequestEvent) bool {
	return e.Request.Method == "POST" && e.Request.URL.Path == progressPath
}

// bindProgressAuthCache serves the progress route's auth from the cache: a hit sets e.Auth just before
// PocketBase's loadAuthToken (which then skips the lookup), a miss is stored just after it.
func bindProgressAuthCache(app core.App, se *core.ServeEvent) {
	cache := newTokenAuthCache(progressAuthTTL)
	drop := func(e *core.RecordEvent) error {
		cache.DropRecord(e.Record.Id)
		return e.Next()
	}
	app.OnRecordAfterUpdateSuccess("users").BindFunc(drop)
	app.OnRecordAfterDeleteSuccess("users").BindFunc(drop)
	se.Router.Bind(&hook.Handler[*core.RequestEvent]{
		Id:       "qaProgressAuthCacheGet",
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority - 1,
		Func: func(e *core.RequestEvent) error {
			if e.Auth == nil && isProgressReport(e) {
				if token := requestToken(e); token != "" {
					e.Auth = cache.Get(token)
				}
			}
			return e.Next()
		},
	})
	se.Router.Bind(&hook.Handler[*core.RequestEvent]{
		Id:       "qaProgressAuthCachePut",
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			if e.Auth != nil && e.Auth.Collection().Name == "users" && isProgressReport(e) {
				if token := requestToken(e); token != "" && cache.Get(token) == nil {
					cache.Put(token, e.Auth)
				}
			}
			return e.Next()
		},
	})
}
