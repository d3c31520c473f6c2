/** Half a surrogate pair: not well-formed Unicode, so a store would keep something else. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface UnstorableText {
  /** Dotted path of the string (key or value), e.g. `handles.0.handle`; '' for the value itself. */
  field: string;
  why: string;
}

/**
 * The first string (a key or a value) in a parsed JSON body, query or set of path parameters that no
 * store keeps as sent: a NUL character (PostgreSQL refuses it in text; SQLite would keep it where
 * C-string tools cut at it) or a lone surrogate. Walks with its own stack, so nesting of any depth
 * costs memory in proportion to the input and never a stack overflow; raw bodies (Buffers of imports)
 * are not walked: their parser checks what it reads from them.
 */
export function findUnstorableText(value: unknown): UnstorableText | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      const why = describeText(current);
      if (why) return { field: path, why };
      continue;
    }
    if (typeof current !== 'object' || current === null || ArrayBuffer.isView(current)) continue;
    const entries = Object.entries(current);
    // Pushed in reverse so the walk meets fields in the order they were written.
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, entry] = entries[index] as [string, unknown];
      const at = path ? `${path}.${key}` : key;
      const why = describeText(key);
      if (why) return { field: at, why };
      pending.push({ value: entry, path: at });
    }
  }
  return undefined;
}

function describeText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'text may not contain a NUL character (U+0000): remove it';
  if (LONE_SURROGATE.test(text)) return 'text must be well-formed Unicode: remove the lone surrogate';
  return undefined;
}
