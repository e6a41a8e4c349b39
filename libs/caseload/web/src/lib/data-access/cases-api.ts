import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  AddMemberRequest,
  AssignCounselorsRequest,
  AuditEventView,
  CaseDetail,
  CaseloadOverview,
  CasePage,
  CasePathView,
  CaseStatus,
  CloseCaseRequest,
  MemberLabel,
  MyPathView,
  OpenCaseRequest,
  Page,
  SetStageRequest,
  UpdateCaseRequest,
} from '@mend/shared/contracts';
import { queryParams } from '@mend/shared/web';

export type CaseStatusFilter = CaseStatus | 'all';

export interface CasesQuery {
  /** The server's default is `open`. */
  status?: CaseStatusFilter;
  q?: string;
  counselorId?: string;
  unassigned?: boolean;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/**
 * Cases as the signed-in user may see them: the server scopes every answer (admins: the
 * clinic's cases, counselors: their caseload, clients: their own case).
 */
@Injectable({ providedIn: 'root' })
export class CasesApi {
  private readonly http = inject(HttpClient);

  list(query: CasesQuery = {}): Promise<CasePage> {
    return firstValueFrom(this.http.get<CasePage>('/api/cases', { params: queryParams(query) }));
  }

  get(id: string): Promise<CaseDetail> {
    return firstValueFrom(this.http.get<CaseDetail>(`/api/cases/${id}`));
  }

  open(request: OpenCaseRequest): Promise<CaseDetail> {
    return firstValueFrom(this.http.post<CaseDetail>('/api/cases', request));
  }

  /** 409 when the case changed since `request.version` was read. */
  update(id: string, request: UpdateCaseRequest): Promise<CaseDetail> {
    return firstValueFrom(this.http.patch<CaseDetail>(`/api/cases/${id}`, request));
  }

  addMember(id: string, request: AddMemberRequest): Promise<CaseDetail> {
    return firstValueFrom(this.http.post<CaseDetail>(`/api/cases/${id}/members`, request));
  }

  removeMember(id: string, userId: string): Promise<CaseDetail> {
    return firstValueFrom(this.http.delete<CaseDetail>(`/api/cases/${id}/members/${userId}`));
  }

  assignCounselors(id: string, request: AssignCounselorsRequest): Promise<CaseDetail> {
    return firstValueFrom(this.http.put<CaseDetail>(`/api/cases/${id}/counselors`, request));
  }

  close(id: string, request: CloseCaseRequest): Promise<CaseDetail> {
    return firstValueFrom(this.http.post<CaseDetail>(`/api/cases/${id}/close`, request));
  }

  reopen(id: string): Promise<CaseDetail> {
    return firstValueFrom(this.http.post<CaseDetail>(`/api/cases/${id}/reopen`, {}));
  }

  /** The case's counselors only. */
  setLabel(id: string, userId: string, label: MemberLabel | null): Promise<CaseDetail> {
    return firstValueFrom(
      this.http.put<CaseDetail>(`/api/cases/${id}/members/${userId}/label`, { label }),
    );
  }

  history(id: string, page = 1, pageSize = 20): Promise<Page<AuditEventView>> {
    return firstValueFrom(
      this.http.get<Page<AuditEventView>>(`/api/cases/${id}/history`, {
        params: queryParams({ page, pageSize }),
      }),
    );
  }

  /** The case's counselors: where the case is on the path of repair, and every move. */
  path(id: string): Promise<CasePathView> {
    return firstValueFrom(this.http.get<CasePathView>(`/api/cases/${id}/path`));
  }

  /** The case's counselors: move it forward or back, with a reason (409 once closed). */
  setStage(id: string, request: SetStageRequest): Promise<CasePathView> {
    return firstValueFrom(this.http.put<CasePathView>(`/api/cases/${id}/stage`, request));
  }

  /** A client: where each of their open cases is on the path (no history, no reasons). */
  myPath(): Promise<MyPathView[]> {
    return firstValueFrom(this.http.get<MyPathView[]>('/api/my/path'));
  }

  overview(): Promise<CaseloadOverview> {
    return firstValueFrom(this.http.get<CaseloadOverview>('/api/caseload/overview'));
  }
}
