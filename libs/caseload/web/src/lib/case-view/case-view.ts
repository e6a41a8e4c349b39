import { DatePipe, NgComponentOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  type Type,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule, type MatSelectChange } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import {
  CASE_OUTCOME_LABELS,
  CASE_TYPE_LABELS,
  MEMBER_LABELS,
  MEMBER_LABEL_TEXT,
  STAGE_LABELS,
  type CaseDetail,
  type CaseMemberView,
  type MemberLabel,
} from '@mend/shared/contracts';
import { confirmAction, errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { CasePath } from '../path/case-path';
import { caseStatusText, counselorRoleText, initials } from '../ui/case-text';
import { USER_STATUS_TEXT, USER_STATUS_TONE } from '../ui/people-text';
import { AddMember, type AddMemberData } from './add-member';
import { AssignCounselors } from './assign-counselors';
import type { CaseRouteData, CaseTab } from './case-tabs';
import { CaseHistory } from './case-history';
import { CloseCase } from './close-case';
import { EditCase, type EditCaseResult } from './edit-case';

/** The select's value for "no label" (a null option would render as an empty select). */
export const NO_LABEL = 'none';

/**
 * One case, as the signed-in user may see it. Admins manage members, counselors and the case's
 * life cycle and read its history; the case's counselors set each member's counselor-only label.
 * Further tabs (homework, progress, sessions) join "Overview" from other features through
 * the route's `caseTabs` (`CaseRouteData`), for the roles they name.
 */
@Component({
  selector: 'mend-case-view',
  imports: [
    DatePipe,
    NgComponentOutlet,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTabsModule,
    MatTooltipModule,
    CaseHistory,
    CasePath,
  ],
  templateUrl: './case-view.html',
  styleUrl: './case-view.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseView {
  private readonly api = inject(CasesApi);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** The route's `:id`, bound by the router. */
  readonly id = input.required<string>();
  /** The `?tab=` query parameter: opens the tab of that label (`?tab=safety`). */
  readonly tab = input<string | undefined>(undefined);

  protected readonly typeLabels = CASE_TYPE_LABELS;
  protected readonly outcomeLabels = CASE_OUTCOME_LABELS;
  protected readonly labels = MEMBER_LABELS;
  protected readonly labelText = MEMBER_LABEL_TEXT;
  protected readonly noLabel = NO_LABEL;
  protected readonly statusText = USER_STATUS_TEXT;
  protected readonly statusTone = USER_STATUS_TONE;
  protected readonly initials = initials;
  protected readonly counselorRoleText = counselorRoleText;
  protected readonly caseStatusText = caseStatusText;
  protected readonly stageLabels = STAGE_LABELS;

  protected readonly detail = signal<CaseDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly notFound = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Bumped after every change, so the history shows it. */
  protected readonly changes = signal(0);
  /** The other features' tabs this user may see, with their loaded components. */
  protected readonly extraTabs = signal<{ tab: CaseTab; component: Type<unknown> }[]>([]);

  /** The tab `?tab=` names (Overview is 0), once the other features' tabs are loaded. */
  protected readonly selectedTab = computed(() => {
    const wanted = this.tab()?.toLowerCase();
    const i = wanted
      ? this.extraTabs().findIndex((extra) => extra.tab.label.toLowerCase() === wanted)
      : -1;
    return i + 1;
  });

  protected readonly myId = computed(() => this.auth.me()?.id);
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  /** The path of repair is clinical: the case's counselors (the only counselors who see it). */
  protected readonly isCounselor = computed(() => this.auth.role() === 'counselor');
  protected readonly canEdit = computed(() => this.isAdmin() && this.detail()?.status === 'open');
  /** The server sends labels to the case's counselors only. */
  protected readonly showsLabels = computed(
    () => this.detail()?.members.some((m) => m.label !== undefined) ?? false,
  );
  protected readonly names = computed(() => {
    const d = this.detail();
    return new Map(
      [...(d?.members ?? []), ...(d?.counselors ?? [])].map((p) => [p.userId, p.displayName]),
    );
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    const data: CaseRouteData = inject(ActivatedRoute).snapshot.data;
    void this.loadTabs(data.caseTabs ?? []);
  }

  protected reload(): void {
    void this.load(this.id());
  }

  /** Keeps `?tab=` in step with the open tab, so a link to a tab (`?tab=safety`) always opens it. */
  protected tabChanged(index: number): void {
    const label = index > 0 ? this.extraTabs()[index - 1]?.tab.label.toLowerCase() : undefined;
    if (label === this.tab()?.toLowerCase()) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { tab: label ?? null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected editDetails(detail: CaseDetail): void {
    this.dialog
      .open<EditCase, CaseDetail, EditCaseResult>(EditCase, { data: detail })
      .afterClosed()
      .subscribe((result) => {
        if (result === 'reload') this.reload();
        else if (result) this.saved(result, 'Case details saved.');
      });
  }

  protected addMember(detail: CaseDetail): void {
    this.dialog
      .open<AddMember, AddMemberData, CaseDetail>(AddMember, {
        data: {
          caseId: detail.id,
          type: detail.type,
          memberIds: detail.members.map((m) => m.userId),
        },
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((saved) => saved && this.saved(saved, 'Member added.'));
  }

  protected removeMember(detail: CaseDetail, member: CaseMemberView): void {
    confirmAction(this.dialog, {
      title: `Remove ${member.displayName} from this case?`,
      message:
        'They no longer see this case or its counselors. Their account stays as it is, and the ' +
        'change is kept in the case’s history.',
      confirm: 'Remove member',
      tone: 'danger',
      action: () => this.api.removeMember(detail.id, member.userId),
    }).subscribe((saved) => saved && this.saved(saved, `${member.displayName} was removed.`));
  }

  protected assignCounselors(detail: CaseDetail): void {
    this.dialog
      .open<AssignCounselors, CaseDetail, CaseDetail>(AssignCounselors, { data: detail })
      .afterClosed()
      .subscribe((saved) => saved && this.saved(saved, 'Counselors saved.'));
  }

  protected closeCase(detail: CaseDetail): void {
    this.dialog
      .open<CloseCase, CaseDetail, CaseDetail>(CloseCase, { data: detail })
      .afterClosed()
      .subscribe((saved) => saved && this.saved(saved, 'The case is closed.'));
  }

  protected reopen(detail: CaseDetail): void {
    confirmAction(this.dialog, {
      title: 'Reopen this case?',
      message:
        'Its members and counselors can work in it again. The earlier outcome is kept in the ' +
        'case’s history.',
      confirm: 'Reopen case',
      action: () => this.api.reopen(detail.id),
    }).subscribe((saved) => saved && this.saved(saved, 'The case is open again.'));
  }

  /** A move on the path changed the case (its stage and version): read it again. */
  protected pathMoved(): void {
    this.reload();
  }

  protected async setLabel(member: CaseMemberView, change: MatSelectChange): Promise<void> {
    const detail = this.detail();
    if (!detail) return;
    const label = change.value === NO_LABEL ? null : (change.value as MemberLabel);
    try {
      this.saved(await this.api.setLabel(detail.id, member.userId, label), 'Label saved.');
    } catch (error) {
      change.source.value = member.label ?? NO_LABEL;
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    }
  }

  private saved(detail: CaseDetail, message: string): void {
    this.detail.set(detail);
    this.changes.update((n) => n + 1);
    this.snackBar.open(message, 'OK', { duration: 4000 });
  }

  private async loadTabs(tabs: CaseTab[]): Promise<void> {
    const role = this.auth.role();
    const mine = tabs.filter((tab) => role && tab.roles.includes(role));
    try {
      const components = await Promise.all(mine.map((tab) => tab.load()));
      this.extraTabs.set(mine.map((tab, i) => ({ tab, component: components[i] })));
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    }
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.detail.set(await this.api.get(id));
      this.notFound.set(false);
      this.changes.update((n) => n + 1);
    } catch (error) {
      if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400)) {
        this.notFound.set(true);
      } else {
        this.error.set(errorMessage(error));
      }
    } finally {
      this.loading.set(false);
    }
  }
}
