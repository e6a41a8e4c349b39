import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  JOINT_WORK_CLOSED,
  type AgreementSummary,
  type AgreementView,
  type SaveAgreementRequest,
  type SignAgreementRequest,
} from '@mend/shared/contracts';
import { conflictMessage, downloadFile } from '@mend/shared/web';
import { firstValueFrom } from 'rxjs';

/**
 * Where a version's document is. `timeZone` (the browser's) makes the document's times read as
 * on screen.
 */
export function agreementPdfUrl(agreementId: string, timeZone?: string): string {
  const url = `/api/agreements/${encodeURIComponent(agreementId)}/pdf`;
  return timeZone ? `${url}?tz=${encodeURIComponent(timeZone)}` : url;
}

/** The server refused a joint action because the case's joint work is closed (409). */
export function isJointWorkClosed(error: unknown): boolean {
  return conflictMessage(error, JOINT_WORK_CLOSED) !== null;
}

/**
 * A case's relationship agreement as the signed-in member or counselor may see it. The server
 * scopes every answer (404 for a case out of reach, 403 for admins) and refuses every change with
 * 409 `joint_work_closed` while the case's joint work is closed. Agreement text only travels to
 * and from the server: nothing here keeps it in the browser's storage.
 */
@Injectable({ providedIn: 'root' })
export class AgreementsApi {
  private readonly http = inject(HttpClient);

  /**
   * Saves a version's PDF. Through HttpClient, not a plain link: exporting asks for the second
   * factor again when it was given long ago (the interceptor's dialog).
   */
  downloadPdf(agreementId: string, fileName: string): Promise<void> {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return downloadFile(this.http, agreementPdfUrl(agreementId, timeZone), fileName);
  }

  /** Every version, newest first. */
  list(caseId: string): Promise<AgreementSummary[]> {
    return firstValueFrom(this.http.get<AgreementSummary[]>(`/api/cases/${caseId}/agreements`));
  }

  /** Starts the case's first agreement (409 once one exists). */
  start(caseId: string): Promise<AgreementView> {
    return firstValueFrom(this.http.post<AgreementView>(`/api/cases/${caseId}/agreements`, {}));
  }

  get(id: string): Promise<AgreementView> {
    return firstValueFrom(this.http.get<AgreementView>(`/api/agreements/${id}`));
  }

  /** Saves the draft over the version read (409 when stale or signed). */
  save(id: string, request: SaveAgreementRequest): Promise<AgreementView> {
    return firstValueFrom(this.http.put<AgreementView>(`/api/agreements/${id}`, request));
  }

  sign(id: string, request: SignAgreementRequest): Promise<AgreementView> {
    return firstValueFrom(this.http.post<AgreementView>(`/api/agreements/${id}/sign`, request));
  }

  /** Starts the next version from the latest signed one (or answers the draft already started). */
  review(id: string): Promise<AgreementView> {
    return firstValueFrom(this.http.post<AgreementView>(`/api/agreements/${id}/review`, {}));
  }
}
