// Command pocketbase is Quality Academy's server: PocketBase with the JS VM
// (pb_migrations/, pb_hooks/) and the built static site served at "/".
package main

import (
	"errors"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dop251/goja"
	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/plugins/jsvm"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

func main() {
	// Not pocketbase.New(): it guesses "go run", and with it dev mode (every SQL statement logged), from an
	// executable under the temp dir, which is where a clone in /tmp builds bin/pocketbase. `--dev` still works.
	// DBConnect: the native SQLite library instead of the pure-Go default (sqlite_driver.go).
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDev: false, DBConnect: nativeSQLiteConnect})

	var hooksDir, migrationsDir, publicDir string
	var hooksWatch bool
	var hooksPool int
	app.RootCmd.PersistentFlags().StringVar(&hooksDir, "hooksDir", "", "the directory with the JS app hooks")
	app.RootCmd.PersistentFlags().BoolVar(&hooksWatch, "hooksWatch", false, "restart the app on pb_hooks change (development only)")
	app.RootCmd.PersistentFlags().IntVar(&hooksPool, "hooksPool", defaultHooksPool(), "the total prewarm goja.Runtime instances for the JS app hooks execution")
	app.RootCmd.PersistentFlags().StringVar(&migrationsDir, "migrationsDir", "", "the directory with the JS app migrations")
	app.RootCmd.PersistentFlags().StringVar(&publicDir, "publicDir", defaultPublicDir(), "the directory to serve static files")
	app.RootCmd.ParseFlags(os.Args[1:])
	serving := slices.Contains(os.Args[1:], "serve")
	tuneGC(serving, os.Getenv) // gctune.go

	prepared := newPreparedSQL(app) // __qaSql for the hot routes (qasql.go)
	writer := newWriterTurn()       // who gets SQLite's single writer next (writerturn.go)
	writer.watch(app)
	group := registerGroupCommit(app, writer, prepared) // __qaGroupCommit: the quiz writes share transactions (groupcommit.go)
	jsvm.MustRegister(app, jsvm.Config{
		OnInit: func(vm *goja.Runtime) {
			prepared.bind(vm)
			writer.bind(vm)
			group.bind(vm)
			bindRequestNatives(vm) // jsfast.go
			warmUp(vm, serving)
		},
		MigrationsDir: migrationsDir,
		HooksDir:      hooksDir,
		HooksWatch:    hooksWatch,
		HooksPoolSize: hooksPool,
	})

	// Hot paths (docs/quiz-load.md, docs/api-load.md): auth records cached per token, the batched write path of
	// video-progress reports (authenticated through the same cache), quiet logging of fast successes.
	authRecords := registerAuthCache(app)
	registerVideoProgress(app, hooksDir, authRecords, writer)

	// Automigrate is off: schema changes are written by hand in pb_migrations/.
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{
		TemplateLang: migratecmd.TemplateLangJS,
		Automigrate:  false,
		Dir:          migrationsDir,
	})

	// The platform's routes wait for a pooled VM instead of a throw-away one (vmpool.go).
	qaGate := newVMGate(routeSlotsFor(hooksPool))
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(qaGate.middleware)
		return se.Next()
	})

	// Security headers and request body limits (docs/security.md, rules 2 and 9).
	pageCSP := loadPageCSP(publicDir)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "qaSecurityHeaders",
			Priority: apis.DefaultSecurityHeadersMiddlewarePriority + 1, // after PocketBase's own, so these win
			Func: func(e *core.RequestEvent) error {
				setSecurityHeaders(e.Response.Header(), e.Request.URL.Path, pageCSP)
				return e.Next()
			},
		})
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: "qaBodyLimit",
			// after the auth token is loaded and the rate limiter has run, before anything reads the body
			Priority: apis.DefaultBodyLimitMiddlewarePriority - 5,
			Func: func(e *core.RequestEvent) error {
				if e.HasSuperuserAuth() { // backups, collection imports: PocketBase's own limits apply
					return e.Next()
				}
				return apis.BodyLimit(bodyLimitFor(e.Request.URL.Path)).Func(e)
			},
		})
		return se.Next()
	})

	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(e *core.ServeEvent) error {
			if !e.Router.HasRoute("GET", "/{path...}") {
				e.Router.GET("/{path...}", withNotFoundPage(staticSite(publicDir), publicDir))
			}
			return e.Next()
		},
		Priority: 999, // after the JS hooks, so their routes win
	})

	registerQuietRequestLog(app)
	startProfiling(app, serving)
	startWalCheckpoints(app, serving) // walcheckpoint.go

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}

// Request body limits. Everything the platform's pages send is a small JSON document (the largest, an in-person
// session with 500 attendee emails, is about 30 KB); a larger body is refused with 413 before it is read, so an
// anonymous client cannot make the server buffer and parse megabytes. Superusers keep PocketBase's own limits.
const (
	apiBodyLimit   = 64 << 10 // /api/...
	otherBodyLimit = 16 << 10 // pages and files: GET requests, no body expected
)

func bodyLimitFor(path string) int64 {
	if strings.HasPrefix(path, "/api/") {
		return apiBodyLimit
	}
	return otherBodyLimit
}

// pageCSPFallback is used when the built site has no .csp file (written by scripts/build.ts with the hashes of
// the inline scripts Astro emits); without those hashes islands would not hydrate, so the fallback allows
// inline scripts rather than break every page.
const pageCSPFallback = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func loadPageCSP(publicDir string) string {
	raw, err := os.ReadFile(filepath.Join(publicDir, ".csp"))
	if err != nil || len(strings.TrimSpace(string(raw))) == 0 {
		return pageCSPFallback
	}
	return strings.TrimSpace(string(raw))
}

func setSecurityHeaders(h http.Header, path, pageCSP string) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	// certificate codes and course paths in URLs are nobody else's business
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "geolocation=(), microphone=(), payment=(), usb=()")
	switch {
	case strings.HasPrefix(path, "/api/"):
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	case isAssetPath(path):
		// Scripts, styles, images, media: the page CSP (about 700 bytes of script hashes) governs documents only,
		// and on a page with 15 small scripts it cost more than the scripts' own bytes. A file opened on its own
		// gets the deny-all policy of the API.
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	case path == "/_" || strings.HasPrefix(path, "/_/"):
		// PocketBase's admin UI brings its own scripts and styles; it must not be framed
		h.Set("Content-Security-Policy", "frame-ancestors 'none'")
	default:
		h.Set("Content-Security-Policy", pageCSP)
	}
}

// assetExtensions are the static files that are never a page (docs/performance.md).
var assetExtensions = map[string]bool{
	".js": true, ".mjs": true, ".css": true, ".json": true, ".svg": true, ".png": true, ".jpg": true, ".jpeg": true,
	".webp": true, ".avif": true, ".gif": true, ".ico": true, ".woff": true, ".woff2": true, ".m3u8": true, ".m4s": true,
	".ts": true, ".mp4": true, ".vtt": true, ".docx": true, ".xlsx": true, ".pdf": true,
}

func isAssetPath(path string) bool {
	return !strings.HasPrefix(path, "/api/") && assetExtensions[strings.ToLower(filepath.Ext(path))]
}

// withNotFoundPage answers a request for a page that does not exist with the site's own Chinese 404 page
// (dist/404.html, built from src/pages/404.astro) and status 404, instead of PocketBase's English JSON.
// Paths under /api/ keep the JSON error: API clients read it.
func withNotFoundPage(static func(*core.RequestEvent) error, publicDir string) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		err := static(e)
		if !errors.Is(err, router.ErrFileNotFound) || strings.HasPrefix(e.Request.URL.Path, "/api/") {
			return err
		}
		page, readErr := os.ReadFile(filepath.Join(publicDir, "404.html"))
		if readErr != nil {
			return err // no built 404 page: the plain error is better than none
		}
		e.Response.Header().Set("Cache-Control", cacheRevalidate)
		return e.HTML(http.StatusNotFound, string(page))
	}
}

// defaultPublicDir is the built site, dist/ in the project that holds bin/pocketbase.
func defaultPublicDir() string {
	return filepath.Join(filepath.Dir(os.Args[0]), "..", "dist")
}
