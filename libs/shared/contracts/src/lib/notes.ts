import type { PinnedMessage } from './messages';
import type { MeasureResult } from './exercises';
import type { AuditEventView } from './caseload';
import type { Page } from './pagination';

export const SESSION_TYPES = ['couple', 'individual', 'family'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export const SESSION_TYPE_LABELS: Record<SessionType, string> = {
  couple: 'Couple',
  individual: 'Individual',
  family: 'Family',
};

export const SESSION_MODES = ['in_person', 'telehealth'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export const SESSION_MODE_LABELS: Record<SessionMode, string> = {
  in_person: 'In person',
  telehealth: 'Telehealth',
};

/** Sessions last between a quarter of an hour and four hours. */
export const SESSION_DURATION = { min: 15, max: 240 } as const;

export const NOTE_FORMATS = ['soap', 'dap', 'birp'] as const;
export type NoteFormat = (typeof NOTE_FORMATS)[number];

export interface NoteSectionDefinition {
  key: string;
  label: string;
  /** What belongs in the section, shown under its heading in the editor. */
  hint: string;
}

export const NOTE_FORMAT_LABELS: Record<NoteFormat, string> = {
  soap: 'SOAP',
  dap: 'DAP',
  birp: 'BIRP',
};

/** The sections of each note format, in the order they are written and printed. */
export const NOTE_SECTIONS: Record<NoteFormat, readonly NoteSectionDefinition[]> = {
  soap: [
    {
      key: 'subjective',
      label: 'Subjective',
      hint: 'What the members reported: their words, feelings and concerns.',
    },
    {
      key: 'objective',
      label: 'Objective',
      hint: 'What you observed: affect, interaction, homework brought in.',
    },
    {
      key: 'assessment',
      label: 'Assessment',
      hint: 'Your clinical reading: stage of repair, risks, progress.',
    },
    { key: 'plan', label: 'Plan', hint: 'Next steps, homework assigned, next session.' },
  ],
  dap: [
    {
      key: 'data',
      label: 'Data',
      hint: 'What was said and observed in the session.',
    },
    {
      key: 'assessment',
      label: 'Assessment',
      hint: 'Your clinical reading of it: stage of repair, risks, progress.',
    },
    { key: 'plan', label: 'Plan', hint: 'Next steps, homework assigned, next session.' },
  ],
  birp: [
    {
      key: 'behaviour',
      label: 'Behaviour',
      hint: 'What the members presented with and how they interacted.',
    },
    {
      key: 'intervention',
      label: 'Intervention',
      hint: 'What you did: exercises, techniques, psychoeducation.',
    },
    { key: 'response', label: 'Response', hint: 'How the members responded to it.' },
    { key: 'plan', label: 'Plan', hint: 'Next steps, homework assigned, next session.' },
  ],
};

/** Each section of a note, and each addendum, holds at most this many characters. */
export const NOTE_TEXT_MAX = 20_000;

export interface Person {
  userId: string;
  displayName: string;
}

export interface CreateSessionRequest {
  /** ISO date-time with offset, e.g. 2026-11-20T15:00:00.000Z */
  startsAt: string;
  durationMinutes: number;
  type: SessionType;
  mode: SessionMode;
  /** Members of the case who attended; at least one. */
  attendeeIds: string[];
}

/** Changing a session's details; refused (409) once its note is signed. */
export type UpdateSessionRequest = Partial<CreateSessionRequest>;

export type NoteStatus = 'draft' | 'signed';

export interface SessionView {
  id: string;
  caseId: string;
  caseTitle: string;
  startsAt: string;
  durationMinutes: number;
  type: SessionType;
  mode: SessionMode;
  attendees: Person[];
  counselor: Person;
  /** null until a note is started. */
  note: { id: string; format: NoteFormat; status: NoteStatus; signedAt: string | null } | null;
}

export type SessionPage = Page<SessionView>;

/**
 * The counselor's session lists: upcoming (soonest first), recent (latest first) and unsigned:
 * past sessions whose note is missing or not signed yet (oldest first).
 */
export const SESSION_LISTS = ['upcoming', 'recent', 'unsigned'] as const;
export type SessionList = (typeof SESSION_LISTS)[number];

export interface AddendumView {
  id: string;
  text: string;
  version: number;
  /** Who started the addendum. */
  author: Person;
  /** Everyone who saved a change to it, in order (a co-counselor may edit a colleague's draft). */
  contributors: Person[];
  createdAt: string;
  savedAt: string;
  signedAt: string | null;
  signedBy: Person | null;
}

export interface NoteView {
  id: string;
  session: SessionView;
  format: NoteFormat;
  /** Section key → text; every section of the format is present. */
  sections: Record<string, string>;
  /** Bumped by every save; a stale save answers 409. */
  version: number;
  status: NoteStatus;
  /** Who started the note. */
  author: Person;
  /**
   * Everyone who saved a change to the note, in the order they first did: a case can have
   * several counselors, and any of them may edit or sign the draft. Just the author for a note
   * nobody has saved yet (or one saved before Mend recorded each writer).
   */
  contributors: Person[];
  /**
   * Section key → who wrote in that section, first writer first; absent while nobody has.
   * (Text saved before Mend recorded writers is the author's.)
   */
  sectionAuthors: Record<string, Person[]>;
  /** Who saved the latest change; null while nothing was saved since the note was started. */
  lastEditedBy: Person | null;
  createdAt: string;
  savedAt: string;
  signedAt: string | null;
  /** The counselor who signed it (not necessarily its author). */
  signedBy: Person | null;
  /** Oldest first. */
  addenda: AddendumView[];
}

export interface StartNoteRequest {
  format: NoteFormat;
}

export interface SaveNoteRequest {
  /** The format may change while the note is a draft; sections not in it are dropped. */
  format: NoteFormat;
  sections: Record<string, string>;
  version: number;
}

export interface NoteSaved {
  version: number;
  savedAt: string;
}

export interface SignRequest {
  /** The version the counselor read before signing; a newer one answers 409. */
  version: number;
}

export interface AddendumRequest {
  text: string;
}

export interface SaveAddendumRequest {
  text: string;
  version: number;
}

/** A homework response submitted since the previous session, for the note editor's side panel. */
export interface HomeworkSinceItem {
  homeworkId: string;
  title: string;
  /** null for together homework. */
  member: Person | null;
  submittedAt: string;
  /** The 0–10 answers of the response. */
  scales: { label: string; value: number }[];
  /** A measure's score and band. */
  measure: MeasureResult | null;
}

export interface HomeworkSince {
  /** The start of the previous session of the case, or null when this is the first. */
  since: string | null;
  until: string;
  items: HomeworkSinceItem[];
  /** Messages the case's counselors pinned for this session, sent in the same window. */
  pinned: PinnedMessage[];
}

/** Who read, wrote, signed or exported the notes of a case (for its counselors). */
export type NoteAccessPage = AuditPage;

/** The admin's counts per counselor: never content. */
export interface NoteCounts {
  counselors: {
    counselorId: string;
    displayName: string;
    unsignedNotes: number;
    /** The start of the session of the oldest unsigned note. */
    oldestUnsignedAt: string | null;
  }[];
}

/** Filters of the admin's audit browser. */
export interface AuditQueryParams {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** YYYY-MM-DD, inclusive */
  from?: string;
  /** YYYY-MM-DD, inclusive */
  to?: string;
  page?: number;
  pageSize?: number;
}

export type AuditPage = Page<AuditEventView & { ip: string | null }>;
