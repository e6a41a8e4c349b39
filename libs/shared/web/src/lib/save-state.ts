import type { SaveState } from './autosave';

const time = new Intl.DateTimeFormat('en-US', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayTime = new Intl.DateTimeFormat('en-US', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "10:42" today, "May 12, 10:42" another day. */
export function savedTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  return at.toDateString() === now.toDateString() ? time.format(at) : dayTime.format(at);
}

/** How a page words its draft; a note says "Draft saved 10:42", homework "Saved 10:42". */
export interface SaveWords {
  saved: string;
  idle: string;
  /** Said when the server refused the draft, instead of its message. */
  invalid?: string;
}

const NOTE_WORDS: SaveWords = { saved: 'Draft saved', idle: 'The draft saves as you write' };

/** What the page says about the draft: "Saving…", "Draft saved 10:42", "Not saved – retrying". */
export function saveStateText(
  state: SaveState,
  savedAt: string | null,
  message: string | null,
  now = new Date(),
  words: SaveWords = NOTE_WORDS,
): string {
  switch (state) {
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'saved':
    case 'idle':
      return savedAt ? `${words.saved} ${savedTime(savedAt, now)}` : words.idle;
    case 'retrying':
      return 'Not saved – retrying';
    case 'invalid':
      return `Not saved – ${words.invalid ?? message ?? 'check the marked text'}`;
    case 'conflict':
      return 'Not saved – changed elsewhere';
    case 'failed':
      return `Not saved – ${message ?? 'this can no longer be changed'}`;
  }
}

/** How the save state looks: a spinner while busy, a warning when something is not saved. */
export function saveTone(state: SaveState): 'ok' | 'busy' | 'bad' {
  if (state === 'retrying' || state === 'invalid' || state === 'conflict' || state === 'failed')
    return 'bad';
  return state === 'pending' || state === 'saving' ? 'busy' : 'ok';
}
