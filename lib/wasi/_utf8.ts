/**
 * The one UTF-8 encoder of the WASI host: arguments, environment, stdin text, file contents, names
 * and paths (not one per call, per directory entry or per host).
 *
 * @module
 */

/** Encodes text as UTF-8. */
export const utf8: TextEncoder = new TextEncoder();
