// Field names read from type descriptors, checked before they are believed: a Go field name is an
// identifier (or "_"), and a corrupted descriptor's "name" is whatever bytes its pointer lands on,
// up to a corrupted length.

/** The longest field name believed (Go sets no limit; real ones are far shorter). */
export const MAX_FIELD_NAME = 1024;

const IDENTIFIER = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/** Whether `s` can be a Go struct field's name: a Go identifier of at most {@linkcode MAX_FIELD_NAME} characters. */
export function isFieldName(s: string): boolean {
  return s.length <= MAX_FIELD_NAME && IDENTIFIER.test(s);
}
