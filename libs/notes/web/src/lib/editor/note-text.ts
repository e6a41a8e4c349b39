import {
  NOTE_FORMAT_LABELS,
  NOTE_SECTIONS,
  type HomeworkSince,
  type NoteFormat,
} from '@mend/shared/contracts';

/** A note's text as the editor holds it: the format and its sections' text. */
export interface NoteDraft {
  format: NoteFormat;
  sections: Record<string, string>;
}

const shortDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** Every section of the format, empty. */
export function emptySections(format: NoteFormat): Record<string, string> {
  return Object.fromEntries(NOTE_SECTIONS[format].map((s) => [s.key, '']));
}

/** The format's sections with the text the server sent (missing ones empty, unknown ones dropped). */
export function sectionsOf(
  format: NoteFormat,
  sections: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(NOTE_SECTIONS[format].map((s) => [s.key, sections[s.key] ?? '']));
}

/** The label of a section key in any format ("Subjective"), or the key itself. */
export function sectionLabel(key: string): string {
  for (const format of Object.values(NOTE_SECTIONS)) {
    const found = format.find((s) => s.key === key);
    if (found) return found.label;
  }
  return key;
}

/**
 * The text in another format without losing any of it: sections both formats share (assessment,
 * plan) keep their text, and the text of sections the new format lacks moves, under its old
 * heading, to the start of the new format's first section.
 */
export function switchFormat(draft: NoteDraft, to: NoteFormat): NoteDraft {
  const target = NOTE_SECTIONS[to];
  const sections = Object.fromEntries(target.map((s) => [s.key, draft.sections[s.key] ?? '']));
  const moved = NOTE_SECTIONS[draft.format]
    .filter((s) => !target.some((t) => t.key === s.key))
    .map((s) => ({ label: s.label, text: (draft.sections[s.key] ?? '').trim() }))
    .filter((s) => s.text !== '');
  if (moved.length) {
    const first = target[0].key;
    const carried = moved.map((s) => `${s.label}:\n${s.text}`).join('\n\n');
    sections[first] = sections[first].trim() ? `${carried}\n\n${sections[first]}` : carried;
  }
  return { format: to, sections };
}

/** Sections the format switch would move (for the question before switching). */
export function sectionsMoved(draft: NoteDraft, to: NoteFormat): string[] {
  return NOTE_SECTIONS[draft.format]
    .filter((s) => !NOTE_SECTIONS[to].some((t) => t.key === s.key))
    .filter((s) => (draft.sections[s.key] ?? '').trim() !== '')
    .map((s) => s.label);
}

/** Where the homework summary goes when no section was focused: Subjective, Data or Behaviour. */
export function defaultSummarySection(format: NoteFormat): string {
  return NOTE_SECTIONS[format][0].key;
}

/** Adds `addition` to the end of `text`, a blank line apart. */
export function appendText(text: string, addition: string): string {
  const before = text.replace(/\s+$/, '');
  return before ? `${before}\n\n${addition}` : addition;
}

/**
 * The homework since the previous session as a few lines for the note: each piece's title, whose
 * it is, when it came in and its 0–10 answers. The client's own words stay on the review page.
 */
export function homeworkSummary(since: HomeworkSince): string {
  if (!since.items.length) return '';
  const period = since.since
    ? `since the session of ${shortDay.format(new Date(since.since))}`
    : 'since the start of the case';
  const lines = since.items.map((item) => {
    const who = item.member ? item.member.displayName : 'together';
    const measure = item.measure
      ? `score ${item.measure.score}${item.measure.band ? ` (${item.measure.band.label})` : ''}`
      : '';
    const scales = [measure, ...item.scales.map((s) => `${s.label} ${s.value}/10`)]
      .filter(Boolean)
      .join('; ');
    return `- ${item.title} (${who}, ${shortDay.format(new Date(item.submittedAt))})${scales ? `: ${scales}` : ''}`;
  });
  return [`Homework submitted ${period}:`, ...lines].join('\n');
}

/** The draft as plain text, section by section (to copy aside after a conflict). */
export function draftAsText(draft: NoteDraft): string {
  const body = NOTE_SECTIONS[draft.format]
    .map((s) => ({ label: s.label, text: (draft.sections[s.key] ?? '').trim() }))
    .filter((s) => s.text !== '')
    .map((s) => `${s.label}\n${s.text}`)
    .join('\n\n');
  return body ? `${NOTE_FORMAT_LABELS[draft.format]} note\n\n${body}` : '';
}

/** Same text, section by section (for deciding whether a reload changed anything). */
export function sameDraft(a: NoteDraft, b: NoteDraft): boolean {
  if (a.format !== b.format) return false;
  return NOTE_SECTIONS[a.format].every(
    (s) => (a.sections[s.key] ?? '') === (b.sections[s.key] ?? ''),
  );
}

export interface SectionComparison {
  label: string;
  theirs: string;
  /** null when the formats differ (the sections do not line up). */
  mine: string | null;
}

/**
 * The saved version against the counselor's text, after a conflict: the sections that differ
 * side by side, and the labels of those that are the same.
 */
export function compareDrafts(
  mine: NoteDraft,
  theirs: NoteDraft,
): { sameFormat: boolean; differing: SectionComparison[]; same: string[] } {
  const sameFormat = mine.format === theirs.format;
  const rows = NOTE_SECTIONS[theirs.format].map((s) => ({
    label: s.label,
    theirs: theirs.sections[s.key] ?? '',
    mine: sameFormat ? (mine.sections[s.key] ?? '') : null,
  }));
  if (!sameFormat) return { sameFormat, differing: rows, same: [] };
  return {
    sameFormat,
    differing: rows.filter((r) => r.theirs !== r.mine),
    same: rows.filter((r) => r.theirs === r.mine).map((r) => r.label),
  };
}
