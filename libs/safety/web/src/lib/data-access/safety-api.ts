import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { queryParams } from '@mend/shared/web';
import { firstValueFrom } from 'rxjs';
import type {
  AlertView,
  CaseSafetyView,
  CrisisText,
  MyJointWork,
  MySafetyCheck,
  RecordInterviewRequest,
  SafetyCheckSummary,
  SafetyCheckView,
  SafetyCounts,
  SaveSafetyCheckRequest,
} from '@mend/shared/contracts';

/** What the server answers to a saved draft of a safety check-in. */
export interface SafetyDraftSaved {
  version: number;
  savedAt: string;
}

export interface AlertQuery {
  /** Open (unacknowledged) alerts only; false for the acknowledged ones. */
  open?: boolean;
  caseId?: string;
}

/**
 * Clinical safety as the signed-in user may see it. The server scopes every answer: a client
 * reaches only their own check-ins and what they are told about joint work (never why); the
 * case's counselors reach its safety page, check-ins and alerts; an admin only counts and the
 * clinic's crisis text.
 */
@Injectable({ providedIn: 'root' })
export class SafetyApi {
  private readonly http = inject(HttpClient);

  // Client

  myChecks(): Promise<SafetyCheckSummary[]> {
    return firstValueFrom(this.http.get<SafetyCheckSummary[]>('/api/my/safety-checks'));
  }

  myCheck(id: string): Promise<MySafetyCheck> {
    return firstValueFrom(this.http.get<MySafetyCheck>(`/api/safety-checks/${id}`));
  }

  /** 409 when the check-in changed since `request.version` was read, or was submitted. */
  saveDraft(id: string, request: SaveSafetyCheckRequest): Promise<SafetyDraftSaved> {
    return firstValueFrom(
      this.http.put<SafetyDraftSaved>(`/api/safety-checks/${id}/draft`, request),
    );
  }

  /** 400 names each missing answer. */
  submit(id: string, request: SaveSafetyCheckRequest): Promise<MySafetyCheck> {
    return firstValueFrom(
      this.http.post<MySafetyCheck>(`/api/safety-checks/${id}/submit`, request),
    );
  }

  myJointWork(): Promise<MyJointWork[]> {
    return firstValueFrom(this.http.get<MyJointWork[]>('/api/my/joint-work'));
  }

  // Everyone in the clinic

  crisisText(): Promise<CrisisText> {
    return firstValueFrom(this.http.get<CrisisText>('/api/clinic/crisis-text'));
  }

  // Counselor

  caseSafety(caseId: string): Promise<CaseSafetyView> {
    return firstValueFrom(this.http.get<CaseSafetyView>(`/api/cases/${caseId}/safety`));
  }

  /** Every read is audited on the server. */
  checkAnswers(caseId: string, checkId: string): Promise<SafetyCheckView> {
    return firstValueFrom(
      this.http.get<SafetyCheckView>(`/api/cases/${caseId}/safety-checks/${checkId}`),
    );
  }

  /** Asks a member for a new check-in now. */
  askAgain(caseId: string, clientId: string): Promise<CaseSafetyView> {
    return firstValueFrom(
      this.http.post<CaseSafetyView>(`/api/cases/${caseId}/safety-checks`, { clientId }),
    );
  }

  recordInterview(caseId: string, request: RecordInterviewRequest): Promise<CaseSafetyView> {
    return firstValueFrom(
      this.http.post<CaseSafetyView>(`/api/cases/${caseId}/safety-interviews`, request),
    );
  }

  closeJointWork(caseId: string, reason: string): Promise<CaseSafetyView> {
    return firstValueFrom(
      this.http.post<CaseSafetyView>(`/api/cases/${caseId}/joint-work/close`, { reason }),
    );
  }

  setRecheckWeeks(caseId: string, recheckWeeks: number): Promise<CaseSafetyView> {
    return firstValueFrom(
      this.http.put<CaseSafetyView>(`/api/cases/${caseId}/safety-settings`, { recheckWeeks }),
    );
  }

  alerts(query: AlertQuery = {}): Promise<AlertView[]> {
    const { open = true, caseId } = query;
    return firstValueFrom(
      this.http.get<AlertView[]>('/api/alerts', {
        // `open=false` is a real filter, so it is sent as a string (queryParams drops false).
        params: queryParams({ open: String(open), caseId }),
      }),
    );
  }

  acknowledge(alertId: string, followUp: string): Promise<AlertView> {
    return firstValueFrom(
      this.http.post<AlertView>(`/api/alerts/${alertId}/acknowledge`, { followUp }),
    );
  }

  // Admin

  counts(): Promise<SafetyCounts> {
    return firstValueFrom(this.http.get<SafetyCounts>('/api/safety/counts'));
  }

  /** Empty text: back to Mend's default. */
  setCrisisText(text: string): Promise<CrisisText> {
    return firstValueFrom(this.http.put<CrisisText>('/api/clinic/crisis-text', { text }));
  }
}
