// deferred: a deferred call deletes and adds entries while a panic unwinds; Go's view before the
// panic and inside the deferred call shows exactly what it changed. The deferred call sleeps, so
// the goroutine parks mid-panic and Go's wasm code unwinds and later resumes runtime.gopanic.
package main

import (
	"time"

	"mapscope.test/targets/internal/view"
	"mapscope.test/targets/probe"
)

func main() {
	view.Toolchain()
	fruit := map[string]int{"apples": 3, "pears": 5, "plums": 7}
	probe.Track("fruit", fruit)
	defer func() {
		time.Sleep(time.Millisecond)
		delete(fruit, "pears")
		fruit["figs"] = 11
		fruit["apples"] = 4
		view.Map("fruit", fruit, true, "at", `"deferred"`)
	}()
	view.Map("fruit", fruit, true, "at", `"panic"`)
	panic("fruit went bad")
}
