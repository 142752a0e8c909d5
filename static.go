package main

// Static files of the built site (dist/): precompressed siblings, cache headers, validators
// (docs/performance.md). scripts/build.ts writes x.br and x.gz next to every text file where they are smaller;
// this handler picks one per request from Accept-Encoding, so the server spends no CPU on compression.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// Cache-Control values. Files under /_astro/ carry a content hash in their name (Vite), so a browser may keep
// them for a year without asking; everything else (pages, the search index, videos, templates) keeps its URL
// when it changes and is revalidated with ETag / Last-Modified on every use (a 304 costs a few hundred bytes).
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// Content types of the files that may have compressed siblings, fixed here: with a compressed body Go could not
// sniff the type, and the system's mime.types must not decide what a page is.
var textTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".svg":         "image/svg+xml",
	".xml":         "application/xml",
	".txt":         "text/plain; charset=utf-8",
	".vtt":         "text/vtt; charset=utf-8",
	".m3u8":        "application/vnd.apple.mpegurl",
	".webmanifest": "application/manifest+json",
}

// encodings in order of preference, with the file suffix scripts/build.ts writes
var encodings = []struct{ token, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

func cacheControlFor(name string) string {
	if strings.HasPrefix(name, "_astro/") {
		return cacheImmutable
	}
	return cacheRevalidate
}

// staticSite serves publicDir. Canonical URLs of existing files are answered here; everything else (directory
// redirects, /x/index.html -> /x/, missing files) goes to PocketBase's own apis.Static, whose ErrFileNotFound
// withNotFoundPage turns into the Chinese 404 page.
func staticSite(publicDir string) func(*core.RequestEvent) error {
	fsys := os.DirFS(publicDir)
	fallback := apis.Static(fsys, false)
	return func(e *core.RequestEvent) error {
		name, ok := canonicalFile(fsys, e.Request.URL.Path)
		if !ok {
			return fallback(e)
		}
		e.Set("__skipSuccessActivityLogger", true) // as apis.Static: one log line per asset would flood the logs
		return serveStatic(e.Response, e.Request, fsys, name)
	}
}

// canonicalFile maps a URL path to the file it names, only when the URL is the canonical one: "/a/" for
// a/index.html, "/a/b.js" for a/b.js.
func canonicalFile(fsys fs.FS, urlPath string) (string, bool) {
	if strings.Contains(urlPath, "\x00") || strings.Contains(urlPath, "\\") {
		return "", false
	}
	clean := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	var name string
	switch {
	case strings.HasSuffix(urlPath, "/"):
		name = path.Join(clean, "index.html")
	case clean == "" || path.Base(clean) == "index.html" || clean != strings.TrimPrefix(urlPath, "/"):
		return "", false // redirects and odd paths: apis.Static decides
	default:
		name = clean
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	fi, err := fs.Stat(fsys, name)
	if err != nil || !fi.Mode().IsRegular() {
		return "", false
	}
	return name, true
}

// serveStatic writes one file: the best precompressed sibling the client accepts (none for Range requests,
// so video seeking and resumed downloads work on the plain bytes), with Content-Type from the original
// name, Vary, Cache-Control and an ETag per representation. http.ServeContent does HEAD, Range, 304 and 412.
func serveStatic(w http.ResponseWriter, r *http.Request, fsys fs.FS, name string) error {
	orig, err := fs.Stat(fsys, name)
	if err != nil {
		return router.ErrFileNotFound
	}
	h := w.Header()
	h.Set("Cache-Control", cacheControlFor(name))
	ctype, compressible := textTypes[strings.ToLower(filepath.Ext(name))]
	if compressible {
		h.Set("Content-Type", ctype)
		h.Add("Vary", "Accept-Encoding")
	}
	tag := fmt.Sprintf("%x-%x", orig.ModTime().UnixNano(), orig.Size())

	file := name
	if compressible && r.Header.Get("Range") == "" {
		accepted := acceptedEncodings(r.Header.Get("Accept-Encoding"))
		for _, enc := range encodings {
			if !accepted[enc.token] {
				continue
			}
			if fi, err := fs.Stat(fsys, name+enc.suffix); err == nil && fi.Mode().IsRegular() && !fi.ModTime().Before(orig.ModTime()) {
				file = name + enc.suffix
				h.Set("Content-Encoding", enc.token)
				// http.ServeContent leaves Content-Length out when Content-Encoding is set (it expects on-the-fly
				// compression); the sibling's size is known, and a length lets the browser show progress
				h.Set("Content-Length", strconv.FormatInt(fi.Size(), 10))
				tag += "-" + enc.token
				break
			}
		}
	}
	h.Set("ETag", `"`+tag+`"`)

	f, err := fsys.Open(file)
	if err != nil {
		return router.ErrFileNotFound
	}
	defer f.Close()
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		return errors.New("static: file does not implement io.ReadSeeker")
	}
	// the original's modification time, so Last-Modified does not depend on the representation
	http.ServeContent(w, r, path.Base(name), orig.ModTime(), rs)
	return nil
}

// acceptedEncodings reads Accept-Encoding ("gzip, deflate, br;q=0.9, *;q=0"): the codings with q > 0.
func acceptedEncodings(header string) map[string]bool {
	out := map[string]bool{}
	star := false
	for _, part := range strings.Split(header, ",") {
		token, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		token = strings.ToLower(strings.TrimSpace(token))
		if token == "" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, found := strings.Cut(strings.TrimSpace(p), "=")
			if found && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		if token == "*" {
			star = q > 0
			continue
		}
		out[token] = q > 0
	}
	if star {
		for _, enc := range encodings {
			if _, named := out[enc.token]; !named {
				out[enc.token] = true
			}
		}
	}
	return out
}
