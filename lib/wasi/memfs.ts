/**
 * In-memory preopened directories for mapscope's WASI host. Nothing on the host's filesystem is
 * ever reachable: a guest sees only the trees the caller preopens, and no path escapes them
 * (absolute paths and `..` above a preopen are ENOTCAPABLE).
 *
 * @module
 */
import { Errno } from "./errno.ts";

/**
 * A directory tree: file contents (bytes or text) and subdirectories, by name.
 *
 * @example
 * ```ts
 * import { type MemoryDir, WasiHost } from "@mapscope/mapscope/wasi";
 * const dir: MemoryDir = { "a.txt": "hi", sub: { "b.bin": new Uint8Array([1, 2]) } };
 * console.log(typeof new WasiHost({ preopens: { "/data": dir } }).imports); // object
 * ```
 */
export interface MemoryDir {
  /** A file's contents (copied in), or a subdirectory. */
  [name: string]: Uint8Array | string | MemoryDir;
}

/** A file node. */
class FileNode {
  constructor(public data: Uint8Array) {}
}
/** A directory node. */
class DirNode {
  entries = new Map<string, FileNode | DirNode>();
}

type Open =
  | { kind: "dir"; node: DirNode; preopen?: string }
  | { kind: "file"; node: FileNode; pos: number; append: boolean };

/** WASI filetype values. */
export const FILETYPE = { directory: 3, regularFile: 4 } as const;

function build(tree: MemoryDir): DirNode {
  const d = new DirNode();
  for (const [name, v] of Object.entries(tree)) {
    if (name === "" || name === "." || name === ".." || name.includes("/")) {
      throw new Error(`preopen: invalid entry name ${JSON.stringify(name)}`);
    }
    if (typeof v === "string") d.entries.set(name, new FileNode(new TextEncoder().encode(v)));
    else if (v instanceof Uint8Array) d.entries.set(name, new FileNode(v.slice()));
    else d.entries.set(name, build(v));
  }
  return d;
}

/** The descriptor table of preopened in-memory directories and the files opened under them. */
export class MemFs {
  #fds = new Map<number, Open>();
  #next = 3;

  /** Preopens each tree under its guest path (`/data`), as descriptors 3, 4, ... in order. */
  constructor(preopens: Record<string, MemoryDir>) {
    for (const [path, tree] of Object.entries(preopens)) {
      this.#fds.set(this.#next++, { kind: "dir", node: build(tree), preopen: path });
    }
  }

  /** The open descriptor `fd`, if any. */
  get(fd: number): Open | undefined {
    return this.#fds.get(fd);
  }

  /** The guest path of a preopened directory descriptor. */
  preopenPath(fd: number): string | undefined {
    const o = this.#fds.get(fd);
    return o?.kind === "dir" ? o.preopen : undefined;
  }

  /** Resolves `path` under directory descriptor `dirfd`: the parent directory and last name. */
  #resolve(dirfd: number, path: string): { parent: DirNode; name: string } | number {
    const o = this.#fds.get(dirfd);
    if (!o) return Errno.EBADF;
    if (o.kind !== "dir") return Errno.ENOTDIR;
    if (path.startsWith("/")) return Errno.ENOTCAPABLE;
    const stack: DirNode[] = [o.node];
    const parts = path.split("/").filter((p) => p !== "" && p !== ".");
    const last = parts.pop() ?? ".";
    for (const p of parts) {
      if (p === "..") {
        if (stack.length === 1) return Errno.ENOTCAPABLE;
        stack.pop();
        continue;
      }
      const next = stack.at(-1)!.entries.get(p);
      if (!next) return Errno.ENOENT;
      if (!(next instanceof DirNode)) return Errno.ENOTDIR;
      stack.push(next);
    }
    if (last === "..") {
      if (stack.length === 1) return Errno.ENOTCAPABLE;
      stack.pop();
      return { parent: stack.at(-1)!, name: "." };
    }
    return { parent: stack.at(-1)!, name: last };
  }

  #lookup(r: { parent: DirNode; name: string }): FileNode | DirNode | undefined {
    return r.name === "." ? r.parent : r.parent.entries.get(r.name);
  }

  /** path_open: oflags CREAT 1, DIRECTORY 2, EXCL 4, TRUNC 8; fdflags APPEND 1. Returns fd or -errno. */
  open(dirfd: number, path: string, oflags: number, fdflags: number): number {
    const r = this.#resolve(dirfd, path);
    if (typeof r === "number") return -r;
    let node = this.#lookup(r);
    if (node && (oflags & 4) && (oflags & 1)) return -Errno.EEXIST;
    if (!node) {
      if (!(oflags & 1)) return -Errno.ENOENT;
      if (oflags & 2) return -Errno.ENOENT;
      node = new FileNode(new Uint8Array());
      r.parent.entries.set(r.name, node);
    }
    if ((oflags & 2) && !(node instanceof DirNode)) return -Errno.ENOTDIR;
    const fd = this.#next++;
    if (node instanceof DirNode) this.#fds.set(fd, { kind: "dir", node });
    else {
      if (oflags & 8) node.data = new Uint8Array();
      this.#fds.set(fd, { kind: "file", node, pos: 0, append: (fdflags & 1) !== 0 });
    }
    return fd;
  }

  /** Reads up to `max` bytes at the file's position. */
  read(fd: number, max: number): Uint8Array | number {
    const o = this.#fds.get(fd);
    if (!o) return Errno.EBADF;
    if (o.kind !== "file") return Errno.EISDIR;
    const chunk = o.node.data.subarray(o.pos, o.pos + max);
    o.pos += chunk.length;
    return chunk;
  }

  /** Writes at the file's position (or its end when opened with APPEND). */
  write(fd: number, data: Uint8Array): number {
    const o = this.#fds.get(fd);
    if (!o) return Errno.EBADF;
    if (o.kind !== "file") return Errno.EISDIR;
    if (o.append) o.pos = o.node.data.length;
    const end = o.pos + data.length;
    if (end > o.node.data.length) {
      const grown = new Uint8Array(end);
      grown.set(o.node.data);
      o.node.data = grown;
    }
    o.node.data.set(data, o.pos);
    o.pos = end;
    return Errno.SUCCESS;
  }

  /** fd_seek: whence SET 0, CUR 1, END 2; returns the new position or -errno. */
  seek(fd: number, offset: bigint, whence: number): number {
    const o = this.#fds.get(fd);
    if (!o) return -Errno.EBADF;
    if (o.kind !== "file") return -Errno.EISDIR;
    const base = whence === 0 ? 0 : whence === 1 ? o.pos : whence === 2 ? o.node.data.length : NaN;
    const pos = base + Number(offset);
    if (!Number.isFinite(pos) || pos < 0) return -Errno.EINVAL;
    o.pos = pos;
    return pos;
  }

  /** Closes a descriptor. */
  close(fd: number): number {
    return this.#fds.delete(fd) ? Errno.SUCCESS : Errno.EBADF;
  }

  /** The filetype and size of an open descriptor. */
  stat(fd: number): { filetype: number; size: number } | number {
    const o = this.#fds.get(fd);
    if (!o) return Errno.EBADF;
    return o.kind === "dir"
      ? { filetype: FILETYPE.directory, size: o.node.entries.size }
      : { filetype: FILETYPE.regularFile, size: o.node.data.length };
  }

  /** The filetype and size of a path under a directory descriptor. */
  pathStat(dirfd: number, path: string): { filetype: number; size: number } | number {
    const r = this.#resolve(dirfd, path);
    if (typeof r === "number") return r;
    const node = this.#lookup(r);
    if (!node) return Errno.ENOENT;
    return node instanceof DirNode
      ? { filetype: FILETYPE.directory, size: node.entries.size }
      : { filetype: FILETYPE.regularFile, size: node.data.length };
  }

  /** The entries of a directory descriptor, sorted by name, with their filetypes. */
  list(fd: number): { name: string; filetype: number }[] | number {
    const o = this.#fds.get(fd);
    if (!o) return Errno.EBADF;
    if (o.kind !== "dir") return Errno.ENOTDIR;
    return [...o.node.entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, n]) => ({
      name,
      filetype: n instanceof DirNode ? FILETYPE.directory : FILETYPE.regularFile,
    }));
  }

  /** path_create_directory. */
  mkdir(dirfd: number, path: string): number {
    const r = this.#resolve(dirfd, path);
    if (typeof r === "number") return r;
    if (this.#lookup(r)) return Errno.EEXIST;
    r.parent.entries.set(r.name, new DirNode());
    return Errno.SUCCESS;
  }

  /** path_unlink_file (files) and path_remove_directory (empty directories). */
  remove(dirfd: number, path: string, dir: boolean): number {
    const r = this.#resolve(dirfd, path);
    if (typeof r === "number") return r;
    const node = this.#lookup(r);
    if (!node || r.name === ".") return Errno.ENOENT;
    if (dir !== (node instanceof DirNode)) return dir ? Errno.ENOTDIR : Errno.EISDIR;
    if (node instanceof DirNode && node.entries.size > 0) return Errno.ENOTEMPTY;
    r.parent.entries.delete(r.name);
    return Errno.SUCCESS;
  }
}
