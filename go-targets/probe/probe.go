// Package probe lets mapscope find a program's maps from outside its WebAssembly module.
//
// Add it to a TinyGo or Go wasip1 program, call Track for each map of interest and Checkpoint
// wherever the host should look. The package needs no host import and no build tag: the registry
// lives in linear memory behind a 16-byte magic and a pointer to itself, and events are written
// to a reserved file descriptor, which any other WASI runtime answers with EBADF (ignored here).
// A probed program therefore runs unchanged under node:wasi, wasmtime or a browser shim.
package probe

import (
	"syscall"
	"unsafe"
)

// MaxMaps is how many maps the registry holds; Track ignores maps past it.
const MaxMaps = 256

// EventFD is the file descriptor that probe events are written to ("MSCP").
const EventFD = 0x4d534350

// Layout (all fields little-endian uint32, addresses in linear memory):
//
//	0   magic "mapscope.probe.1"
//	16  self: address of this registry (rules out copies of the magic)
//	20  version (1)
//	24  count of tracked maps
//	28  checkpoint sequence number
//	32  entries[MaxMaps] of {namePtr, nameLen, header, typeDescriptor}
type entry struct {
	namePtr, nameLen, header, typ uint32
}

type registry struct {
	magic   [16]byte
	self    uint32
	version uint32
	count   uint32
	seq     uint32
	entries [MaxMaps]entry
}

var (
	reg   registry
	keep  []any    // keeps tracked maps alive and reachable
	names []string // keeps the name strings alive
)

func setup() {
	if reg.self != 0 {
		return
	}
	copy(reg.magic[:], "mapscope.probe.1")
	reg.version = 1
	reg.self = uint32(uintptr(unsafe.Pointer(&reg)))
}

// Track records m (which must be a map) under name: its header address and runtime type
// descriptor become visible to the host. A nil map or a non-map value is ignored.
func Track(name string, m any) {
	setup()
	words := (*[2]uintptr)(unsafe.Pointer(&m))
	if words[1] == 0 || reg.count >= MaxMaps {
		return
	}
	keep = append(keep, m)
	names = append(names, name)
	n := names[len(names)-1]
	reg.entries[reg.count] = entry{
		namePtr: uint32(uintptr(unsafe.Pointer(unsafe.StringData(n)))),
		nameLen: uint32(len(n)),
		header:  uint32(words[1]),
		typ:     uint32(words[0]),
	}
	reg.count++
	event('T', name)
}

// Checkpoint hands control to the host, which may read every tracked map. The label is
// reported with the checkpoint.
func Checkpoint(label string) {
	setup()
	reg.seq++
	event('C', label)
}

func event(kind byte, text string) {
	buf := make([]byte, 0, 16+len(text))
	buf = append(buf, kind)
	a := reg.self
	buf = append(buf, byte(a), byte(a>>8), byte(a>>16), byte(a>>24))
	buf = append(buf, text...)
	syscall.Write(EventFD, buf)
}
