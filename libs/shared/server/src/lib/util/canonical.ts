/**
 * A stable text of a JSON-like value: object keys sorted, undefined members left out. Two values
 * with the same text are the same content, whatever order their keys came in (jsonb reorders
 * them), e.g. to tell a retried save from a conflicting one.
 */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
