/**
 * Watches the stream the runtime prints panics to for its `panic: ` (or `fatal error: `) line, so
 * the maps can be read at the instant printing starts, and keeps the message.
 *
 * @module
 */
import type { PanicReport } from "../model/result.ts";
import { keepShape } from "../_keep_shape.ts";

const PREFIXES: [string, PanicReport["kind"]][] = [["panic: ", "panic"], ["fatal error: ", "fatal error"]];
const decoder = new TextDecoder();

/**
 * Finds the runtime's panic line in one output stream, chunk by chunk.
 *
 * @example
 * ```ts
 * import { PanicWatcher } from "@mapscope/mapscope/run";
 * const w = new PanicWatcher();
 * const enc = new TextEncoder();
 * w.feed(enc.encode("hi\npanic: bo"), (kind) => console.log("triggered", kind)); // triggered panic
 * w.feed(enc.encode("om\n"), () => {});
 * console.log(w.message()); // "boom"
 * ```
 */
export class PanicWatcher {
  #line = "";
  #triggered?: { kind: PanicReport["kind"]; prefix: string };
  /** True once the whole panic line was seen. */
  done = false;

  /**
   * Feeds a chunk; calls `onTrigger` once, when a line starts with a panic prefix.
   * Never throws (what `onPanic` throws passes through).
   */
  feed(chunk: Uint8Array, onTrigger: (kind: PanicReport["kind"]) => void): void {
    if (this.done) return;
    this.#line += decoder.decode(chunk);
    for (;;) {
      if (!this.#triggered) {
        for (const [prefix, kind] of PREFIXES) {
          if (this.#line.startsWith(prefix)) {
            this.#triggered = { kind, prefix };
            onTrigger(kind);
            break;
          }
        }
      }
      const nl = this.#line.indexOf("\n");
      if (nl < 0) break;
      if (this.#triggered) {
        this.#line = this.#line.slice(0, nl);
        this.done = true;
        return;
      }
      this.#line = this.#line.slice(nl + 1);
    }
    if (!this.#triggered && this.#line.length > 4096) this.#line = this.#line.slice(-64);
  }

  /**
   * The text after the prefix on the panic line ("" before a trigger).
   * Never throws.
   */
  message(): string {
    return this.#triggered ? this.#line.slice(this.#triggered.prefix.length).replace(/\n$/, "") : "";
  }
}

// one kept, so that the shape of its objects outlives every run (see ../_keep_shape.ts)
keepShape(new PanicWatcher());
