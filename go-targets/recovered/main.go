// recovered: a panic that is recovered (Go only: TinyGo's wasip1 target cannot recover), then a
// fatal one, with a tracked map changed in between.
package main

import (
	"mapscope.test/targets/internal/view"
	"mapscope.test/targets/probe"
)

func risky(m map[string]int) (err any) {
	defer func() { err = recover() }()
	m["before-first"] = 1
	panic("first: recovered")
}

func main() {
	view.Toolchain()
	m := map[string]int{"start": 0}
	probe.Track("state", m)
	view.Map("state", m, true, "at", `"start"`)
	r := risky(m)
	println("recovered:", r.(string))
	m["after-first"] = 2
	view.Map("state", m, true, "at", `"second"`)
	panic("second: fatal")
}
