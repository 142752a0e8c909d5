package main

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

func writeSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	built := time.Now().Add(-time.Minute)
	files := map[string]string{
		"index.html":               "<!doctype html><p>首页</p>",
		"index.html.br":            "BR-HOME",
		"index.html.gz":            "GZ-HOME",
		"courses/index.html":       "<!doctype html><p>课程</p>",
		"_astro/app.AbC123.js":     "console.log('the plain script, long enough to be worth compressing');",
		"_astro/app.AbC123.js.br":  "BR-JS",
		"_astro/app.AbC123.js.gz":  "GZ-JS",
		"media/v/360p/seg1.m4s":    "0123456789",
		"media/v/360p/seg1.m4s.gz": "must never be served",
		"search-index.json":        `{"docs":[]}`,
		"search-index.json.gz":     "GZ-INDEX",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, built, built); err != nil { // as a build leaves them: siblings not older
			t.Fatal(err)
		}
	}
	return dir
}

func get(t *testing.T, dir, method, target string, headers map[string]string) (*httptest.ResponseRecorder, error) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	req.SetPathValue("path", req.URL.Path[1:])
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	e := &core.RequestEvent{}
	e.Request = req
	e.Response = rec
	err := staticSite(dir)(e)
	return rec, err
}

func TestStaticServesTheBestEncodingTheClientAccepts(t *testing.T) {
	dir := writeSite(t)
	cases := []struct {
		accept, wantEncoding, wantBody string
	}{
		{"gzip, deflate, br, zstd", "br", "BR-JS"},
		{"gzip", "gzip", "GZ-JS"},
		{"br;q=0, gzip;q=0.5", "gzip", "GZ-JS"},
		{"", "", "console.log('the plain script, long enough to be worth compressing');"},
		{"identity", "", "console.log('the plain script, long enough to be worth compressing');"},
		{"*", "br", "BR-JS"},
	}
	for _, c := range cases {
		rec, err := get(t, dir, "GET", "/_astro/app.AbC123.js", map[string]string{"Accept-Encoding": c.accept})
		if err != nil {
			t.Fatalf("%q: %v", c.accept, err)
		}
		h := rec.Header()
		if rec.Code != 200 || rec.Body.String() != c.wantBody || h.Get("Content-Encoding") != c.wantEncoding {
			t.Errorf("Accept-Encoding %q: got %d %q encoding %q", c.accept, rec.Code, rec.Body.String(), h.Get("Content-Encoding"))
		}
		if h.Get("Content-Type") != "text/javascript; charset=utf-8" {
			t.Errorf("Accept-Encoding %q: Content-Type %q", c.accept, h.Get("Content-Type"))
		}
		if h.Get("Content-Length") != strconv.Itoa(len(c.wantBody)) {
			t.Errorf("Accept-Encoding %q: Content-Length %q for %d bytes", c.accept, h.Get("Content-Length"), len(c.wantBody))
		}
		if h.Get("Vary") != "Accept-Encoding" {
			t.Errorf("Vary %q", h.Get("Vary"))
		}
		if h.Get("Cache-Control") != cacheImmutable {
			t.Errorf("hashed asset Cache-Control %q", h.Get("Cache-Control"))
		}
	}
}

func TestStaticPagesAreRevalidated(t *testing.T) {
	dir := writeSite(t)
	rec, err := get(t, dir, "GET", "/", map[string]string{"Accept-Encoding": "gzip"})
	if err != nil || rec.Code != 200 || rec.Body.String() != "GZ-HOME" {
		t.Fatalf("home: %v %d %q", err, rec.Code, rec.Body.String())
	}
	h := rec.Header()
	if h.Get("Cache-Control") != "no-cache" || h.Get("ETag") == "" || h.Get("Last-Modified") == "" {
		t.Fatalf("home headers: %v", h)
	}
	if h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("home Content-Type %q", h.Get("Content-Type"))
	}
	// the same ETag revalidates to 304; another representation has another ETag
	again, _ := get(t, dir, "GET", "/", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": h.Get("ETag")})
	if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Fatalf("revalidation: %d %q", again.Code, again.Body.String())
	}
	plain, _ := get(t, dir, "GET", "/", nil)
	if plain.Header().Get("ETag") == h.Get("ETag") {
		t.Fatal("gzip and identity share an ETag")
	}
	since, _ := get(t, dir, "GET", "/courses/", map[string]string{"If-Modified-Since": time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)})
	if since.Code != http.StatusNotModified {
		t.Fatalf("If-Modified-Since: %d", since.Code)
	}
}

func TestStaticHeadAndRange(t *testing.T) {
	dir := writeSite(t)
	head, err := get(t, dir, "HEAD", "/_astro/app.AbC123.js", map[string]string{"Accept-Encoding": "br"})
	if err != nil || head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("Content-Length") != "5" {
		t.Fatalf("HEAD: %v %d %q %v", err, head.Code, head.Body.String(), head.Header())
	}
	// video segments are never compressed, even with a sibling present, and ranges work
	seg, _ := get(t, dir, "GET", "/media/v/360p/seg1.m4s", map[string]string{"Accept-Encoding": "gzip", "Range": "bytes=2-4"})
	if seg.Code != http.StatusPartialContent || seg.Body.String() != "234" || seg.Header().Get("Content-Encoding") != "" {
		t.Fatalf("range on a segment: %d %q %v", seg.Code, seg.Body.String(), seg.Header())
	}
	if seg.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("segment Cache-Control %q", seg.Header().Get("Cache-Control"))
	}
	// a range of a compressible file is a range of its plain bytes
	js, _ := get(t, dir, "GET", "/_astro/app.AbC123.js", map[string]string{"Accept-Encoding": "br", "Range": "bytes=0-6"})
	if js.Code != http.StatusPartialContent || js.Body.String() != "console" || js.Header().Get("Content-Encoding") != "" {
		t.Fatalf("range on a script: %d %q %v", js.Code, js.Body.String(), js.Header())
	}
}

func TestStaticLeavesRedirectsAndMissingFilesToPocketBase(t *testing.T) {
	dir := writeSite(t)
	rec, err := get(t, dir, "GET", "/courses", nil)
	if err != nil || rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/courses/" {
		t.Fatalf("/courses: %v %d %v", err, rec.Code, rec.Header())
	}
	rec, err = get(t, dir, "GET", "/courses/index.html", nil)
	if err != nil || rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != "/courses/" {
		t.Fatalf("/courses/index.html: %v %d %v", err, rec.Code, rec.Header())
	}
	_, err = get(t, dir, "GET", "/nope.js", map[string]string{"Accept-Encoding": "br"})
	if !errors.Is(err, router.ErrFileNotFound) {
		t.Fatalf("missing file: %v", err)
	}
	_, err = get(t, dir, "GET", "/../etc/passwd", nil)
	if !errors.Is(err, router.ErrFileNotFound) {
		t.Fatalf("traversal: %v", err)
	}
}

func TestStaleCompressedSiblingIsIgnored(t *testing.T) {
	dir := writeSite(t)
	old := time.Now().Add(-2 * time.Minute)
	if err := os.Chtimes(filepath.Join(dir, "search-index.json.gz"), old, old); err != nil {
		t.Fatal(err)
	}
	rec, _ := get(t, dir, "GET", "/search-index.json", map[string]string{"Accept-Encoding": "gzip"})
	if rec.Body.String() != `{"docs":[]}` || rec.Header().Get("Content-Encoding") != "" {
		t.Fatalf("stale sibling served: %q %v", rec.Body.String(), rec.Header())
	}
}
