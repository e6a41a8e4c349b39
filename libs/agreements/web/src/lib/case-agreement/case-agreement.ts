import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { CaseDetail } from '@mend/shared/contracts';
import { AgreementWorkspace } from '../workspace/agreement-workspace';

/** The case page's "Agreement" tab (counselors): the case's agreement, as its members see it. */
@Component({
  selector: 'mend-case-agreement',
  imports: [AgreementWorkspace, MatButtonModule, MatCardModule, MatIconModule, RouterLink],
  template: `
    <div class="tab-body">
      @if (detail().type === 'individual') {
        <mat-card appearance="outlined">
          <div class="empty" data-testid="agreement-individual">
            <mat-icon aria-hidden="true">handshake</mat-icon>
            <p>Agreements are made between the members of a couple or family case.</p>
          </div>
        </mat-card>
      } @else {
        <div class="tab-head">
          <p class="muted">
            The members and you write the agreement together; each member signs it, then it is
            locked until a review.
          </p>
          <a mat-button [routerLink]="['/cases', detail().id, 'agreement']"
            ><mat-icon>open_in_full</mat-icon> Open on its own page</a
          >
        </div>
        <mend-agreement-workspace [caseId]="detail().id" />
      }
    </div>
  `,
  styleUrl: './case-agreement.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseAgreement {
  /** The case, as the case page loaded it. */
  readonly detail = input.required<CaseDetail>();
}
