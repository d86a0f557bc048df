// lifecycle: fill, delete most entries (tombstones), clear, refill; a checkpoint and a full view
// after each phase.
package main

import (
	"strconv"

	"mapscope.test/targets/internal/view"
	"mapscope.test/targets/probe"
)

func main() {
	view.Toolchain()
	m := map[int]string{}
	probe.Track("life", m)
	phase := func(label string) {
		probe.Checkpoint(label)
		view.Map("life", m, true, "phase", strconv.Quote(label))
	}
	for i := 0; i < 2000; i++ {
		m[i] = "v" + strconv.Itoa(i)
	}
	phase("filled")
	for i := 0; i < 2000; i++ {
		if i%10 != 0 {
			delete(m, i)
		}
	}
	phase("deleted")
	clear(m)
	phase("cleared")
	for i := 0; i < 100; i++ {
		m[i*3] = "again" + strconv.Itoa(i)
	}
	phase("refilled")
}
