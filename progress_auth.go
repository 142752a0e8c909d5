package main

// How POST /api/qa/video-progress authenticates its learner, cheaply: it needs the user's id only (the rare
// report handed to the JS route loads the full record, progress_batch.go). PocketBase's loadAuthToken runs
// FindAuthRecordByToken, which loads and hydrates the whole users record (about a quarter of a report's CPU in
// the first profile); verifyUserToken makes the same checks (token type "auth", the users collection, the
// signature with the user's current tokenKey + the collection's secret, expiry) reading one column. A verified
// token is also remembered for at most progressAuthTTL and never past its own expiry. A change to a users
// record through PocketBase's record layer (password, email, name, deletion, including the admin UI and the JS
// routes' saves) drops that user's entries at once; a change made with plain SQL or by another process (the
// `demo-disable` command) is picked up within progressAuthTTL. So a token that stops being valid (a new password
// changes the tokenKey; a deleted account) is refused within at most progressAuthTTL = 5 s.
// quizburst's authcache.go may cache for the quiz routes too: authRecordCache is the interface to merge on.

import (
	"errors"
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

// verifyUserToken is FindAuthRecordByToken for auth tokens of the users collection, without loading the
// record: it returns a record that carries the collection and the id only.
func verifyUserToken(app core.App, token string) (*core.Record, error) {
	claims, err := security.ParseUnverifiedJWT(token)
	if err != nil {
		return nil, err
	}
	id, _ := claims[core.TokenClaimId].(string)
	collectionId, _ := claims[core.TokenClaimCollectionId].(string)
	tokenType, _ := claims[core.TokenClaimType].(string)
	if id == "" || tokenType != core.TokenTypeAuth {
		return nil, errors.New("not a user's auth token")
	}
	users, err := app.FindCachedCollectionByNameOrId("users")
	if err != nil {
		return nil, err
	}
	if collectionId != users.Id {
		return nil, errors.New("not a user's auth token")
	}
	var tokenKey string
	if err := app.DB().NewQuery("SELECT tokenKey FROM users WHERE id = {:id}").Bind(map[string]any{"id": id}).Row(&tokenKey); err != nil {
		return nil, err
	}
	if _, err := security.ParseJWT(token, tokenKey+users.AuthToken.Secret); err != nil { // signature and expiry
		return nil, err
	}
	record := core.NewRecord(users)
	record.Id = id
	return record, nil
}

// bindProgressAuthCache authenticates progress reports just before PocketBase's loadAuthToken, which then
// skips its own lookup. A token it cannot verify as a user's (a superuser's, an invalid one) is left to
// loadAuthToken, so the answer is the route's usual one.
func bindProgressAuthCache(app core.App, se *core.ServeEvent) {
	cache := newTokenAuthCache(progressAuthTTL)
	drop := func(e *core.RecordEvent) error {
		cache.DropRecord(e.Record.Id)
		return e.Next()
	}
	app.OnRecordAfterUpdateSuccess("users").BindFunc(drop)
	app.OnRecordAfterDeleteSuccess("users").BindFunc(drop)
	se.Router.Bind(&hook.Handler[*core.RequestEvent]{
		Id:       "qaProgressAuth",
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority - 1,
		Func: func(e *core.RequestEvent) error {
			if e.Auth != nil || !isProgressReport(e) {
				return e.Next()
			}
			token := requestToken(e)
			if token == "" {
				return e.Next()
			}
			if record := cache.Get(token); record != nil {
				e.Auth = record
			} else if record, err := verifyUserToken(e.App, token); err == nil {
				cache.Put(token, record)
				e.Auth = record
			}
			return e.Next()
		},
	})
}
