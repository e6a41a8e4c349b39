import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { queryParams } from '@mend/shared/web';
import { firstValueFrom } from 'rxjs';
import type {
  AssignExerciseRequest,
  AssignmentView,
  DraftSaved,
  FeedbackRequest,
  HomeworkDetail,
  HomeworkPage,
  ProgressView,
  SaveDraftRequest,
} from '@mend/shared/contracts';

/** The client's lists of their homework (`GET /api/homework/mine?view=`). */
export type MyHomeworkView = 'due' | 'overdue' | 'done' | 'shared';

export interface PageQuery {
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/**
 * Homework as the signed-in user may see it. The server scopes every answer: clients see their
 * own homework, together homework of their case and what a counselor shared with them;
 * counselors see the homework of their caseload; admins only counts.
 */
@Injectable({ providedIn: 'root' })
export class HomeworkApi {
  private readonly http = inject(HttpClient);

  // Client

  mine(view: MyHomeworkView, query: PageQuery = {}): Promise<HomeworkPage> {
    return firstValueFrom(
      this.http.get<HomeworkPage>('/api/homework/mine', {
        params: queryParams({ view, ...query }),
      }),
    );
  }

  /** 409 when the response changed since `request.version` was read. */
  saveDraft(id: string, request: SaveDraftRequest): Promise<DraftSaved> {
    return firstValueFrom(this.http.put<DraftSaved>(`/api/homework/${id}/draft`, request));
  }

  /** Submits (or, for together homework, confirms) the answers; 400 names each missing answer. */
  submit(id: string, request: SaveDraftRequest): Promise<HomeworkDetail> {
    return firstValueFrom(this.http.post<HomeworkDetail>(`/api/homework/${id}/submit`, request));
  }

  reply(id: string, feedbackId: string, request: FeedbackRequest): Promise<HomeworkDetail> {
    return firstValueFrom(
      this.http.post<HomeworkDetail>(`/api/homework/${id}/feedback/${feedbackId}/reply`, request),
    );
  }

  myProgress(): Promise<ProgressView> {
    return firstValueFrom(this.http.get<ProgressView>('/api/progress/mine'));
  }

  // Both

  get(id: string): Promise<HomeworkDetail> {
    return firstValueFrom(this.http.get<HomeworkDetail>(`/api/homework/${id}`));
  }

  // Counselor

  assign(caseId: string, request: AssignExerciseRequest): Promise<AssignmentView> {
    return firstValueFrom(
      this.http.post<AssignmentView>(`/api/cases/${caseId}/assignments`, request),
    );
  }

  assignments(caseId: string): Promise<AssignmentView[]> {
    return firstValueFrom(this.http.get<AssignmentView[]>(`/api/cases/${caseId}/assignments`));
  }

  stopAssignment(id: string): Promise<AssignmentView> {
    return firstValueFrom(this.http.post<AssignmentView>(`/api/assignments/${id}/stop`, {}));
  }

  caseHomework(caseId: string, query: PageQuery = {}): Promise<HomeworkPage> {
    return firstValueFrom(
      this.http.get<HomeworkPage>(`/api/cases/${caseId}/homework`, { params: queryParams(query) }),
    );
  }

  /** Submitted-and-unreviewed first, then overdue, across the counselor's caseload. */
  inbox(query: PageQuery = {}): Promise<HomeworkPage> {
    return firstValueFrom(
      this.http.get<HomeworkPage>('/api/homework/inbox', { params: queryParams(query) }),
    );
  }

  feedback(id: string, request: FeedbackRequest): Promise<HomeworkDetail> {
    return firstValueFrom(this.http.post<HomeworkDetail>(`/api/homework/${id}/feedback`, request));
  }

  markReviewed(id: string): Promise<HomeworkDetail> {
    return firstValueFrom(this.http.post<HomeworkDetail>(`/api/homework/${id}/review`, {}));
  }

  /** Back to the client to revise. */
  reopen(id: string): Promise<HomeworkDetail> {
    return firstValueFrom(this.http.post<HomeworkDetail>(`/api/homework/${id}/reopen`, {}));
  }

  share(id: string, shared: boolean): Promise<HomeworkDetail> {
    return firstValueFrom(
      this.http.post<HomeworkDetail>(`/api/homework/${id}/${shared ? 'share' : 'unshare'}`, {}),
    );
  }

  caseProgress(caseId: string): Promise<ProgressView> {
    return firstValueFrom(this.http.get<ProgressView>(`/api/cases/${caseId}/progress`));
  }
}
