// hello: one small tracked map and a checkpoint.
package main

import (
	"mapscope.test/targets/internal/view"
	"mapscope.test/targets/probe"
)

func main() {
	view.Toolchain()
	greetings := map[string]int{"hello": 1, "wasm": 2, "maps": 3}
	probe.Track("greetings", greetings)
	probe.Checkpoint("filled")
	view.Map("greetings", greetings, true)
}
