import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import { CASE_TYPE_LABELS, type CaseSummary, type MyPathView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { MyPath } from '../path/my-path';
import { counselorRoleText, initials } from '../ui/case-text';

/**
 * Client page: their case, their counselors and who else is in it (names only), and where they
 * are on the path of repair.
 */
@Component({
  selector: 'mend-my-case',
  imports: [
    DatePipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    MyPath,
    RouterLink,
  ],
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
  /** Where each open case is on the path; empty until loaded, or if it cannot be read. */
  protected readonly paths = signal<MyPathView[]>([]);
  protected readonly closed = computed(() =>
    (this.cases() ?? []).filter((c) => c.status === 'closed'),
  );

  ngOnInit(): void {
    void this.load();
    void this.loadPaths();
  }

  protected pathOf(caseId: string): MyPathView | undefined {
    return this.paths().find((p) => p.caseId === caseId);
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

  /** The path is a welcome extra on this page: if it cannot be read, the case still shows. */
  private async loadPaths(): Promise<void> {
    try {
      this.paths.set(await this.api.myPath());
    } catch {
      this.paths.set([]);
    }
  }
}
