/**
 * WASI `poll_oneoff`: any number of clock and fd subscriptions; `nevents` is always written.
 * Stdio descriptors are always ready; otherwise the call blocks until the earliest clock
 * subscription expires (really, or on the virtual clock in deterministic mode).
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiContext } from "./context.ts";

const SUB_SIZE = 48;
const EVENT_SIZE = 32;
const EVENTTYPE_CLOCK = 0;
const EVENTTYPE_FD_READ = 1;
const EVENTTYPE_FD_WRITE = 2;
const SUBCLOCKFLAG_ABSTIME = 1;

/** `poll_oneoff(in, out, nsubscriptions, nevents)`. */
export function poll_oneoff(
  ctx: WasiContext,
  inPtr: number,
  outPtr: number,
  nsubs: number,
  neventsPtr: number,
): number {
  const n = nsubs;
  if (n === 0) return Errno.EINVAL;
  const v = ctx.view();
  const subs: { userdata: bigint; type: number; fd: number; deadline: bigint; clockId: number }[] = [];
  for (let i = 0; i < n; i++) {
    const s = inPtr + i * SUB_SIZE;
    const type = v.getUint8(s + 8);
    const userdata = v.getBigUint64(s, true);
    if (type === EVENTTYPE_CLOCK) {
      const clockId = v.getUint32(s + 16, true);
      const timeout = v.getBigUint64(s + 24, true);
      const flags = v.getUint16(s + 40, true);
      const now = ctx.now(clockId);
      const deadline = (flags & SUBCLOCKFLAG_ABSTIME) ? timeout : now + timeout;
      subs.push({ userdata, type, fd: -1, deadline, clockId });
    } else {
      subs.push({ userdata, type, fd: v.getUint32(s + 16, true), deadline: 0n, clockId: 0 });
    }
  }
  const events: { userdata: bigint; type: number; error: number }[] = [];
  for (const s of subs) {
    if (s.type === EVENTTYPE_FD_READ || s.type === EVENTTYPE_FD_WRITE) {
      const stream = ctx.stdio.get(s.fd);
      const ok = stream !== undefined && (s.type === EVENTTYPE_FD_READ ? stream === 0 : stream !== 0);
      events.push({ userdata: s.userdata, type: s.type, error: ok ? Errno.SUCCESS : Errno.EBADF });
    }
  }
  if (events.length === 0) {
    const clocks = subs.filter((s) => s.type === EVENTTYPE_CLOCK);
    if (clocks.length === 0) return Errno.EINVAL;
    const first = clocks.reduce((a, b) => (b.deadline < a.deadline ? b : a));
    const wait = first.deadline - ctx.now(first.clockId);
    if (wait > 0n) ctx.sleep(wait);
    for (const s of clocks) {
      if (s.deadline <= ctx.now(s.clockId) || s === first) {
        events.push({ userdata: s.userdata, type: EVENTTYPE_CLOCK, error: Errno.SUCCESS });
      }
    }
  }
  const out = ctx.view();
  events.forEach((e, i) => {
    const o = outPtr + i * EVENT_SIZE;
    ctx.bytes().fill(0, o, o + EVENT_SIZE);
    out.setBigUint64(o, e.userdata, true);
    out.setUint16(o + 8, e.error, true);
    out.setUint8(o + 10, e.type);
  });
  out.setUint32(neventsPtr, events.length, true);
  return Errno.SUCCESS;
}
