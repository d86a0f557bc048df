//go:build tinygo

package view

import (
	"fmt"
	"unsafe"
)

const headerKind = "tinygo-hashmap"

// hashmap mirrors runtime.hashmap of TinyGo 0.41.0 (src/runtime/hashmap.go).
type hashmap struct {
	buckets    unsafe.Pointer
	seed       uintptr
	count      uintptr
	keySize    uintptr
	valueSize  uintptr
	bucketBits uint8
	keyEqual   [2]uintptr // func value: context, function table index
	keyHash    [2]uintptr
}

func header(m any) string {
	h := (*hashmap)((*[2]unsafe.Pointer)(unsafe.Pointer(&m))[1])
	if h == nil {
		return "null"
	}
	return fmt.Sprintf(`{"buckets":%d,"seed":%d,"count":%d,"keySize":%d,"valueSize":%d,"bucketBits":%d,"keyEqual":%d,"keyHash":%d,"size":%d}`,
		uintptr(h.buckets), h.seed, h.count, h.keySize, h.valueSize, h.bucketBits, h.keyEqual[1], h.keyHash[1], unsafe.Sizeof(*h))
}
