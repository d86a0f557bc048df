// nomaps: ten maps and no probe; each map's %p, len and entries are printed, then it panics.
package main

import (
	"strconv"

	"mapscope.test/targets/internal/view"
)

var literal = map[string]int{"one": 1, "two": 2}

func main() {
	view.Toolchain()
	a := map[int]int{}
	b := map[string]string{}
	c := map[int32]bool{}
	d := map[string]float64{}
	e := map[uint8]uint16{}
	f := map[[2]int32]string{}
	g := map[int64]int64{}
	h := map[string][]byte{}
	i := map[uint]string{}
	for n := 0; n < 12; n++ {
		a[n] = n * n
		b["b"+strconv.Itoa(n)] = "v" + strconv.Itoa(n)
		c[int32(n)] = n%2 == 0
		d["d"+strconv.Itoa(n)] = float64(n) / 8
		e[uint8(n)] = uint16(n * 1000)
		f[[2]int32{int32(n), -int32(n)}] = strconv.Itoa(n)
		g[int64(n)<<40] = -int64(n)
		i[uint(n)] = "i" + strconv.Itoa(n)
	}
	h["h"] = []byte("bytes")
	literal["three"] = 3
	view.Map("a", a, true)
	view.Map("b", b, true)
	view.Map("c", c, true)
	view.Map("d", d, true)
	view.Map("e", e, true)
	view.Map("f", f, true)
	view.Map("g", g, true)
	view.Map("h", h, true)
	view.Map("i", i, true)
	view.Map("literal", literal, true)
	panic("ten maps, no probe")
}
