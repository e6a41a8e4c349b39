import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  InvitationSent,
  InviteUserRequest,
  Page,
  Role,
  UserStatus,
  UserSummary,
} from '@mend/shared/contracts';

/** The clinic's people, for its admins. */
@Injectable({ providedIn: 'root' })
export class PeopleApi {
  private readonly http = inject(HttpClient);

  list(
    query: { role?: Role; status?: UserStatus; q?: string; page?: number; pageSize?: number } = {},
  ): Promise<Page<UserSummary>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    }
    return firstValueFrom(this.http.get<Page<UserSummary>>('/api/users', { params }));
  }

  invite(request: InviteUserRequest): Promise<InvitationSent> {
    return firstValueFrom(this.http.post<InvitationSent>('/api/users/invitations', request));
  }
}
