// Whether a map was made by the Go runtime or standard library rather than by the program: from
// the position of the code that first wrote it. The top-level package directories of
// $(go env GOROOT)/src (go1.26.8) and TinyGo 0.41.0's src/ (which adds device, machine, tinygo)
// are the standard library; a package path whose first element has a dot, or `main`, is the
// program's.
import type { CodePosition } from "../family/family.ts";

const STD_ROOTS = new Set([
  "archive",
  "arena",
  "bufio",
  "bytes",
  "cmp",
  "compress",
  "container",
  "context",
  "crypto",
  "database",
  "debug",
  "embed",
  "encoding",
  "errors",
  "expvar",
  "flag",
  "fmt",
  "go",
  "hash",
  "html",
  "image",
  "index",
  "internal",
  "io",
  "iter",
  "log",
  "maps",
  "math",
  "mime",
  "net",
  "os",
  "path",
  "plugin",
  "reflect",
  "regexp",
  "runtime",
  "simd",
  "slices",
  "sort",
  "strconv",
  "strings",
  "structs",
  "sync",
  "syscall",
  "testing",
  "text",
  "time",
  "unicode",
  "unique",
  "unsafe",
  "vendor",
  "weak",
  "device",
  "machine",
  "tinygo",
]); // deno-fmt-ignore

/**
 * TinyGo runs package initializers its interpreter could not run at build time (`initAll`), then
 * main.main, in the goroutine `runtime.run` starts (tinygo v0.41.0 `src/runtime/scheduler_*.go`,
 * `run`), and inlines them there: main.main into that goroutine's wrapper, every package's init
 * into `initAll` (which has no DWARF of its own). Code there is not known to be the runtime's.
 */
const PROGRAM_WRAPPERS = new Set(["runtime.run$1$gowrapper", "runtime.initAll"]);

/** The package path of a Go function name: `unicode.init` -> unicode, `(*sync.Map).Load` -> sync. */
function packageOf(fn: string): string | undefined {
  const name = fn.replace(/^\(\*?/, "");
  const slash = name.lastIndexOf("/");
  const dot = name.indexOf(".", slash + 1);
  return dot > 0 ? name.slice(0, dot) : undefined;
}

/** The package directory of a source file under a Go source root (`.../src/fmt/print.go` -> fmt). */
function stdDirOf(file: string): string | undefined {
  const m = /\/src\/([^/]+)\/(?:[^/]+\/)*[^/]+\.go$/.exec(file);
  return m?.[1];
}

/**
 * Whether code at `p` belongs to the Go runtime or standard library. With a file, its directory
 * decides (under a `src/` whose next element is a standard root); else the function's package;
 * a function with no package (`malloc`, the runtime's C-ABI exports) is the runtime's.
 */
export function isStandardCode(p: CodePosition): boolean {
  if (p.file !== undefined && p.file.startsWith("/")) {
    const dir = stdDirOf(p.file);
    return dir !== undefined && STD_ROOTS.has(dir);
  }
  if (PROGRAM_WRAPPERS.has(p.function)) return false;
  const pkg = packageOf(p.function);
  if (pkg === undefined) return true;
  if (pkg === "main") return false;
  const first = pkg.split("/")[0]!;
  return !first.includes(".") && STD_ROOTS.has(first);
}

/**
 * What the origin of a map first written at `p` adds about its owner: the runtime's or standard
 * library's own map; a package initializer's where TinyGo inlined them all (`runtime.initAll`,
 * which has no DWARF: the program's main.init and libraries' inits cannot be told apart); else
 * nothing (the program's).
 */
export function ownerNote(p: CodePosition): string {
  if (p.function === "runtime.initAll" && p.file === undefined) {
    return "; written by a package initializer (the program's or a library's: TinyGo inlines them all into runtime.initAll)";
  }
  return isStandardCode(p) ? "; the runtime's or standard library's own map" : "";
}
