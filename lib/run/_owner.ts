// Whether a map was made by the Go runtime or standard library rather than by the program: from
// the position of the code that first wrote it (its file where absolute, else its function's
// package; lib/family/_std.ts says what the standard library is).
import type { CodePosition } from "../family/family.ts";
import { isStandardFile, isStandardFunction } from "../family/_std.ts";

/**
 * TinyGo runs package initializers its interpreter could not run at build time (`initAll`), then
 * main.main, in the goroutine `runtime.run` starts (tinygo v0.41.0 `src/runtime/scheduler_*.go`,
 * `run`), and inlines them there: main.main into that goroutine's wrapper, every package's init
 * into `initAll` (which has no DWARF of its own). Code there is not known to be the runtime's.
 */
const PROGRAM_WRAPPERS = new Set(["runtime.run$1$gowrapper", "runtime.initAll"]);

/**
 * Whether code at `p` belongs to the Go runtime or standard library. With a file, its directory
 * decides (under a `src/` whose next element is a standard root); else the function's package;
 * a function with no package (`malloc`, the runtime's C-ABI exports) is the runtime's.
 */
export function isStandardCode(p: CodePosition): boolean {
  if (p.file !== undefined && p.file.startsWith("/")) return isStandardFile(p.file);
  if (PROGRAM_WRAPPERS.has(p.function)) return false;
  return isStandardFunction(p.function);
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
