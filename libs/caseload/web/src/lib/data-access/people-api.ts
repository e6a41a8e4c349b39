import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  InvitationSent,
  InviteUserRequest,
  Page,
  Role,
  UpdateUserRequest,
  UserStatus,
  UserSummary,
} from '@mend/shared/contracts';
import { queryParams } from '@mend/shared/web';

export interface PeopleQuery {
  role?: Role;
  status?: UserStatus;
  q?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** The clinic's people, for its admins. */
@Injectable({ providedIn: 'root' })
export class PeopleApi {
  private readonly http = inject(HttpClient);

  list(query: PeopleQuery = {}): Promise<Page<UserSummary>> {
    return firstValueFrom(
      this.http.get<Page<UserSummary>>('/api/users', { params: queryParams(query) }),
    );
  }

  invite(request: InviteUserRequest): Promise<InvitationSent> {
    return firstValueFrom(this.http.post<InvitationSent>('/api/users/invitations', request));
  }

  /** A new link for someone who has not accepted their invitation yet. */
  resendInvitation(id: string): Promise<InvitationSent> {
    return firstValueFrom(this.http.post<InvitationSent>(`/api/users/${id}/invitation`, {}));
  }

  rename(id: string, request: UpdateUserRequest): Promise<UserSummary> {
    return firstValueFrom(this.http.patch<UserSummary>(`/api/users/${id}`, request));
  }

  /** Disabling ends the person's sessions at once; 409 for the last active admin. */
  setStatus(id: string, status: 'active' | 'disabled'): Promise<UserSummary> {
    return firstValueFrom(this.http.patch<UserSummary>(`/api/users/${id}/status`, { status }));
  }

  /** Everyone of a role and status the clinic has, up to the largest page (for pickers). */
  async all(role: Role, status?: UserStatus): Promise<UserSummary[]> {
    return (await this.list({ role, status, pageSize: 100 })).items;
  }
}
