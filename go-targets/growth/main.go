// growth: int keys and string keys, a checkpoint and a header view after every insert, through
// more than ten doublings of TinyGo's bucket array (and many swiss table splits).
//
//	growth [n]        n inserts into each map (default 4000), a checkpoint and view after each
//	growth n bulk     n inserts into ints only, then checkpoint "built", a range over the map
//	                  inside wasm, checkpoint "ranged", and the final view (digest for large maps)
package main

import (
	"os"
	"strconv"

	"mapscope.test/targets/internal/view"
	"mapscope.test/targets/probe"
)

func main() {
	view.Toolchain()
	n := 4000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	ints := map[int]int{}
	strs := map[string]int{}
	probe.Track("ints", ints)
	probe.Track("strs", strs)
	if len(os.Args) > 2 && os.Args[2] == "bulk" {
		for i := 0; i < n; i++ {
			ints[i*7] = i
		}
		probe.Checkpoint("built")
		sum := 0
		for k, v := range ints {
			sum += k ^ v
		}
		probe.Checkpoint("ranged")
		println("sum", sum)
		view.Map("ints", ints, true)
		return
	}
	for i := 0; i < n; i++ {
		ints[i*7] = i
		probe.Checkpoint("ints")
		view.Map("ints", ints, false, "step", strconv.Itoa(i))
	}
	for i := 0; i < n; i++ {
		strs["k"+strconv.Itoa(i)] = i
		probe.Checkpoint("strs")
		view.Map("strs", strs, false, "step", strconv.Itoa(i))
	}
	view.Map("ints", ints, true)
	view.Map("strs", strs, true)
}
