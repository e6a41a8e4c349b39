/** The time zone the browser runs in (IANA name), or undefined if it cannot say. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every time zone the browser knows, sorted. `extra` (the saved one, the browser's) is added when
 * the list lacks it: some browsers leave out UTC or name a zone by an older alias.
 */
export function timeZones(...extra: (string | undefined)[]): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set([...known, 'UTC', ...extra.filter((z): z is string => !!z)]);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** How a zone reads in the list: "America/New York" rather than "America/New_York". */
export function zoneLabel(zone: string): string {
  return zone.replace(/_/g, ' ');
}

/** The zones whose name holds every word typed, in any order ("york new", "berlin"). */
export function filterZones(zones: readonly string[], typed: string): string[] {
  const words = typed
    .toLowerCase()
    .replace(/_/g, ' ')
    .split(/[\s/]+/)
    .filter(Boolean);
  if (!words.length) return [...zones];
  return zones.filter((zone) => {
    const name = zoneLabel(zone).toLowerCase();
    return words.every((word) => name.includes(word));
  });
}

const offsets = new Map<string, string>();

/** The zone's offset from UTC now, "GMT+2", "GMT-3:30" or "GMT" (cached: formatters are dear). */
export function zoneOffset(zone: string, now = new Date()): string {
  let offset = offsets.get(zone);
  if (offset === undefined) {
    try {
      offset =
        new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
          .formatToParts(now)
          .find((part) => part.type === 'timeZoneName')?.value ?? '';
    } catch {
      offset = '';
    }
    offsets.set(zone, offset);
  }
  return offset;
}
