import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  SessionList,
  AddendumView,
  CreateSessionRequest,
  HomeworkSince,
  NoteAccessPage,
  NoteFormat,
  NoteSaved,
  NoteView,
  SaveNoteRequest,
  SessionPage,
  SessionView,
  UpdateSessionRequest,
} from '@mend/shared/contracts';
import { downloadFile, queryParams } from '@mend/shared/web';
import { firstValueFrom } from 'rxjs';

export interface PageQuery {
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** The counselor's lists across their caseload: upcoming soonest first, recent newest first. */
export type SessionsWhen = SessionList;

/**
 * Where the signed note's document is. `timeZone` (the browser's) makes the document's dates
 * read as on screen.
 */
export function notePdfUrl(noteId: string, timeZone?: string): string {
  const url = `/api/notes/${encodeURIComponent(noteId)}/pdf`;
  return timeZone ? `${url}?tz=${encodeURIComponent(timeZone)}` : url;
}

/**
 * Sessions, clinical notes and their audit trail as the signed-in user may see them. The
 * server scopes every answer: counselors reach the sessions and notes of their own cases, admins
 * only counts and audit metadata, clients nothing (404). Note text only ever travels to and from
 * the server: nothing here keeps it in the browser's storage.
 */
@Injectable({ providedIn: 'root' })
export class NotesApi {
  private readonly http = inject(HttpClient);

  // Sessions

  recordSession(caseId: string, request: CreateSessionRequest): Promise<SessionView> {
    return firstValueFrom(this.http.post<SessionView>(`/api/cases/${caseId}/sessions`, request));
  }

  /** A case's sessions, newest first. */
  caseSessions(caseId: string, query: PageQuery = {}): Promise<SessionPage> {
    return firstValueFrom(
      this.http.get<SessionPage>(`/api/cases/${caseId}/sessions`, { params: queryParams(query) }),
    );
  }

  /** Across the counselor's caseload. */
  sessions(when: SessionsWhen, query: PageQuery = {}): Promise<SessionPage> {
    return firstValueFrom(
      this.http.get<SessionPage>('/api/sessions', { params: queryParams({ when, ...query }) }),
    );
  }

  session(id: string): Promise<SessionView> {
    return firstValueFrom(this.http.get<SessionView>(`/api/sessions/${id}`));
  }

  /** 409 once the session's note is signed. */
  updateSession(id: string, request: UpdateSessionRequest): Promise<SessionView> {
    return firstValueFrom(this.http.patch<SessionView>(`/api/sessions/${id}`, request));
  }

  // Notes

  /** Starts the session's note; answers the existing note when it already has one. */
  startNote(sessionId: string, format: NoteFormat): Promise<NoteView> {
    return firstValueFrom(this.http.post<NoteView>(`/api/sessions/${sessionId}/note`, { format }));
  }

  note(id: string): Promise<NoteView> {
    return firstValueFrom(this.http.get<NoteView>(`/api/notes/${id}`));
  }

  /**
   * Saves the signed note's PDF. Through HttpClient, not a plain link: exporting a note asks
   * for the second factor again when it was given long ago (the interceptor's dialog).
   */
  downloadPdf(noteId: string, fileName: string): Promise<void> {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return downloadFile(this.http, notePdfUrl(noteId, timeZone), fileName);
  }

  /** 409 when `request.version` is stale or the note is signed. */
  saveNote(id: string, request: SaveNoteRequest): Promise<NoteSaved> {
    return firstValueFrom(this.http.put<NoteSaved>(`/api/notes/${id}`, request));
  }

  /** Locks the note; 409 when a newer version exists or it is signed already. */
  signNote(id: string, version: number): Promise<NoteView> {
    return firstValueFrom(this.http.post<NoteView>(`/api/notes/${id}/sign`, { version }));
  }

  /** A draft addendum of a signed note. */
  addAddendum(noteId: string, text: string): Promise<AddendumView> {
    return firstValueFrom(this.http.post<AddendumView>(`/api/notes/${noteId}/addenda`, { text }));
  }

  saveAddendum(
    noteId: string,
    addendumId: string,
    text: string,
    version: number,
  ): Promise<NoteSaved> {
    return firstValueFrom(
      this.http.put<NoteSaved>(`/api/notes/${noteId}/addenda/${addendumId}`, { text, version }),
    );
  }

  signAddendum(noteId: string, addendumId: string, version: number): Promise<AddendumView> {
    return firstValueFrom(
      this.http.post<AddendumView>(`/api/notes/${noteId}/addenda/${addendumId}/sign`, { version }),
    );
  }

  /** The homework of the case submitted since the session before this note's one. */
  homeworkSince(noteId: string): Promise<HomeworkSince> {
    return firstValueFrom(this.http.get<HomeworkSince>(`/api/notes/${noteId}/homework-since`));
  }

  // Audit

  /** Who read, wrote, signed or exported the case's notes (its counselors). */
  noteAccess(caseId: string, query: PageQuery = {}): Promise<NoteAccessPage> {
    return firstValueFrom(
      this.http.get<NoteAccessPage>(`/api/cases/${caseId}/note-access`, {
        params: queryParams(query),
      }),
    );
  }
}
