package main

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

func testRecord(id string) *core.Record {
	c := core.NewAuthCollection("users")
	c.Id = "users_id"
	r := core.NewRecord(c)
	r.Id = id
	return r
}

func TestAuthCacheKeepsEntriesForTheTTLOnly(t *testing.T) {
	now := time.Unix(1_000_000, 0)
	c := newAuthCache(10*time.Second, 1)
	c.now = func() time.Time { return now }
	c.put("tok", testRecord("u1"), time.Time{}, c.generation())
	if r := c.get("tok"); r == nil || r.Id != "u1" {
		t.Fatal("a fresh entry must be served")
	}
	now = now.Add(10 * time.Second)
	if c.get("tok") != nil {
		t.Fatal("an entry must not be served once the TTL has passed")
	}
	// never past the token's own expiry
	c.put("short", testRecord("u2"), now.Add(2*time.Second), c.generation())
	now = now.Add(2 * time.Second)
	if c.get("short") != nil {
		t.Fatal("an entry must not outlive its token")
	}
}

func TestAuthCacheForgetsAChangedRecord(t *testing.T) {
	c := newAuthCache(time.Minute, 1)
	c.put("t1", testRecord("u1"), time.Time{}, c.generation())
	c.put("t2", testRecord("u1"), time.Time{}, c.generation())
	c.put("t3", testRecord("u2"), time.Time{}, c.generation())
	c.forgetRecord("users_id", "u1")
	if c.get("t1") != nil || c.get("t2") != nil {
		t.Fatal("every token of a changed record must be dropped")
	}
	if c.get("t3") == nil {
		t.Fatal("other records stay")
	}
	c.forgetAll()
	if c.size() != 0 {
		t.Fatal("a collection change drops everything")
	}
}

// A load that read the record before a change must not put the old record back after the change dropped it.
func TestAuthCacheDoesNotStoreALoadThatRacedWithAChange(t *testing.T) {
	c := newAuthCache(time.Minute, 1)
	gen := c.generation() // the load starts
	c.forgetRecord("users_id", "u1")
	c.put("t1", testRecord("u1"), time.Time{}, gen) // the load ends with the old record
	if c.get("t1") != nil {
		t.Fatal("a record loaded before an invalidation must not be cached")
	}
}

func TestAuthCacheServesCopies(t *testing.T) {
	c := newAuthCache(time.Minute, 1)
	c.put("t", testRecord("u1"), time.Time{}, c.generation())
	c.get("t").Set("name", "changed by a route")
	if c.get("t").GetString("name") != "" {
		t.Fatal("a route changing its auth record must not change the cached one")
	}
}

// The video-progress path caches tokens it verified by one column (id-only records): they are served to that
// path only, never as another route's e.Auth, and dropped like full entries when the user changes.
func TestAuthCacheIdOnlyEntriesServeTheProgressPathOnly(t *testing.T) {
	c := newAuthCache(time.Minute, 1)
	c.putVerified("t", testRecord("u1"), time.Time{}, c.generation())
	if c.get("t") != nil {
		t.Fatal("an id-only entry must not be served as a full auth record")
	}
	if r := c.getVerified("t"); r == nil || r.Id != "u1" {
		t.Fatal("an id-only entry must serve the progress path")
	}
	// a full record replaces it; an id-only one never replaces a full one
	c.put("t", testRecord("u1"), time.Time{}, c.generation())
	c.putVerified("t", testRecord("u1"), time.Time{}, c.generation())
	if c.get("t") == nil {
		t.Fatal("a full entry must not be downgraded to id-only")
	}
	c.putVerified("t2", testRecord("u1"), time.Time{}, c.generation())
	c.forgetRecord("users_id", "u1")
	if c.getVerified("t2") != nil || c.getVerified("t") != nil {
		t.Fatal("a changed user's id-only entries must be dropped too")
	}
}
