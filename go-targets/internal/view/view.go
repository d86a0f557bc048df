// Package view prints Go's own view of a map as one JSON line: the %p address, len, the
// runtime's header fields read back through an unsafe mirror of that runtime's struct, and the
// entries sorted by their JSON key (or a sha256 of them for large maps). mapscope's tests compare
// what they read from linear memory against these lines.
package view

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// Toolchain prints the first line of every target: which runtime built it.
func Toolchain() {
	fmt.Printf("{\"view\":\"toolchain\",\"version\":%q,\"compiler\":%q,\"header\":%q}\n", runtime.Version(), runtime.Compiler, headerKind)
}

// Encode returns Go's JSON encoding of v, except that pointers are shown as "0x..." addresses.
func Encode(v any) string {
	if v != nil {
		switch rv := reflect.ValueOf(v); rv.Kind() {
		case reflect.Pointer, reflect.Map:
			return fmt.Sprintf("%q", fmt.Sprintf("%p", v))
		case reflect.Complex64, reflect.Complex128:
			bits := 64
			if rv.Kind() == reflect.Complex64 {
				bits = 32
			}
			c := rv.Complex()
			return "[" + strconv.FormatFloat(real(c), 'g', -1, bits) + "," + strconv.FormatFloat(imag(c), 'g', -1, bits) + "]"
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Entries returns the map's entries as sorted "[key,value]" JSON lines.
func Entries[K comparable, V any](m map[K]V) []string {
	lines := make([]string, 0, len(m))
	for k, v := range m {
		lines = append(lines, "["+Encode(k)+","+Encode(v)+"]")
	}
	sort.Strings(lines)
	return lines
}

// Digest is the sha256 of the sorted entry lines, each followed by "\n".
func Digest(lines []string) string {
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Map prints {"view":"map","name","ptr","len","header",("entries"|"sha256")} for m.
// With full false, only the header is printed; with more than 256 entries a digest replaces them.
func Map[K comparable, V any](name string, m map[K]V, full bool, extra ...string) {
	var b strings.Builder
	b.WriteString(`{"view":"map","name":`)
	b.WriteString(strconv.Quote(name))
	fmt.Fprintf(&b, `,"ptr":"%p","len":%d,"header":%s`, m, len(m), header(m))
	for i := 0; i+1 < len(extra); i += 2 {
		fmt.Fprintf(&b, ",%q:%s", extra[i], extra[i+1])
	}
	if full {
		lines := Entries(m)
		if len(lines) > 256 {
			fmt.Fprintf(&b, `,"count":%d,"sha256":%q`, len(lines), Digest(lines))
		} else {
			b.WriteString(`,"entries":[` + strings.Join(lines, ",") + `]`)
		}
	}
	b.WriteString("}\n")
	os.Stdout.WriteString(b.String())
}
