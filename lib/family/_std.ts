// The Go standard library, as code positions show it: the top-level package directories of
// $(go env GOROOT)/src (go1.26.8) and TinyGo 0.41.0's src/ (which adds device, machine, tinygo).
// A package path whose first element has a dot, or `main`, is a program's.

const STD_ROOTS = new Set(
  ("archive arena bufio bytes cmp compress container context crypto database debug embed encoding errors " +
    "expvar flag fmt go hash html image index internal io iter log maps math mime net os path plugin " +
    "reflect regexp runtime simd slices sort strconv strings structs sync syscall testing text time " +
    "unicode unique unsafe vendor weak device machine tinygo").split(" "),
);

/** Whether an absolute source path is under a Go source root's standard package (`.../src/fmt/print.go`). */
export function isStandardFile(file: string): boolean {
  const m = /\/src\/([^/]+)\/(?:[^/]+\/)*[^/]+\.go$/.exec(file);
  return m !== null && STD_ROOTS.has(m[1]!);
}

/** The package path of a Go function name: `unicode.init` -> unicode, `(*sync.Map).Load` -> sync. */
export function packageOf(fn: string): string | undefined {
  const name = fn.replace(/^\(\*?/, "");
  const slash = name.lastIndexOf("/");
  const dot = name.indexOf(".", slash + 1);
  return dot > 0 ? name.slice(0, dot) : undefined;
}

/**
 * Whether a Go function belongs to the standard library by its package; a function with no
 * package (`malloc`, the runtime's C-ABI exports) is the runtime's.
 */
export function isStandardFunction(fn: string): boolean {
  const pkg = packageOf(fn);
  if (pkg === undefined) return true;
  if (pkg === "main") return false;
  const first = pkg.split("/")[0]!;
  return !first.includes(".") && STD_ROOTS.has(first);
}
