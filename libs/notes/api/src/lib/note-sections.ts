import { NOTE_SECTIONS, NOTE_TEXT_MAX, type NoteFormat } from '@mend/shared/contracts';

/** Every section of the format, empty where nothing is written; other keys are dropped. */
export function sectionsOf(
  format: NoteFormat,
  sections: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(NOTE_SECTIONS[format].map((s) => [s.key, sections[s.key] ?? '']));
}

/** What is wrong with the sections of a save, by field. */
export function sectionProblems(format: NoteFormat, sections: Record<string, unknown>) {
  const known = NOTE_SECTIONS[format].map((s) => s.key);
  return Object.entries(sections).flatMap(([key, value]) => {
    const reasons: string[] = [];
    if (!known.includes(key)) reasons.push(`${format.toUpperCase()} has no section “${key}”.`);
    else if (typeof value !== 'string') reasons.push('Write text here.');
    else if (value.length > NOTE_TEXT_MAX)
      reasons.push(`Keep it under ${NOTE_TEXT_MAX.toLocaleString('en')} characters.`);
    return reasons.length ? [{ field: `sections.${key}`, reasons }] : [];
  });
}

/** The writers with `writer` added at the end if they are not among them yet. */
export function withWriter(writers: readonly string[], writer: string): string[] {
  return writers.includes(writer) ? [...writers] : [...writers, writer];
}

/**
 * The writers of each section after a save by `writer` that changed the `changed` sections of
 * `sections` (the note's sections in its format after the save): sections the format no longer
 * has are dropped (their writers stay among the note's contributors).
 */
export function sectionWriters(
  before: Record<string, string[]>,
  sections: Record<string, string>,
  changed: string[],
  writer: string,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.keys(sections).flatMap((key) => {
      const writers = changed.includes(key)
        ? withWriter(before[key] ?? [], writer)
        : (before[key] ?? []);
      return writers.length ? [[key, writers]] : [];
    }),
  );
}
