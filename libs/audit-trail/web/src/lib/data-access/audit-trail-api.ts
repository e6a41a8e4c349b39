import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuditPage, AuditQueryParams, Page, UserSummary } from '@mend/shared/contracts';
import { queryParams } from '@mend/shared/web';
import { firstValueFrom } from 'rxjs';

/**
 * The admin's audit trail: the clinic's events, metadata only (the server answers 403 to anyone
 * else), and the clinic's people for the trail's person filter.
 */
@Injectable({ providedIn: 'root' })
export class AuditTrailApi {
  private readonly http = inject(HttpClient);

  /** The clinic's audit events, newest first, filtered as asked. */
  events(query: AuditQueryParams = {}): Promise<AuditPage> {
    return firstValueFrom(
      this.http.get<AuditPage>('/api/audit-events', { params: queryParams(query) }),
    );
  }

  /** The clinic's people, up to the largest page (for the person filter). */
  async people(): Promise<UserSummary[]> {
    const page = await firstValueFrom(
      this.http.get<Page<UserSummary>>('/api/users', { params: queryParams({ pageSize: 100 }) }),
    );
    return page.items;
  }
}
