import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  CounselorOpenCase,
  InvitationSent,
  InviteUserRequest,
  OneTimeLink,
  Page,
  Role,
  UpdateUserRequest,
  UserSort,
  UserStatus,
  UserSummary,
} from '@mend/shared/contracts';
import { queryParams } from '@mend/shared/web';

export interface PeopleQuery {
  role?: Role;
  status?: UserStatus;
  q?: string;
  /** By name unless `newest` (the most recently added first). */
  sort?: UserSort;
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

  /**
   * A new one-time link (invitation for the invited, password reset for the active) to hand
   * over by other means; the earlier ones stop working. 409 for a disabled account.
   */
  oneTimeLink(id: string): Promise<OneTimeLink> {
    return firstValueFrom(this.http.post<OneTimeLink>(`/api/users/${id}/link`, {}));
  }

  /** Mails an active member a password reset link (`mailed` is false without a mail server). */
  sendPasswordReset(id: string): Promise<{ mailed: boolean }> {
    return firstValueFrom(
      this.http.post<{ mailed: boolean }>(`/api/users/${id}/password-reset`, {}),
    );
  }

  /** Removes the person's second factors (the admin steps up first; the API audits it). */
  resetMfa(id: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/users/${id}/mfa/reset`, {}));
  }

  counselorOpenCases(id: string): Promise<CounselorOpenCase[]> {
    return firstValueFrom(this.http.get<CounselorOpenCase[]>(`/api/counselors/${id}/open-cases`));
  }

  /** Disables a counselor and, in the same transaction, moves their open cases to `reassignTo`. */
  disableCounselor(id: string, reassignTo?: string): Promise<UserSummary> {
    return firstValueFrom(
      this.http.post<UserSummary>(
        `/api/counselors/${id}/disable`,
        reassignTo ? { reassignTo } : {},
      ),
    );
  }

  /** Everyone of a role and status the clinic has, up to the largest page (for pickers). */
  async all(role: Role, status?: UserStatus): Promise<UserSummary[]> {
    return (await this.list({ role, status, pageSize: 100 })).items;
  }

  /**
   * Counselors a case can be given to: active ones and those invited who have not accepted yet
   * (the picker marks them), by name.
   */
  async assignableCounselors(): Promise<UserSummary[]> {
    const [active, invited] = await Promise.all([
      this.all('counselor', 'active'),
      this.all('counselor', 'invited'),
    ]);
    return [...active, ...invited].sort((a, b) => a.displayName.localeCompare(b.displayName));
  }
}
