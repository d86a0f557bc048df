// clones: maps made by maps.Clone and never written afterwards (the runtime builds them without a
// map assignment), one of them of an empty map, and two package-level map variables assigned at
// run time, one of them never written; each map's %p, len and entries are printed, then it
// panics. Built by the toolchain tests, not committed.
package main

import (
	"maps"
	"strconv"

	"mapscope.test/targets/internal/view"
)

var catalog map[string]int

var spare map[int]int

func main() {
	view.Toolchain()
	catalog = map[string]int{}
	catalog["pen"] = 3
	catalog["ink"] = 7
	spare = make(map[int]int, 4)
	src := map[string]int{"a": 1, "b": 2, "c": 3}
	big := map[int]int{}
	for i := 0; i < 100; i++ {
		big[i] = i * i
	}
	names := map[string]string{}
	for i := 0; i < 20; i++ {
		names["k"+strconv.Itoa(i)] = "v" + strconv.Itoa(i)
	}
	clone := maps.Clone(src)
	bigClone := maps.Clone(big)
	namesClone := maps.Clone(names)
	emptyClone := maps.Clone(map[int32]bool{})
	view.Map("src", src, true)
	view.Map("big", big, true)
	view.Map("names", names, true)
	view.Map("clone", clone, true)
	view.Map("bigClone", bigClone, true)
	view.Map("namesClone", namesClone, true)
	view.Map("emptyClone", emptyClone, true)
	view.Map("catalog", catalog, true)
	view.Map("spare", spare, true)
	panic("clones, never written")
}
