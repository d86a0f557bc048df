//go:build !tinygo

package view

import (
	"fmt"
	"unsafe"
)

const headerKind = "swiss-map"

// swissMap mirrors internal/runtime/maps.Map of Go 1.26.8 and 1.27.3
// (src/internal/runtime/maps/map.go; identical in both versions).
type swissMap struct {
	used              uint64
	seed              uintptr
	dirPtr            unsafe.Pointer
	dirLen            int
	globalDepth       uint8
	globalShift       uint8
	writing           uint8
	tombstonePossible bool
	clearSeq          uint64
}

func header(m any) string {
	h := (*swissMap)((*[2]unsafe.Pointer)(unsafe.Pointer(&m))[1])
	if h == nil {
		return "null"
	}
	tp := 0
	if h.tombstonePossible {
		tp = 1
	}
	return fmt.Sprintf(`{"used":%d,"seed":"%d","dirPtr":%d,"dirLen":%d,"globalDepth":%d,"globalShift":%d,"writing":%d,"tombstonePossible":%d,"clearSeq":%d,"size":%d}`,
		h.used, h.seed, uintptr(h.dirPtr), h.dirLen, h.globalDepth, h.globalShift, h.writing, tp, h.clearSeq, unsafe.Sizeof(*h))
}
