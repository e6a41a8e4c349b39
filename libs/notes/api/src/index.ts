export * from './lib/notes.entities';
export * from './lib/notes.module';
export * from './lib/notes.service';
export * from './lib/sessions.service';
export { NotesNotices, sessionCalendarEntry } from './lib/notes-notices';
