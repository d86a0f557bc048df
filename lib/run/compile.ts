/**
 * Getting a module ready to run: parse it, check its imports, detect its toolchain, insert the
 * hooks asked for, compile it. Done once, in the caller or in the Worker.
 *
 * @module
 */
import { detectToolchain, toolchainByName } from "../family/detect.ts";
import { ModuleError, ToolchainMismatchError } from "../errors.ts";
import type { HookSelection } from "../family/family.ts";
import { fdWriteIndex } from "../family/hook_code.ts";
import { familyOf } from "../family/registry.ts";
import type { Toolchain } from "../model/toolchain.ts";
import { WASI_PREVIEW1_FUNCTIONS } from "../wasi/names.ts";
import { encodeU32 } from "../wasm/_leb128.ts";
import { type ModuleInfo, parseModule } from "../wasm/module.ts";
import { patchFunctionEntries } from "../wasm/rewrite.ts";
import { checkTimeout, interruptible } from "./deadline.ts";
import type { RunOptions } from "./options.ts";

const WASI = new Set(WASI_PREVIEW1_FUNCTIONS);

/**
 * Parses, detects and checks a module's imports. Throws {@linkcode ModuleError} for a module
 * that imports anything but WASI preview1 functions, and `UnknownToolchainError` for an unknown
 * toolchain, `ToolchainMismatchError` for a given `toolchain` that contradicts the module's producers section (unless
 * `force`).
 *
 * @example
 * ```ts
 * import { prepareModule } from "@mapscope/mapscope/run";
 * const { toolchain } = prepareModule(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"));
 * console.log(toolchain.name); // "go1.26.8"
 * ```
 */
export function prepareModule(
  bytes: Uint8Array,
  toolchain?: string,
  force = false,
): { info: ModuleInfo; toolchain: Toolchain } {
  const info = parseModule(bytes);
  for (const imp of info.imports) {
    if (imp.module !== "wasi_snapshot_preview1" || imp.kind !== 0 || !WASI.has(imp.name)) {
      throw new ModuleError(
        `the module imports ${imp.module}.${imp.name}, which mapscope cannot supply (only wasi_snapshot_preview1 functions)`,
      );
    }
  }
  if (toolchain === undefined) return { info, toolchain: detectToolchain(bytes, info) };
  const given = toolchainByName(toolchain);
  if (!force) {
    // A layout that contradicts the module's own producers section would read garbage.
    let found: Toolchain | undefined;
    try {
      found = detectToolchain(bytes, info);
    } catch {
      found = undefined; // nothing (known) identifies the producer: the given layout is the only one
    }
    // "wasi" is no evidence either way (no producers section): the given layout stands.
    if (found && found.name !== "wasi" && found.layout !== given.layout) {
      throw new ToolchainMismatchError(given.name, found.name);
    }
  }
  return { info, toolchain: given };
}

/**
 * A module checked, detected, hooked (as asked) and compiled, once.
 *
 * @example
 * ```ts
 * import { compileModule, type CompiledModule } from "@mapscope/mapscope/run";
 * const c: CompiledModule = await compileModule(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"));
 * console.log(c.toolchain.name, c.info.imports.length > 0, c.compiled instanceof WebAssembly.Module);
 * ```
 */
export interface CompiledModule {
  /** The compiled (possibly hooked) module. */
  compiled: WebAssembly.Module;
  /** What was parsed from the original bytes. */
  info: ModuleInfo;
  /** The toolchain whose layouts apply. */
  toolchain: Toolchain;
  /** Which hooks were inserted. */
  hooked: HookSelection;
  /** Whether loop checks were inserted, so that `timeoutMs` can stop the guest in this thread. */
  interruptible: boolean;
}

/**
 * The module's bytes with the entry hooks of its family inserted: panic hooks and, with
 * `allMaps`, map-write hooks. Only functions present in the module are patched.
 * Throws {@linkcode ModuleError} when the module has no name section, no `fd_write` import, or
 * no function by a name a hook needs, or its code section cannot be rewritten.
 *
 * @example
 * ```ts
 * import { hookModule, prepareModule } from "@mapscope/mapscope/run";
 * const bytes = await Deno.readFile("go-targets/dist/go1.26.8/panics.wasm");
 * const { info, toolchain } = prepareModule(bytes);
 * const hooked = hookModule(bytes, info, toolchain, { panics: true, allMaps: true });
 * console.log(hooked.names, hooked.bytes.length > bytes.length);
 * ```
 */
export function hookModule(
  bytes: Uint8Array,
  info: ModuleInfo,
  toolchain: Toolchain,
  what: HookSelection,
): { bytes: Uint8Array; names: string[] } {
  if (!what.panics && !what.allMaps) return { bytes, names: [] };
  const hooks = familyOf(toolchain).hooks;
  const fdWrite = encodeU32(fdWriteIndex(info));
  const patches = hooks.patches(info, what, fdWrite);
  const calls = hooks.callSites?.(info, what, fdWrite);
  const globals = hooks.globals?.(info, what) ?? 0;
  const out = patches.length || calls ? patchFunctionEntries(bytes, patches, info, calls, globals) : bytes;
  return { bytes: out, names: patches.map((p) => p.name) };
}

/**
 * Checks, detects, inserts hooks and compiles, once; shared by `run` and the Worker.
 * Throws {@linkcode ModuleError} for bytes that are not a usable WASI module, {@linkcode
 * UnknownToolchainError} when no map layout covers the toolchain, and {@linkcode ToolchainMismatchError}
 * when the given toolchain contradicts the module (unless forced).
 *
 * @example
 * ```ts
 * import { compileModule } from "@mapscope/mapscope/run";
 * const c = await compileModule(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"));
 * console.log(c.toolchain.name, c.hooked, c.interruptible); // tinygo-0.41.0 { panics: true, allMaps: false } false
 * ```
 */
export async function compileModule(bytes: Uint8Array, options: RunOptions = {}): Promise<CompiledModule> {
  const prepared = prepareModule(bytes, options.toolchain, options.forceToolchain === true);
  const { toolchain } = prepared;
  const family = familyOf(toolchain);
  let info = prepared.info;
  let note: string | undefined;
  if (info.functionNames.size === 0) {
    // Stripped: the runtime's own tables may still name its functions (Go's pclntab).
    const names = family.recoverFunctionNames(bytes, info);
    if (names.size > 0) {
      info = { ...info, functionNames: names };
      note = "no name section: the runtime's functions were found through Go's pclntab";
    }
  }
  let panics = options.hooks ?? family.hooks.canHookPanics(info);
  let allMaps = options.allMaps === true;
  if ((panics || allMaps) && info.functionNames.size === 0) {
    note = "no hooks: the module has no name section and no function table naming the runtime's functions " +
      "(panics are seen at the print only, and --all-maps finds nothing)";
    panics = allMaps = false;
  }
  let code: Uint8Array = hookModule(bytes, info, toolchain, { panics, allMaps }).bytes;
  let interruptibleCode: Uint8Array | undefined;
  if (options.timeoutMs !== undefined) {
    checkTimeout(options.timeoutMs);
    interruptibleCode = interruptible(code, info);
    if (interruptibleCode) code = interruptibleCode;
  }
  let compiled: WebAssembly.Module;
  try {
    compiled = await WebAssembly.compile(code as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw new ModuleError(`the module does not compile: ${(e as Error).message}`);
  }
  return {
    compiled,
    info,
    toolchain,
    hooked: note ? { panics, allMaps, note } : { panics, allMaps },
    interruptible: interruptibleCode !== undefined,
  };
}
