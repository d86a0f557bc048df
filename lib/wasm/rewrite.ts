/**
 * Inserts code at the entry of named functions without changing any index: only the code
 * section is re-encoded; every other section (types, imports, the name section, data, custom
 * sections) is copied byte for byte.
 *
 * @module
 */
import { ModuleError } from "../errors.ts";
import { decodeU32, encodeU32 as uleb } from "./_leb128.ts";
import { callSites, returnSites } from "./instructions.ts";
import { functionIndex, type ModuleInfo, parseModule, type Section } from "./module.ts";

/**
 * What to insert: the function's name and the bytes (instructions) to prepend to its body.
 *
 * @example
 * ```ts
 * import { type EntryPatch, patchFunctionEntries } from "@mapscope/mapscope/wasm";
 * const bytes = await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm");
 * const patch: EntryPatch = { name: "runtime.alloc", code: new Uint8Array([0x01]) }; // nop
 * console.log(patchFunctionEntries(bytes, [patch]).length - bytes.length); // 1
 * ```
 */
export interface EntryPatch {
  /** The function's name in the name section. */
  name: string;
  /** Instructions to run first (must leave the stack as they found it). */
  code: Uint8Array;
  /**
   * Instructions to run before each `return` of the function (they must leave the stack as they
   * found it): an exit hook, where the function's results are in place.
   */
  beforeReturn?: Uint8Array | undefined;
  /** Also run `beforeReturn` before the body's final `end` (a function that falls off its end). */
  beforeEnd?: boolean | undefined;
}

/**
 * Code to insert before each direct call of some functions: a report of the call site, made
 * before the callee runs.
 *
 * @example
 * ```ts
 * import { type CallSitePatch, patchFunctionEntries } from "@mapscope/mapscope/wasm";
 * const bytes = await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm");
 * const nops: CallSitePatch = { callees: ["runtime.hashmapMake"], code: () => new Uint8Array([0x01]) };
 * console.log(patchFunctionEntries(bytes, [], undefined, nops).length > bytes.length); // true
 * ```
 */
export interface CallSitePatch {
  /** The callees, by name, whose direct calls get code before them (absent names are ignored). */
  callees: readonly string[];
  /** Whether the calls made by the function named `caller` are left alone. */
  skipCaller?: (caller: string) => boolean;
  /**
   * The instructions to insert before one call (they must leave the stack as they found it):
   * `caller` is the calling function's index, `offset` the call's offset in the original code
   * section's content (the address DWARF gives that instruction).
   */
  code(caller: number, offset: number): Uint8Array;
}

function readU32(b: Uint8Array, pos: number): [number, number] {
  return decodeU32(b, pos, "code section");
}

/**
 * Returns a copy of `bytes` with each patch's code inserted at the entry of its function (after
 * the local declarations) and, with `calls`, code before each direct call of its callees; with
 * `addGlobals`, that many mutable i32 globals (initially 0) added after the module's own (see
 * {@linkcode newGlobalIndex}), for hook code to keep state in. Throws {@linkcode ModuleError} when a named function is missing or the
 * module has no name section, a body the call-site walker cannot read, or (with `addGlobals`)
 * no global section.
 *
 * @example
 * ```ts
 * import { parseModule, patchFunctionEntries } from "@mapscope/mapscope/wasm";
 * const bytes = await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm");
 * const nop = new Uint8Array([0x01]); // a `nop` at the entry of runtime.alloc
 * const patched = patchFunctionEntries(bytes, [{ name: "runtime.alloc", code: nop }]);
 * console.log(patched.length - bytes.length, parseModule(patched).functionNames.size);
 * ```
 */
export function patchFunctionEntries(
  bytes: Uint8Array,
  patches: EntryPatch[],
  info: ModuleInfo = parseModule(bytes),
  calls?: CallSitePatch,
  addGlobals = 0,
): Uint8Array {
  if (info.functionNames.size === 0) {
    throw new ModuleError("the module has no name section: functions cannot be found by name");
  }
  const byBody = new Map<number, { entry: Uint8Array; exit: Uint8Array; atEnd: boolean }>();
  for (const p of patches) {
    const idx = functionIndex(info, p.name);
    if (idx === undefined) throw new ModuleError(`the module has no function named ${p.name}`);
    if (idx < info.importedFunctions) throw new ModuleError(`${p.name} is an import and has no body`);
    const body = idx - info.importedFunctions;
    const prev = byBody.get(body);
    const exit = p.beforeReturn ?? new Uint8Array();
    byBody.set(
      body,
      prev
        ? {
          entry: new Uint8Array([...prev.entry, ...p.code]),
          exit: new Uint8Array([...prev.exit, ...exit]),
          atEnd: prev.atEnd || p.beforeEnd === true,
        }
        : { entry: p.code, exit, atEnd: p.beforeEnd === true },
    );
  }
  const callees = new Set<number>();
  for (const n of calls?.callees ?? []) {
    const idx = functionIndex(info, n);
    if (idx !== undefined) callees.add(idx);
  }
  const code = info.sections.find((s) => s.id === 10);
  if (!code) throw new ModuleError("the module has no code section");
  const parts: Uint8Array[] = [];
  let [count, pos] = readU32(bytes, code.start);
  const header: number[] = uleb(count);
  for (let i = 0; i < count; i++) {
    const [size, bodyStart] = readU32(bytes, pos);
    const bodyEnd = bodyStart + size;
    const patch = byBody.get(i);
    const fn = i + info.importedFunctions;
    const callerName = info.functionNames.get(fn) ?? "";
    const wantCalls = calls && callees.size > 0 && !calls.skipCaller?.(callerName);
    if (!patch && !wantCalls) {
      parts.push(bytes.subarray(pos, bodyEnd));
      pos = bodyEnd;
      continue;
    }
    // skip the local declarations: count, then (n, type) pairs
    let [groups, p] = readU32(bytes, bodyStart);
    for (; groups > 0; groups--) {
      [, p] = readU32(bytes, p);
      p++;
    }
    const sites = wantCalls ? callSites(bytes, p, bodyEnd, (c) => callees.has(c)) : [];
    const returns = patch?.exit.length ? returnSites(bytes, p, bodyEnd) : [];
    if (returns && patch?.atEnd && patch.exit.length) returns.push(bodyEnd - 1); // the final `end`
    if (sites === undefined || returns === undefined) {
      throw new ModuleError(`function ${callerName || fn} holds an instruction the rewriter does not know`);
    }
    const inserts = [
      ...sites.map(({ at }) => ({ at, code: calls!.code(fn, at - code.start) })),
      ...returns.map((at) => ({ at, code: patch!.exit })),
    ].sort((a, b) => a.at - b.at);
    const body: Uint8Array[] = [bytes.subarray(bodyStart, p)];
    if (patch) body.push(patch.entry);
    let from = p;
    for (const { at, code: c } of inserts) {
      body.push(bytes.subarray(from, at), c);
      from = at;
    }
    body.push(bytes.subarray(from, bodyEnd));
    parts.push(new Uint8Array(uleb(body.reduce((n, b) => n + b.length, 0))), ...body);
    pos = bodyEnd;
  }
  if (pos !== code.end) throw new ModuleError("the code section's bodies do not fill it exactly");
  const codeContent = [new Uint8Array(header), ...parts];
  const replaced: { section: Section; content: Uint8Array[] }[] = [];
  if (addGlobals > 0) {
    const g = info.sections.find((s) => s.id === 6);
    if (!g) throw new ModuleError("the module has no global section to add hook globals to");
    const [defined, first] = readU32(bytes, g.start);
    const fresh = new Uint8Array(5 * addGlobals);
    // i32, mutable, (i32.const 0) end
    for (let k = 0; k < addGlobals; k++) fresh.set([0x7f, 0x01, 0x41, 0x00, 0x0b], 5 * k);
    replaced.push({
      section: g,
      content: [new Uint8Array(uleb(defined + addGlobals)), bytes.subarray(first, g.end), fresh],
    });
  }
  replaced.push({ section: code, content: codeContent });
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const { section, content } of replaced) {
    // the section header: its id, then its size, which may take a different number of bytes now
    let headerStart = section.start - 1;
    while (bytes[headerStart - 1]! & 0x80) headerStart--;
    headerStart--;
    const size = content.reduce((n, c) => n + c.length, 0);
    chunks.push(bytes.subarray(from, headerStart), new Uint8Array([section.id, ...uleb(size)]), ...content);
    from = section.end;
  }
  chunks.push(bytes.subarray(from));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The index the first global added by {@linkcode patchFunctionEntries} (`addGlobals`) gets: after
 * the imported and the module's own globals. Never throws.
 *
 * @example
 * ```ts
 * import { newGlobalIndex, parseModule } from "@mapscope/mapscope/wasm";
 * const info = parseModule(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"));
 * console.log(newGlobalIndex(info) > 0); // true
 * ```
 */
export function newGlobalIndex(info: ModuleInfo): number {
  return info.imports.filter((i) => i.kind === 3).length + info.globalInits.length;
}
