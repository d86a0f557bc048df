/**
 * The hooks' side of a run: each hook call is decoded by the family whose hook it is, and becomes
 * a discovered map or a panic with the maps at its entry. At the end, the panic that ended the
 * run is marked fatal and given the maps at the `panic:` print and the diff of the two.
 *
 * @module
 */
import { diffSnapshots } from "../diff.ts";
import { MapscopeError } from "../errors.ts";
import type { RuntimeFamily } from "../family/family.ts";
import { HOOK_FD } from "../family/hook_code.ts";
import type { PanicEvent, PanicReport } from "../model/result.ts";
import { Errno } from "../wasi/errno.ts";
import type { SnapshotCollector } from "./collector.ts";
import { keepShape } from "../_keep_shape.ts";

/** Every panic seen at its entry, and which of them the runtime went on to print. */
export class PanicLog {
  /** The panics in order. */
  readonly events: PanicEvent[] = [];
  #fatalAt = -1;

  /** Records that the runtime began printing `panic:` after the last panic seen so far. */
  markPrinted(): void {
    this.#fatalAt = this.events.length - 1;
  }

  /**
   * Marks the panic that ended the run: the one whose print was seen (with the maps at the print
   * and the diff), or else the last one when the guest trapped.
   */
  finish(printed: PanicReport | undefined, trapped: boolean): void {
    const fatal = printed ? this.events[this.#fatalAt] : undefined;
    if (printed && fatal) {
      fatal.recovered = false;
      fatal.atPrint = printed.snapshots;
      fatal.diff = diffSnapshots(fatal.snapshots, printed.snapshots);
    } else if (trapped) {
      const last = this.events.at(-1);
      if (last) last.recovered = false;
    }
  }
}

// one kept, so that the shape of its objects outlives every run (see ../_keep_shape.ts)
keepShape(new PanicLog());

/**
 * The host's answer to a hook call (an `fd_write` to {@linkcode HOOK_FD} with kind and two
 * arguments in place of the iovec fields); undefined for any other descriptor.
 */
export function hookWriteHandler(
  family: RuntimeFamily,
  collector: SnapshotCollector,
  panics: PanicLog,
): (fd: number, a: number, kind: number, b: number) => number | undefined {
  return (fd, a, kind, b) => {
    if (fd !== HOOK_FD) return undefined;
    const reader = collector.guest.reader;
    if (!reader) return Errno.SUCCESS;
    let ev;
    try {
      ev = family.hooks.decode(kind, a, b, reader);
    } catch (e) {
      if (e instanceof MapscopeError) return Errno.SUCCESS; // unreadable arguments: nothing to report
      throw e;
    }
    if (ev?.type === "growth-start") collector.noteGrowthStart(ev.source, ev.scratch);
    else if (ev?.type === "clone-start") collector.noteCloneStart(ev.source, ev.scratch);
    else if (ev?.type === "map-clone") collector.noteClone(ev.address, ev.typeDescriptor, ev.source);
    else if (ev?.type === "map-write") {
      collector.noteMapWrite(ev.address, ev.typeDescriptor, ev.mayGrow, ev.caller);
    } else if (ev?.type === "panic") {
      // A runtime that cannot recover has one panic: later hooks are the same panic's helpers.
      if (!family.canRecover && panics.events.length > 0) return Errno.SUCCESS;
      panics.events.push({
        seq: panics.events.length + 1,
        value: ev.value,
        valueType: ev.valueType,
        recovered: true,
        snapshots: collector.snapshotAll(true),
      });
    }
    return Errno.SUCCESS;
  };
}
