package main

import (
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

func TestSkipSuccessActivityLogKeyIsPocketBases(t *testing.T) {
	e := &core.RequestEvent{}
	if err := apis.SkipSuccessActivityLog().Func(e); err != nil {
		t.Fatal(err)
	}
	if v, _ := e.Get(skipSuccessLogKey).(bool); !v {
		t.Fatalf("apis.SkipSuccessActivityLog no longer sets %q: update requestlog.go", skipSuccessLogKey)
	}
}
