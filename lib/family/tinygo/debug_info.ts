/**
 * What a TinyGo build's DWARF (kept unless `-no-debug`) gives the family, parsed once per module:
 * the line table and code scopes that place a call site, and the package-level map variables it
 * locates.
 *
 * @module
 */
import { DebugScopes } from "../../dwarf/info.ts";
import { LineTable } from "../../dwarf/line.ts";
import { MapscopeError } from "../../errors.ts";
import type { GuestMemory } from "../../memory.ts";
import type { ModuleInfo } from "../../wasm/module.ts";

/** A module's DWARF, parsed once: its line table and code scopes, each null when absent or malformed. */
export interface Debug {
  lines: LineTable | null;
  scopes: DebugScopes | null;
}

const DEBUG = new WeakMap<ModuleInfo, Debug>();

/** Runs `parse`, giving null for a malformed section (positions are then given without it). */
function orNull<T>(parse: () => T): T | null {
  try {
    return parse();
  } catch (e) {
    if (e instanceof MapscopeError) return null;
    throw e;
  }
}

/** The module's DWARF line table and scopes, parsed on first use and kept. */
export function debugOf(module: ModuleInfo): Debug {
  let d = DEBUG.get(module);
  if (!d) {
    const line = module.custom.get(".debug_line");
    d = {
      lines: line ? orNull(() => LineTable.parse(line)) : null,
      scopes: module.custom.has(".debug_info") ? orNull(() => DebugScopes.parse(module.custom)) : null,
    };
    DEBUG.set(module, d);
  }
  return d;
}

/**
 * The maps of package-level map variables DWARF locates: TinyGo declares every map variable as
 * `runtime.hashmap *`; one with a DW_OP_addr location holds its header's address there (a map
 * variable initialized by a literal at build time has no location: TinyGo's interpreter folded
 * it). Nil and unreadable pointers are left out.
 */
export function tinygoStaticMaps(
  mem: GuestMemory,
  module?: ModuleInfo,
): { name: string; line?: number | undefined; header: number }[] {
  if (!module) return [];
  const scopes = debugOf(module).scopes;
  if (!scopes) return [];
  const out: { name: string; line?: number | undefined; header: number }[] = [];
  for (const v of scopes.variables) {
    if (v.typeName !== "runtime.hashmap *" || !mem.contains(v.address, 4)) continue;
    const header = mem.u32(v.address);
    if (header !== 0 && mem.contains(header, 40)) out.push({ name: v.name, line: v.declLine, header });
  }
  return out;
}
