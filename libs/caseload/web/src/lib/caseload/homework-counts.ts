import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { HomeworkCounts } from '@mend/shared/contracts';
import { firstValueFrom } from 'rxjs';

/** Per counselor: homework assigned, overdue and submitted-but-unreviewed. */
export interface CounselorHomework {
  assigned: number;
  overdue: number;
  unreviewed: number;
}

/**
 * The admin's homework counts per counselor (`GET /api/homework/counts`): numbers only, never
 * content (minimum necessary).
 */
@Injectable({ providedIn: 'root' })
export class HomeworkCountsApi {
  private readonly http = inject(HttpClient);

  async byCounselor(): Promise<Map<string, CounselorHomework>> {
    const counts = await firstValueFrom(this.http.get<HomeworkCounts>('/api/homework/counts'));
    return countsByCounselor(counts);
  }
}

export function countsByCounselor(counts: HomeworkCounts): Map<string, CounselorHomework> {
  return new Map(
    counts.counselors.map((c) => [
      c.counselorId,
      { assigned: c.assigned, overdue: c.overdue, unreviewed: c.unreviewed },
    ]),
  );
}
