import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { HomeworkCounts, NoteCounts } from '@mend/shared/contracts';
import { firstValueFrom } from 'rxjs';

/** Per counselor: homework assigned, overdue and submitted-but-unreviewed. */
export type CounselorHomework = Omit<
  HomeworkCounts['counselors'][number],
  'counselorId' | 'displayName'
>;
/** Per counselor: notes not signed yet, and the start of the oldest one's session. */
export type CounselorNotes = Omit<NoteCounts['counselors'][number], 'counselorId' | 'displayName'>;

/** Each counselor's row of a counts answer, by their id. */
export function byCounselor<T extends { counselorId: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.counselorId, row]));
}

/**
 * The admin's per-counselor counts (`GET /api/homework/counts`, `GET /api/notes/counts`):
 * numbers and a date only, never homework answers or a note's content (minimum necessary).
 */
@Injectable({ providedIn: 'root' })
export class CounselorCountsApi {
  private readonly http = inject(HttpClient);

  async homework(): Promise<Map<string, CounselorHomework>> {
    const counts = await firstValueFrom(this.http.get<HomeworkCounts>('/api/homework/counts'));
    return byCounselor(counts.counselors);
  }

  async notes(): Promise<Map<string, CounselorNotes>> {
    const counts = await firstValueFrom(this.http.get<NoteCounts>('/api/notes/counts'));
    return byCounselor(counts.counselors);
  }
}
