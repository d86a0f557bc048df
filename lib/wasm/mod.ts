/**
 * Reading and patching WebAssembly modules: sections, imports, the function table and the name
 * section; code inserted at function entries with every other section kept byte for byte.
 *
 * @example
 * ```ts
 * import { functionIndex, parseModule } from "@mapscope/mapscope/wasm";
 * const info = parseModule(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"));
 * console.log(functionIndex(info, "runtime.gopanic") !== undefined); // true
 * ```
 *
 * @module
 */
export {
  functionIndex,
  type FuncType,
  type Import,
  type ModuleInfo,
  parseModule,
  type Section,
  tableFunctionName,
} from "./module.ts";
export { type CallSitePatch, type EntryPatch, newGlobalIndex, patchFunctionEntries } from "./rewrite.ts";
