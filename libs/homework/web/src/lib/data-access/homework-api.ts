import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { queryParams } from '@mend/shared/web';
import { firstValueFrom } from 'rxjs';
import type {
  AssignExerciseRequest,
  AssignmentView,
  DraftSaved,
  FeedbackRequest,
  GapFlag,
  HomeworkDetail,
  HomeworkPage,
  ProgressView,
  ReopenHomeworkRequest,
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

  /**
   * 409 when the response changed since `request.version` was read, or (`joint_work_closed`)
   * when together homework is paused.
   */
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

  /**
   * 409 `later_stage` when the exercise belongs to a later stage than the case's (resend with
   * `confirmLaterStage: true`), 409 `joint_work_closed` for together work while it is closed.
   */
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

  /** Withdraws an assignment given by mistake; 409 once a member has written in it. */
  withdrawAssignment(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/assignments/${id}`));
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

  /** Back to the client to revise, saying what to revise (400 names `reason` when empty). */
  reopen(id: string, reason: string): Promise<HomeworkDetail> {
    const body: ReopenHomeworkRequest = { reason };
    return firstValueFrom(this.http.post<HomeworkDetail>(`/api/homework/${id}/reopen`, body));
  }

  share(id: string, shared: boolean): Promise<HomeworkDetail> {
    return firstValueFrom(
      this.http.post<HomeworkDetail>(`/api/homework/${id}/${shared ? 'share' : 'unshare'}`, {}),
    );
  }

  caseProgress(caseId: string): Promise<ProgressView> {
    return firstValueFrom(this.http.get<ProgressView>(`/api/cases/${caseId}/progress`));
  }

  /** How many points apart partners' latest readings flag the case. */
  setGapThreshold(caseId: string, gapThreshold: number): Promise<ProgressView> {
    return firstValueFrom(
      this.http.put<ProgressView>(`/api/cases/${caseId}/progress-settings`, { gapThreshold }),
    );
  }

  /** Partners far apart or a safety reading dropping, across the counselor's open cases. */
  progressFlags(): Promise<GapFlag[]> {
    return firstValueFrom(this.http.get<GapFlag[]>('/api/progress/flags'));
  }
}
