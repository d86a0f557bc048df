// shapes: one map per key and value kind mapscope decodes, printed with their entries.
package main

import (
	"strconv"

	"mapscope.test/targets/internal/view"
	"mapscope.test/targets/probe"
)

type Point struct {
	Name string
	N    int32
}

type small struct {
	A int32
	B uint8
}

type payload struct {
	X int16
	Y string
	Z [2]bool
}

type Celsius float64

type Color string

// global is a map literal in a global variable.
var global = map[string]int{"alpha": 1, "beta": 2, "gamma": 3}

func main() {
	view.Toolchain()
	bools := map[bool]int8{true: -1, false: 1}
	i8 := map[int8]uint8{-128: 255, 0: 0, 127: 1}
	i16 := map[int16]uint16{-32768: 65535, 7: 7}
	i32 := map[int32]uint32{-2147483648: 4294967295, 42: 42}
	i64 := map[int64]uint64{-9007199254740993: 18446744073709551615, 1: 2}
	ints := map[int]uint{-5: 5, 1 << 30: 1 << 31}
	uptr := map[uintptr]bool{0: false, 12345: true}
	f32 := map[float32]float64{1.5: 0.1, -2.25: 1e300, 3.4028235e38: -0.0001}
	f64 := map[float64]float32{0.1: 0.1, 1e-7: 16777216, -3.5: 1.1754944e-38}
	strs := map[string]string{"": "empty", "héllo": "wörld", "quote\"<&>": "tab\t", "long key": "x"}
	arr := map[[4]byte]int32{{1, 2, 3, 4}: 10, {255, 0, 255, 0}: -10}
	structs := map[small]payload{{1, 2}: {X: -3, Y: "p", Z: [2]bool{true, false}}, {-1, 255}: {X: 9, Y: "", Z: [2]bool{false, true}}}
	points := map[Point]string{{"a", 1}: "first", {"b", -2}: "second"}
	named := map[Color]Celsius{"red": 100.5, "blue": -40}
	cplx := map[int]complex128{1: complex(1.5, -2), 2: complex(0, 0.25)}
	x, y := int32(7), int32(-7)
	ptrs := map[string]*int32{"x": &x, "y": &y, "nil": nil}
	ifaces := map[string]any{"int": 42, "str": "s", "bool": true, "float": 2.5, "nil": nil}
	nested := map[string]map[string]int{"inner": {"a": 1}}
	empty := map[string]int{}
	deleted := map[int]string{}
	for i := 0; i < 100; i++ {
		deleted[i] = "v" + strconv.Itoa(i)
	}
	for i := 0; i < 100; i += 5 {
		delete(deleted, i)
		delete(deleted, i+1)
		delete(deleted, i+2)
	}
	var bigKey [160]byte
	bigKeys := map[[160]byte]int{}
	for i := 0; i < 10; i++ {
		bigKey[0], bigKey[159] = byte(i), byte(100+i)
		bigKeys[bigKey] = i
	}
	bigVals := map[int][40]int32{}
	for i := 0; i < 10; i++ {
		var v [40]int32
		v[0], v[39] = int32(i), int32(-i)
		bigVals[i] = v
	}
	global["delta"] = 4

	probe.Track("bools", bools)
	probe.Track("i8", i8)
	probe.Track("i16", i16)
	probe.Track("i32", i32)
	probe.Track("i64", i64)
	probe.Track("ints", ints)
	probe.Track("uptr", uptr)
	probe.Track("f32", f32)
	probe.Track("f64", f64)
	probe.Track("strs", strs)
	probe.Track("arr", arr)
	probe.Track("structs", structs)
	probe.Track("points", points)
	probe.Track("named", named)
	probe.Track("cplx", cplx)
	probe.Track("ptrs", ptrs)
	probe.Track("ifaces", ifaces)
	probe.Track("nested", nested)
	probe.Track("empty", empty)
	probe.Track("deleted", deleted)
	probe.Track("bigKeys", bigKeys)
	probe.Track("bigVals", bigVals)
	probe.Track("global", global)
	probe.Checkpoint("all")

	view.Map("bools", bools, true)
	view.Map("i8", i8, true)
	view.Map("i16", i16, true)
	view.Map("i32", i32, true)
	view.Map("i64", i64, true)
	view.Map("ints", ints, true)
	view.Map("uptr", uptr, true)
	view.Map("f32", f32, true)
	view.Map("f64", f64, true)
	view.Map("strs", strs, true)
	view.Map("arr", arr, true)
	view.Map("structs", structs, true)
	view.Map("points", points, true)
	view.Map("named", named, true)
	view.Map("cplx", cplx, true)
	view.Map("ptrs", ptrs, true)
	view.Map("ifaces", ifaces, true)
	view.Map("nested", nested, true)
	view.Map("empty", empty, true)
	view.Map("deleted", deleted, true)
	view.Map("bigKeys", bigKeys, true)
	view.Map("bigVals", bigVals, true)
	view.Map("global", global, true)
}
