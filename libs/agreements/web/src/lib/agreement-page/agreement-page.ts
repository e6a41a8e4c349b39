import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import { CasesApi } from '@mend/caseload/web';
import { AgreementWorkspace } from '../workspace/agreement-workspace';

/**
 * The agreement page: `/cases/:caseId/agreement` for the case's counselors and
 * `/my-case/:caseId/agreement` for its members, around the same workspace as the case tab.
 */
@Component({
  selector: 'mend-agreement-page',
  imports: [AgreementWorkspace, MatIconModule, RouterLink],
  template: `
    <a class="back-link" [routerLink]="back()" data-testid="agreement-back"
      ><mat-icon aria-hidden="true">arrow_back</mat-icon>
      {{ isClient() ? 'Your case' : (caseTitle() ?? 'The case') }}</a
    >
    <header class="page-head">
      <div>
        <h1>{{ isClient() ? 'Your agreement' : 'Relationship agreement' }}</h1>
        <p>
          {{ caseTitle() ? caseTitle() + ' · ' : '' }}What you commit to together, signed by each of
          you
        </p>
      </div>
    </header>
    <mend-agreement-workspace [caseId]="caseId()" />
  `,
  styleUrl: './agreement-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgreementPage {
  private readonly cases = inject(CasesApi);
  private readonly auth = inject(AuthStore);

  /** From the route. */
  readonly caseId = input.required<string>();

  protected readonly caseTitle = signal<string | null>(null);
  protected readonly isClient = computed(() => this.auth.role() === 'client');
  protected readonly back = computed(() =>
    this.isClient() ? ['/my-case'] : ['/cases', this.caseId()],
  );

  constructor() {
    effect(() => {
      const caseId = this.caseId();
      untracked(() => void this.loadTitle(caseId));
    });
  }

  /** The title is a courtesy: the workspace reports a case out of reach itself. */
  private async loadTitle(caseId: string): Promise<void> {
    try {
      this.caseTitle.set((await this.cases.get(caseId)).title);
    } catch {
      this.caseTitle.set(null);
    }
  }
}
