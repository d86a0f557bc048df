/**
 * In-memory preopened directories for mapscope's WASI host. Nothing on the host's filesystem is
 * ever reachable: a guest sees only the trees the caller preopens, and no path escapes them
 * (absolute paths, `..` above a preopen, and symbolic links that would lead out are ENOTCAPABLE).
 * Files, directories, symbolic links and hard links live in the tree; every node has a stable
 * inode number; descriptors carry rights, which reads, writes, seeks and resizes need.
 *
 * @module
 */
import { utf8 } from "./_utf8.ts";
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

/** Times of a node, in nanoseconds. */
interface Times {
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}

/** A file node: its bytes, a stable inode number, its link count and its times. */
class FileNode implements Times {
  atim = 0n;
  mtim = 0n;
  ctim = 0n;
  nlink = 1n;
  constructor(public data: Uint8Array, readonly ino: bigint) {}
}
/** A directory node: its entries, a stable inode number, its parent (itself for a root), its times. */
class DirNode implements Times {
  entries = new Map<string, Node>();
  atim = 0n;
  mtim = 0n;
  ctim = 0n;
  parent: DirNode;
  constructor(readonly ino: bigint, parent?: DirNode) {
    this.parent = parent ?? this;
  }
}
/** A symbolic link: the path it holds, resolved relative to the directory it is in. */
class LinkNode implements Times {
  atim = 0n;
  mtim = 0n;
  ctim = 0n;
  constructor(readonly target: string, readonly ino: bigint) {}
}
type Node = FileNode | DirNode | LinkNode;

type Open =
  | { kind: "dir"; node: DirNode; preopen?: string; rights: bigint; inheriting: bigint }
  | { kind: "file"; node: FileNode; pos: number; append: boolean; flags: number; rights: bigint };

/** WASI filetype values. */
export const FILETYPE = { directory: 3, regularFile: 4, symbolicLink: 7 } as const;

/** A descriptor's or path's metadata (filestat). */
export interface NodeStat extends Times {
  filetype: number;
  size: number;
  ino: bigint;
  nlink: bigint;
}

/** Rights bits used here (preview1 `rights`). */
export const RIGHTS = {
  fdRead: 1n << 1n,
  fdSeek: 1n << 2n,
  fdTell: 1n << 5n,
  fdWrite: 1n << 6n,
  fdAllocate: 1n << 8n,
  pathCreateDirectory: 1n << 9n,
  pathCreateFile: 1n << 10n,
  pathLinkSource: 1n << 11n,
  pathLinkTarget: 1n << 12n,
  pathOpen: 1n << 13n,
  fdReaddir: 1n << 14n,
  pathReadlink: 1n << 15n,
  pathRenameSource: 1n << 16n,
  pathRenameTarget: 1n << 17n,
  pathFilestatGet: 1n << 18n,
  pathFilestatSetSize: 1n << 19n,
  pathFilestatSetTimes: 1n << 20n,
  fdFilestatSetSize: 1n << 22n,
  pathSymlink: 1n << 24n,
  pathRemoveDirectory: 1n << 25n,
  pathUnlinkFile: 1n << 26n,
} as const;
/** Every preview1 right (29 bits). */
export const RIGHTS_ALL = 0x1fffffffn;
/** What a directory descriptor can do: everything but reading, writing, seeking and resizing. */
export const DIRECTORY_RIGHTS = RIGHTS_ALL &
  ~(RIGHTS.fdRead | RIGHTS.fdSeek | RIGHTS.fdWrite | RIGHTS.fdFilestatSetSize | (1n << 3n) | RIGHTS.fdTell |
    RIGHTS.fdAllocate);
/** What a file descriptor can do at most (no directory operations). */
export const FILE_RIGHTS = 0x1n | RIGHTS.fdRead | RIGHTS.fdSeek | (1n << 3n) | (1n << 4n) | RIGHTS.fdTell |
  RIGHTS.fdWrite | (1n << 7n) | RIGHTS.fdAllocate | (1n << 21n) | RIGHTS.fdFilestatSetSize | (1n << 23n) |
  (1n << 27n);

/** fstflags of the set_times functions: ATIM 1, ATIM_NOW 2, MTIM 4, MTIM_NOW 8. */
export function checkTimeFlags(flags: number): number {
  if (flags > 15 || ((flags & 1) && (flags & 2)) || ((flags & 4) && (flags & 8))) return Errno.EINVAL;
  return Errno.SUCCESS;
}

/** A resolved path: its parent directory, last name, and whether it ended in a slash. */
interface Resolved {
  parent: DirNode;
  name: string;
  /** The path ended in "/": it must name a directory. */
  dirOnly: boolean;
}

/** Symbolic links followed in one resolution before it is ELOOP (Linux's limit). */
const MAX_LINKS = 40;

/** The descriptor table of preopened in-memory directories and the files opened under them. */
export class MemFs {
  #fds = new Map<number, Open>();
  #next = 3;
  #ino = 1n;
  #now: () => bigint;

  /**
   * Preopens each tree under its guest path (`/data`), as descriptors 3, 4, ... in order; `now`
   * (realtime, in ns) stamps the times of nodes as they are made and changed.
   */
  constructor(
    preopens: Record<string, MemoryDir>,
    now: () => bigint = () => BigInt(Date.now()) * 1_000_000n,
  ) {
    this.#now = now;
    for (const [path, tree] of Object.entries(preopens)) {
      this.#fds.set(this.#next++, {
        kind: "dir",
        node: this.#build(tree),
        preopen: path,
        rights: DIRECTORY_RIGHTS,
        inheriting: RIGHTS_ALL,
      });
    }
  }

  /** Sets a new node's times to now. */
  #stamp<N extends Node>(node: N): N {
    node.atim = node.mtim = node.ctim = this.#now();
    return node;
  }

  /** Marks a node's contents changed now. */
  #touch(node: Node): void {
    node.mtim = node.ctim = this.#now();
  }

  #build(tree: MemoryDir, parent?: DirNode): DirNode {
    const d = this.#stamp(new DirNode(this.#ino++, parent));
    for (const [name, v] of Object.entries(tree)) {
      if (name === "" || name === "." || name === ".." || name.includes("/")) {
        throw new Error(`preopen: invalid entry name ${JSON.stringify(name)}`);
      }
      if (typeof v === "string") {
        d.entries.set(name, this.#stamp(new FileNode(utf8.encode(v), this.#ino++)));
      } else if (v instanceof Uint8Array) {
        d.entries.set(name, this.#stamp(new FileNode(v.slice(), this.#ino++)));
      } else d.entries.set(name, this.#build(v, d));
    }
    return d;
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

  /**
   * Resolves `path` under directory descriptor `dirfd` to a parent directory and a last name.
   * Symbolic links are followed on the way (and at the end when `follow`, or when the path ends
   * in "/"), relative to the directory holding them; none may lead above the descriptor's
   * directory or to an absolute path (ENOTCAPABLE), and more than 40 is ELOOP. The directory
   * descriptor must hold `right` (ENOTCAPABLE).
   */
  #resolve(dirfd: number, path: string, follow: boolean, right: bigint): Resolved | number {
    const o = this.#fds.get(dirfd);
    if (!o) return Errno.EBADF;
    if (o.kind !== "dir") return Errno.ENOTDIR;
    if ((o.rights & right) !== right) return Errno.ENOTCAPABLE;
    if (path === "") return Errno.ENOENT;
    if (path.includes("\0")) return Errno.EINVAL;
    const stack: DirNode[] = [o.node];
    let links = 0;
    let dirOnly = false;
    const parts: string[] = [];
    /** Puts `p`'s components first; a trailing slash counts only where `p` ends the path. */
    const push = (p: string, endsPath: boolean): number => {
      if (p.startsWith("/")) return Errno.ENOTCAPABLE;
      if (endsPath) dirOnly ||= p.endsWith("/");
      parts.unshift(...p.split("/").filter((c) => c !== "" && c !== "."));
      return Errno.SUCCESS;
    };
    const bad = push(path, true);
    if (bad) return bad;
    while (parts.length > 0) {
      const p = parts.shift()!;
      const last = parts.length === 0;
      const top = stack.at(-1)!;
      if (p === "..") {
        if (stack.length === 1) return Errno.ENOTCAPABLE;
        stack.pop();
        if (last) return { parent: stack.at(-1)!, name: ".", dirOnly: true };
        continue;
      }
      const next = top.entries.get(p);
      if (next instanceof LinkNode && (!last || follow || dirOnly)) {
        if (++links > MAX_LINKS) return Errno.ELOOP;
        const bad = push(next.target, last);
        if (bad) return bad;
        if (parts.length === 0) return { parent: top, name: ".", dirOnly: true };
        continue;
      }
      if (last) return { parent: top, name: p, dirOnly };
      if (!next) return Errno.ENOENT;
      if (!(next instanceof DirNode)) return Errno.ENOTDIR;
      stack.push(next);
    }
    return { parent: stack.at(-1)!, name: ".", dirOnly: true };
  }

  #lookup(r: Resolved): Node | undefined {
    return r.name === "." ? r.parent : r.parent.entries.get(r.name);
  }

  /** The open file `fd` if it has `right`; else the errno (EBADF, EISDIR). */
  #file(fd: number, right: bigint): Open & { kind: "file" } | number {
    const o = this.#fds.get(fd);
    if (!o) return Errno.EBADF;
    if (o.kind !== "file") return Errno.EISDIR;
    if ((o.rights & right) === 0n) return Errno.EBADF;
    return o;
  }

  /**
   * path_open: oflags CREAT 1, DIRECTORY 2, EXCL 4, TRUNC 8; fdflags APPEND 1; `follow` is the
   * SYMLINK_FOLLOW lookup flag (without it, a symbolic link at the end is ELOOP). A directory
   * opened with the right to write, or truncated, is EISDIR; a trailing slash on a file is
   * ENOTDIR. The rights asked for are capped by what the directory passes on. Returns the fd or
   * -errno.
   */
  open(
    dirfd: number,
    path: string,
    oflags: number,
    fdflags: number,
    rights: bigint = RIGHTS_ALL,
    follow = true,
    inheriting: bigint = RIGHTS_ALL,
  ): number {
    const need = RIGHTS.pathOpen | (oflags & 1 ? RIGHTS.pathCreateFile : 0n) |
      (oflags & 8 ? RIGHTS.pathFilestatSetSize : 0n);
    const r = this.#resolve(dirfd, path, follow, need);
    if (typeof r === "number") return -r;
    const dir = this.#fds.get(dirfd) as Open & { kind: "dir" };
    let node = this.#lookup(r);
    if (node && (oflags & 4) && (oflags & 1)) return -Errno.EEXIST;
    if (node instanceof LinkNode) return -Errno.ELOOP;
    if (!node) {
      if (!(oflags & 1)) return -Errno.ENOENT;
      if (oflags & 2) return -Errno.ENOENT;
      if (r.dirOnly) return -Errno.EISDIR;
      node = this.#stamp(new FileNode(new Uint8Array(), this.#ino++));
      r.parent.entries.set(r.name, node);
      this.#touch(r.parent);
    }
    if (!(node instanceof DirNode) && ((oflags & 2) || r.dirOnly)) return -Errno.ENOTDIR;
    if (node instanceof DirNode && ((oflags & 8) || (rights & RIGHTS.fdWrite))) return -Errno.EISDIR;
    const granted = rights & dir.inheriting;
    const fd = this.#next++;
    if (node instanceof DirNode) {
      this.#fds.set(fd, {
        kind: "dir",
        node,
        rights: granted & DIRECTORY_RIGHTS,
        inheriting: inheriting & dir.inheriting,
      });
    } else {
      if (oflags & 8) (node.data = new Uint8Array(), this.#touch(node));
      this.#fds.set(fd, {
        kind: "file",
        node,
        pos: 0,
        append: (fdflags & 1) !== 0,
        flags: fdflags & 31,
        rights: granted & FILE_RIGHTS,
      });
    }
    return fd;
  }

  /** Reads up to `max` bytes at the file's position, or at `at` (pread) without moving it. */
  read(fd: number, max: number, at?: number): Uint8Array | number {
    const o = this.#file(fd, RIGHTS.fdRead | (at === undefined ? 0n : RIGHTS.fdSeek));
    if (typeof o === "number") return o;
    const from = at ?? o.pos;
    const chunk = o.node.data.subarray(from, from + max);
    if (at === undefined) o.pos += chunk.length;
    return chunk;
  }

  /** Writes at the file's position (its end when opened with APPEND), or at `at` (pwrite) without moving it. */
  write(fd: number, data: Uint8Array, at?: number): number {
    const o = this.#file(fd, RIGHTS.fdWrite | (at === undefined ? 0n : RIGHTS.fdSeek));
    if (typeof o === "number") return o;
    if (at === undefined && o.append) o.pos = o.node.data.length;
    const from = at ?? o.pos;
    const end = from + data.length;
    if (end > 2 ** 31) return Errno.EFBIG;
    if (end > o.node.data.length) this.#resize(o.node, end);
    o.node.data.set(data, from);
    if (at === undefined) o.pos = end;
    this.#touch(o.node);
    return Errno.SUCCESS;
  }

  #resize(node: FileNode, size: number): void {
    const grown = new Uint8Array(size);
    grown.set(node.data.subarray(0, Math.min(size, node.data.length)));
    node.data = grown;
  }

  /** fd_filestat_set_size: truncates or zero-extends a file. */
  setSize(fd: number, size: bigint): number {
    const o = this.#file(fd, RIGHTS.fdFilestatSetSize);
    if (typeof o === "number") return o;
    if (size > 2n ** 31n) return Errno.EFBIG;
    this.#resize(o.node, Number(size));
    this.#touch(o.node);
    return Errno.SUCCESS;
  }

  /** fd_allocate: makes the file at least `offset + len` bytes long. */
  allocate(fd: number, offset: bigint, len: bigint): number {
    const o = this.#file(fd, RIGHTS.fdAllocate);
    if (typeof o === "number") return o;
    const end = offset + len;
    if (end > 2n ** 31n) return Errno.EFBIG;
    if (Number(end) > o.node.data.length) this.#resize(o.node, Number(end));
    return Errno.SUCCESS;
  }

  /**
   * fd_fdstat_set_flags: APPEND (1) changes where writes go; DSYNC, NONBLOCK, RSYNC and SYNC are
   * kept and reported (everything is synchronous in memory).
   */
  setFlags(fd: number, flags: number): number {
    const o = this.#fds.get(fd);
    if (!o) return Errno.EBADF;
    if (flags > 31) return Errno.EINVAL;
    if (o.kind === "file") (o.append = (flags & 1) !== 0, o.flags = flags);
    return Errno.SUCCESS;
  }

  /** fd_fdstat_set_rights: rights can only be dropped (asking for more is ENOTCAPABLE). */
  setRights(fd: number, base: bigint, inheriting: bigint): number {
    const o = this.#fds.get(fd);
    if (!o) return Errno.EBADF;
    const had = o.kind === "dir" ? o.inheriting : 0n;
    if ((base & ~o.rights) !== 0n || (o.kind === "dir" && (inheriting & ~had) !== 0n)) {
      return Errno.ENOTCAPABLE;
    }
    o.rights = base;
    if (o.kind === "dir") o.inheriting = inheriting;
    return Errno.SUCCESS;
  }

  /** The fdflags and rights of a descriptor (fd_fdstat_get). */
  fdstat(fd: number): { filetype: number; flags: number; rights: bigint; inheriting: bigint } | number {
    const o = this.#fds.get(fd);
    if (!o) return Errno.EBADF;
    if (o.kind === "dir") {
      return { filetype: FILETYPE.directory, flags: 0, rights: o.rights, inheriting: o.inheriting };
    }
    return { filetype: FILETYPE.regularFile, flags: o.flags, rights: o.rights, inheriting: 0n };
  }

  /** fd_renumber's last step: `from` takes the number `to`, which the caller has closed. */
  moveTo(from: number, to: number): number {
    const o = this.#fds.get(from);
    if (!o) return Errno.EBADF;
    this.#fds.set(to, o);
    this.#fds.delete(from);
    return Errno.SUCCESS;
  }

  /** fd_seek: whence SET 0, CUR 1, END 2; returns the new position or -errno. */
  seek(fd: number, offset: bigint, whence: number): number {
    const o = this.#fds.get(fd);
    if (!o) return -Errno.EBADF;
    if (o.kind !== "file") return -Errno.EISDIR;
    const tell = whence === 1 && offset === 0n;
    if ((o.rights & (tell ? RIGHTS.fdTell | RIGHTS.fdSeek : RIGHTS.fdSeek)) === 0n) return -Errno.EBADF;
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

  #stat(node: Node): NodeStat {
    const times = { atim: node.atim, mtim: node.mtim, ctim: node.ctim };
    if (node instanceof DirNode) {
      return { filetype: FILETYPE.directory, size: node.entries.size, ino: node.ino, nlink: 1n, ...times };
    }
    if (node instanceof LinkNode) {
      const size = utf8.encode(node.target).length;
      return { filetype: FILETYPE.symbolicLink, size, ino: node.ino, nlink: 1n, ...times };
    }
    return {
      filetype: FILETYPE.regularFile,
      size: node.data.length,
      ino: node.ino,
      nlink: node.nlink,
      ...times,
    };
  }

  /** The metadata of an open descriptor. */
  stat(fd: number): NodeStat | number {
    const o = this.#fds.get(fd);
    if (!o) return Errno.EBADF;
    return this.#stat(o.node);
  }

  /**
   * The metadata of a path under a directory descriptor (a trailing slash on a file is ENOTDIR);
   * `follow`: of what a symbolic link at the end leads to, else of the link itself.
   */
  pathStat(dirfd: number, path: string, follow = true): NodeStat | number {
    const r = this.#resolve(dirfd, path, follow, RIGHTS.pathFilestatGet);
    if (typeof r === "number") return r;
    const node = this.#lookup(r);
    if (!node) return Errno.ENOENT;
    if (r.dirOnly && !(node instanceof DirNode)) return Errno.ENOTDIR;
    return this.#stat(node);
  }

  /** Sets the times of an open descriptor's node, or of a path's; `now` in ns. */
  setTimes(
    target: { fd: number } | { dirfd: number; path: string; follow: boolean },
    atim: bigint,
    mtim: bigint,
    flags: number,
    now: bigint,
  ): number {
    const bad = checkTimeFlags(flags);
    if (bad) return bad;
    let node: Node | undefined;
    if ("fd" in target) node = this.#fds.get(target.fd)?.node;
    else {
      const r = this.#resolve(target.dirfd, target.path, target.follow, RIGHTS.pathFilestatSetTimes);
      if (typeof r === "number") return r;
      node = this.#lookup(r);
      if (node && r.dirOnly && !(node instanceof DirNode)) return Errno.ENOTDIR;
      if (!node) return Errno.ENOENT;
    }
    if (!node) return Errno.EBADF;
    if (flags & 1) node.atim = atim;
    if (flags & 2) node.atim = now;
    if (flags & 4) node.mtim = mtim;
    if (flags & 8) node.mtim = now;
    return Errno.SUCCESS;
  }

  /**
   * The entries of a directory descriptor: "." and "..", then by name, with filetypes and the
   * same inode numbers filestat gives.
   */
  list(fd: number): { name: string; filetype: number; ino: bigint }[] | number {
    const o = this.#fds.get(fd);
    if (!o) return Errno.EBADF;
    if (o.kind !== "dir") return Errno.ENOTDIR;
    if ((o.rights & RIGHTS.fdReaddir) === 0n) return Errno.EBADF;
    const d = o.node;
    return [
      { name: ".", filetype: FILETYPE.directory, ino: d.ino },
      { name: "..", filetype: FILETYPE.directory, ino: d.parent.ino },
      ...[...d.entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, n]) => ({
        name,
        filetype: this.#stat(n).filetype,
        ino: n.ino,
      })),
    ];
  }

  /** path_create_directory. */
  mkdir(dirfd: number, path: string): number {
    const r = this.#resolve(dirfd, path, false, RIGHTS.pathCreateDirectory);
    if (typeof r === "number") return r;
    if (this.#lookup(r)) return Errno.EEXIST;
    r.parent.entries.set(r.name, this.#stamp(new DirNode(this.#ino++, r.parent)));
    this.#touch(r.parent);
    return Errno.SUCCESS;
  }

  /** path_unlink_file (files and links) and path_remove_directory (empty directories). */
  remove(dirfd: number, path: string, dir: boolean): number {
    const r = this.#resolve(dirfd, path, false, dir ? RIGHTS.pathRemoveDirectory : RIGHTS.pathUnlinkFile);
    if (typeof r === "number") return r;
    const node = this.#lookup(r);
    if (!node) return Errno.ENOENT;
    if (r.name === ".") return dir ? Errno.EINVAL : Errno.EISDIR;
    if (!dir && r.dirOnly) return node instanceof DirNode ? Errno.EISDIR : Errno.ENOTDIR;
    if (dir !== (node instanceof DirNode)) return dir ? Errno.ENOTDIR : Errno.EISDIR;
    if (node instanceof DirNode && node.entries.size > 0) return Errno.ENOTEMPTY;
    r.parent.entries.delete(r.name);
    if (node instanceof FileNode) node.nlink--;
    return Errno.SUCCESS;
  }

  /**
   * path_rename within the preopens: a file or link over a file, a directory over an empty
   * directory; a directory into its own subtree is EINVAL.
   */
  rename(oldfd: number, oldPath: string, newfd: number, newPath: string): number {
    const a = this.#resolve(oldfd, oldPath, false, RIGHTS.pathRenameSource);
    if (typeof a === "number") return a;
    const b = this.#resolve(newfd, newPath, false, RIGHTS.pathRenameTarget);
    if (typeof b === "number") return b;
    const node = this.#lookup(a);
    if (!node) return Errno.ENOENT;
    if (a.name === "." || b.name === ".") return Errno.EBUSY;
    const isDir = node instanceof DirNode;
    if (!isDir && (a.dirOnly || b.dirOnly)) return Errno.ENOTDIR;
    const target = this.#lookup(b);
    if (target === node) return Errno.SUCCESS;
    if (target) {
      if (isDir && !(target instanceof DirNode)) return Errno.ENOTDIR;
      if (!isDir && target instanceof DirNode) return Errno.EISDIR;
      if (target instanceof DirNode && target.entries.size > 0) return Errno.ENOTEMPTY;
      if (target instanceof FileNode) target.nlink--;
    }
    if (isDir) {
      for (let d: DirNode = b.parent;; d = d.parent) {
        if (d === node) return Errno.EINVAL;
        if (d.parent === d) break;
      }
      node.parent = b.parent;
    }
    a.parent.entries.delete(a.name);
    b.parent.entries.set(b.name, node);
    return Errno.SUCCESS;
  }

  /** path_symlink: a link at `path` holding `target` (which is resolved only when followed). */
  symlink(target: string, dirfd: number, path: string): number {
    const r = this.#resolve(dirfd, path, false, RIGHTS.pathSymlink);
    if (typeof r === "number") return r;
    if (this.#lookup(r)) return Errno.EEXIST;
    if (r.dirOnly) return Errno.ENOENT;
    if (target === "") return Errno.ENOENT;
    // an absolute target could only ever lead out of the preopen (wasmtime refuses it too)
    if (target.startsWith("/")) return Errno.EPERM;
    r.parent.entries.set(r.name, this.#stamp(new LinkNode(target, this.#ino++)));
    return Errno.SUCCESS;
  }

  /** path_readlink: the target a symbolic link holds; EINVAL for anything else. */
  readlink(dirfd: number, path: string): string | number {
    const r = this.#resolve(dirfd, path, false, RIGHTS.pathReadlink);
    if (typeof r === "number") return r;
    const node = this.#lookup(r);
    if (!node) return Errno.ENOENT;
    if (!(node instanceof LinkNode)) return Errno.EINVAL;
    return node.target;
  }

  /** path_link: a second name for a file (directories are EPERM); `follow` for a link at `oldPath`. */
  link(oldfd: number, oldPath: string, follow: boolean, newfd: number, newPath: string): number {
    const a = this.#resolve(oldfd, oldPath, follow, RIGHTS.pathLinkSource);
    if (typeof a === "number") return a;
    const node = this.#lookup(a);
    if (!node) return Errno.ENOENT;
    if (node instanceof DirNode) return Errno.EPERM;
    if (a.dirOnly) return Errno.ENOTDIR;
    const b = this.#resolve(newfd, newPath, false, RIGHTS.pathLinkTarget);
    if (typeof b === "number") return b;
    if (this.#lookup(b)) return Errno.EEXIST;
    if (b.dirOnly) return Errno.ENOENT;
    b.parent.entries.set(b.name, node);
    if (node instanceof FileNode) node.nlink++;
    return Errno.SUCCESS;
  }
}
