package main

// How POST /api/qa/video-progress authenticates its learner, cheaply: it needs the user's id only (the rare
// report handed to the JS route loads the full record, progress_batch.go). PocketBase's loadAuthToken runs
// FindAuthRecordByToken, which loads and hydrates the whole users record (about a quarter of a report's CPU in
// the first profile); verifyUserToken makes the same checks (token type "auth", the users collection, the
// signature with the user's current tokenKey + the collection's secret, expiry) reading one column. Verified
// tokens go into the platform's one auth cache (authcache.go) as id-only entries, with its guarantees: at most
// authCacheTTL, never past the token's expiry, dropped at once when the user changes through this server.

import (
	"errors"
	"sync/atomic"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/security"
)

// progressAuthBound: the progress path authenticates its own reports, so the general cache middleware leaves them.
var progressAuthBound atomic.Bool

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

// bindProgressAuth authenticates progress reports just before PocketBase's loadAuthToken, which then skips its
// own lookup. A token it cannot verify as a user's (a superuser's, an invalid one) is left to loadAuthToken, so
// the answer is the route's usual one.
func bindProgressAuth(cache *authCache, se *core.ServeEvent) {
	progressAuthBound.Store(true)
	se.Router.Bind(&hook.Handler[*core.RequestEvent]{
		Id:       "qaProgressAuth",
		Priority: apis.DefaultLoadAuthTokenMiddlewarePriority - 1,
		Func: func(e *core.RequestEvent) error {
			if e.Auth != nil || !isProgressReport(e) {
				return e.Next()
			}
			token := authTokenOf(e)
			if token == "" {
				return e.Next()
			}
			if record := cache.getVerified(token); record != nil {
				e.Auth = record
				return e.Next()
			}
			gen := cache.generation()
			if record, err := verifyUserToken(e.App, token); err == nil {
				cache.putVerified(token, record, tokenExpiry(token), gen)
				e.Auth = record
			}
			return e.Next()
		},
	})
}
