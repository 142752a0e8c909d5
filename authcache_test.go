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
