import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { AuthStore } from '@mend/auth/data-access';
import { CASE_TYPE_LABELS, type CaseSummary } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { counselorRoleText, initials } from '../ui/case-text';

/** Client page: their case, their counselors and who else is in it; names only. */
@Component({
  selector: 'mend-my-case',
  imports: [DatePipe, MatCardModule, MatIconModule, MatProgressBarModule],
  templateUrl: './my-case.html',
  styleUrl: './my-case.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyCase implements OnInit {
  private readonly api = inject(CasesApi);
  private readonly auth = inject(AuthStore);

  protected readonly typeLabels = CASE_TYPE_LABELS;
  protected readonly initials = initials;
  protected readonly counselorRoleText = counselorRoleText;
  protected readonly cases = signal<CaseSummary[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly open = computed(() => (this.cases() ?? []).filter((c) => c.status === 'open'));
  protected readonly closed = computed(() =>
    (this.cases() ?? []).filter((c) => c.status === 'closed'),
  );

  ngOnInit(): void {
    void this.load();
  }

  protected others(summary: CaseSummary): string[] {
    const me = this.auth.me()?.id;
    return summary.members.filter((m) => m.userId !== me).map((m) => m.displayName);
  }

  private async load(): Promise<void> {
    try {
      this.cases.set((await this.api.list({ status: 'all', pageSize: 20 })).items);
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
