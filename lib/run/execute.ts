/**
 * Running a compiled module: the composition of the run's parts. The WASI host's writes go to
 * the probe handler (checkpoints), the hook handler (panics, discovered maps) and the panic
 * watcher (the `panic:` print); all of them read maps through one snapshot collector.
 *
 * @module
 */
import { ModuleError, TimeoutError } from "../errors.ts";
import type { HookSelection } from "../family/family.ts";
import { familyOf } from "../family/registry.ts";
import { GuestMemory } from "../memory.ts";
import type { Checkpoint, PanicReport, RunResult, Trap } from "../model/result.ts";
import type { Toolchain } from "../model/toolchain.ts";
import { MapReader } from "../reader.ts";
import { classifyTrap } from "../traps.ts";
import { WasiHost } from "../wasi/host.ts";
import { InterruptSignal } from "../wasi/proc.ts";
import { tickHandler } from "./deadline.ts";
import type { ModuleInfo } from "../wasm/module.ts";
import { SnapshotCollector } from "./collector.ts";
import type { GuestRef } from "./guest.ts";
import { hookWriteHandler, PanicLog } from "./hook_events.ts";
import type { RunOptions } from "./options.ts";
import { PanicWatcher } from "./panic_watcher.ts";
import { ProbeTracker, probeWriteHandler } from "./probe_events.ts";

/** Instantiates the module against `host`; any failure is a {@linkcode ModuleError}. */
async function instantiate(
  compiled: WebAssembly.Module,
  host: WasiHost,
): Promise<{ instance: WebAssembly.Instance; memory: WebAssembly.Memory }> {
  let instance: WebAssembly.Instance;
  try {
    instance = await WebAssembly.instantiate(compiled, host.imports as unknown as WebAssembly.Imports);
  } catch (e) {
    throw new ModuleError(`the module cannot be instantiated: ${(e as Error).message}`);
  }
  const memory = instance.exports.memory;
  if (!(memory instanceof WebAssembly.Memory)) throw new ModuleError("the module exports no memory");
  return { instance, memory };
}

/** Runs `_start`: the exit code, or the trap it ended with (a host bug is rethrown). */
function start(
  host: WasiHost,
  instance: WebAssembly.Instance,
  timeoutMs?: number,
): { exit?: number; trap?: Trap } {
  try {
    return { exit: host.start(instance) };
  } catch (e) {
    if (e instanceof InterruptSignal) throw new TimeoutError(timeoutMs ?? 0);
    const trap = classifyTrap(e);
    if (!trap) throw e;
    return { trap };
  }
}

/**
 * Runs an already compiled module (the part of `run` that a Worker repeats).
 * Throws {@linkcode ModuleError} when the module cannot be instantiated and {@linkcode TimeoutError} when
 * the deadline passes; a guest that panics or traps is not an error, it is in the result.
 *
 * @example
 * ```ts
 * import { compileModule, execute } from "@mapscope/mapscope/run";
 * const c = await compileModule(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"));
 * const r = await execute(c.compiled, c.info, c.toolchain, { deterministic: true, hooked: c.hooked });
 * console.log(r.exit, r.maps.length); // 0 1
 * ```
 */
export async function execute(
  compiled: WebAssembly.Module,
  info: ModuleInfo,
  toolchain: Toolchain,
  options: RunOptions & { hooked?: HookSelection; interruptible?: boolean },
): Promise<RunResult> {
  // With loop checks inserted, the deadline is kept here; without, the caller's Worker keeps it.
  const deadline = options.timeoutMs !== undefined && options.interruptible
    ? performance.now() + options.timeoutMs
    : undefined;
  const tick = deadline === undefined ? undefined : tickHandler(deadline);
  const family = familyOf(toolchain);
  const guest: GuestRef = {};
  const probe = new ProbeTracker(guest);
  const collector = new SnapshotCollector(guest, probe, options.maps, options.hooked?.allMaps === true);
  const panics = new PanicLog();
  const checkpoints: Checkpoint[] = [];
  const watcher = new PanicWatcher();
  let printed: PanicReport | undefined;
  const watch = (stream: "stdout" | "stderr", chunk: Uint8Array) => {
    if (stream !== family.panicStream || watcher.done) return;
    watcher.feed(chunk, (kind) => {
      if (printed) return;
      printed = { kind, message: "", stream, snapshots: collector.snapshotAll(true) };
      panics.markPrinted();
    });
  };
  const hooks = hookWriteHandler(family, collector, panics);
  const host = new WasiHost({
    ...options,
    onStdout: (c) => (watch("stdout", c), options.onStdout?.(c)),
    onStderr: (c) => (watch("stderr", c), options.onStderr?.(c)),
    onRawWrite: tick ? (fd, a, kind, b) => tick(fd) ?? hooks(fd, a, kind, b) : hooks,
    ...(deadline === undefined ? {} : { deadline }),
    onOtherWrite: probeWriteHandler(probe, checkpoints, (e, o) => collector.snapshotAll(e, o), options),
  });
  const { instance, memory } = await instantiate(compiled, host);
  const mem = guest.mem = new GuestMemory(memory, toolchain.ptrSize);
  guest.reader = new MapReader(mem, toolchain, info);
  const { exit, trap } = start(host, instance, options.timeoutMs);
  if (printed) printed.message = watcher.message();
  const maps = printed ? printed.snapshots : collector.snapshotAll(true);
  panics.finish(printed, trap !== undefined);
  return {
    toolchain,
    exit,
    trap,
    stdout: host.stdout(),
    stderr: host.stderr(),
    checkpoints,
    panic: printed,
    maps,
    tracked: probe.tracked,
    panics: panics.events,
    discovered: collector.discovered(),
    hooked: options.hooked ?? { panics: false, allMaps: false },
    memory: mem,
    module: info,
  };
}
