// A small seeded generator (xorshift32) for the fuzzers: the same seed gives the same cases.

/** Deterministic random numbers from a seed. */
export class Rng {
  #s: number;
  constructor(seed: number) {
    this.#s = (seed ^ 0x9e3779b9) >>> 0 || 1;
  }
  /** A uint32. */
  u32(): number {
    let s = this.#s;
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    this.#s = s >>> 0;
    return this.#s;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.u32() % n;
  }
  /** One element of `xs`. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

/** The first `lines` lines of what was thrown, on one line: how a fuzzer records a failure. */
export function brief(e: unknown, lines = 2): string {
  return String((e as Error)?.stack ?? e).split("\n").slice(0, lines).join(" | ");
}
