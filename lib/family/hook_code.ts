/**
 * The parts every family's entry hooks are made of: the reserved descriptor hook calls write to,
 * the few WebAssembly opcodes they use, and where the module's `fd_write` import is.
 *
 * A hook is code inserted at the first instruction of a runtime function that calls the module's
 * own `fd_write` import with {@linkcode HOOK_FD}, a hook kind and two arguments; the host answers
 * it without reading any iovec. Each family says which functions get which kind
 * (`tinygo/hooks.ts`, `swiss/hooks.ts`).
 *
 * @module
 */
import { ModuleError } from "../errors.ts";
import type { ModuleInfo } from "../wasm/module.ts";

/** The descriptor hook calls write to ("MSHK"). */
export const HOOK_FD = 0x4d53484b;

/** The WebAssembly opcodes hooks are made of. */
export const OP = {
  localGet: 0x20,
  globalGet: 0x23,
  globalSet: 0x24,
  i64Load: 0x29,
  i32WrapI64: 0xa7,
  i32Ne: 0x47,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Shl: 0x74,
  i32Or: 0x72,
  i32Load: 0x28,
  i32Load8U: 0x2d,
  i32ShrU: 0x76,
  i32GeU: 0x4f,
  if: 0x04,
  blockVoid: 0x40,
  call: 0x10,
  drop: 0x1a,
  end: 0x0b,
} as const;

/**
 * The function index of the module's `wasi_snapshot_preview1.fd_write` import. Throws
 * {@linkcode ModuleError} when it has none (hooks could not report).
 */
export function fdWriteIndex(info: ModuleInfo): number {
  let fn = 0;
  for (const imp of info.imports) {
    if (imp.kind !== 0) continue;
    if (imp.module === "wasi_snapshot_preview1" && imp.name === "fd_write") return fn;
    fn++;
  }
  throw new ModuleError("the module does not import fd_write, so hooks cannot report");
}
