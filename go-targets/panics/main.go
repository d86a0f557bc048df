// panics: two tracked maps mid-life, then the panic named by the first argument:
// explicit, nilmap, index, divide, nilptr, oom, exit3, many (100 more tracked maps, then explicit).
package main

import (
	"os"
	"strconv"

	"mapscope.test/targets/internal/view"
	"mapscope.test/targets/probe"
)

type pair struct{ A, B int }

var sink []byte

func main() {
	view.Toolchain()
	kind := "explicit"
	if len(os.Args) > 1 {
		kind = os.Args[1]
	}
	users := map[string]int{}
	scores := map[int]float64{}
	probe.Track("users", users)
	probe.Track("scores", scores)
	for i := 0; i < 20; i++ {
		users["user"+strconv.Itoa(i)] = i * i
	}
	for i := 0; i < 13; i++ {
		scores[i] = float64(i) / 4
	}
	delete(users, "user3")
	view.Map("users", users, true)
	view.Map("scores", scores, true)
	idx := len(users) - 14 // 5, hidden from the compiler's constant folding
	zero := len(scores) - 13
	switch kind {
	case "explicit":
		panic("boom: users has " + strconv.Itoa(len(users)) + " entries")
	case "nilmap":
		var m map[string]int
		m["x"] = 1
	case "index":
		s := []int{1, 2, 3}
		println(s[idx])
	case "divide":
		println(len(users) / zero)
	case "nilptr":
		var p *pair
		if len(users) > 0 {
			println(p.B)
		}
	case "oom":
		for {
			sink = make([]byte, 256<<20)
			users["x"+strconv.Itoa(len(sink))] = len(users)
			keep = append(keep, sink)
		}
	case "many":
		for i := 0; i < 100; i++ {
			m := map[int]string{}
			for j := 0; j < 10; j++ {
				m[j] = strconv.Itoa(i * j)
			}
			probe.Track("m"+strconv.Itoa(i), m)
		}
		panic("many maps")
	case "exit3":
		os.Exit(3)
	default:
		println("unknown kind", kind)
		os.Exit(64)
	}
}

var keep [][]byte
