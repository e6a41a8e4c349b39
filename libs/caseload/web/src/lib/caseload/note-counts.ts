import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { NoteCounts } from '@mend/shared/contracts';
import { firstValueFrom } from 'rxjs';

/** Per counselor: notes not signed yet, and the start of the oldest one's session. */
export interface CounselorNotes {
  unsignedNotes: number;
  oldestUnsignedAt: string | null;
}

/**
 * The admin's note counts per counselor (`GET /api/notes/counts`): numbers and a date only,
 * never a note's content (minimum necessary).
 */
@Injectable({ providedIn: 'root' })
export class NoteCountsApi {
  private readonly http = inject(HttpClient);

  async byCounselor(): Promise<Map<string, CounselorNotes>> {
    const counts = await firstValueFrom(this.http.get<NoteCounts>('/api/notes/counts'));
    return notesByCounselor(counts);
  }
}

export function notesByCounselor(counts: NoteCounts): Map<string, CounselorNotes> {
  return new Map(
    counts.counselors.map((c) => [
      c.counselorId,
      { unsignedNotes: c.unsignedNotes, oldestUnsignedAt: c.oldestUnsignedAt },
    ]),
  );
}

/** How long the oldest unsigned note has waited: "today", "3 days", "5 weeks". */
export function waitingText(oldestUnsignedAt: string | null, now = new Date()): string {
  if (!oldestUnsignedAt) return '–';
  const days = Math.floor((now.getTime() - new Date(oldestUnsignedAt).getTime()) / 86_400_000);
  if (days < 1) return 'today';
  if (days < 14) return days === 1 ? '1 day' : `${days} days`;
  return `${Math.floor(days / 7)} weeks`;
}

/** A note waiting longer than this deserves the admin's attention. */
export const UNSIGNED_ATTENTION_DAYS = 7;

export function waitingTooLong(oldestUnsignedAt: string | null, now = new Date()): boolean {
  if (!oldestUnsignedAt) return false;
  return (
    now.getTime() - new Date(oldestUnsignedAt).getTime() > UNSIGNED_ATTENTION_DAYS * 86_400_000
  );
}
