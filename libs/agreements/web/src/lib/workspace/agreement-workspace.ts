import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { TextFieldModule } from '@angular/cdk/text-field';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import { joinNames } from '@mend/caseload/web';
import type { AgreementCategory, AgreementSummary, AgreementView } from '@mend/shared/contracts';
import { errorMessage, fieldErrors, SaveIndicator, type SaveWords } from '@mend/shared/web';
import { SafetyApi } from '@mend/safety/web';
import { AgreementsApi, isJointWorkClosed } from '../data-access/agreements-api';
import { AgreementDraftState, groupByCategory, ITEMS_MAX, TEXT_MAX } from './agreement-draft';
import {
  CLIENT_PAUSED,
  COUNSELOR_PAUSED,
  pausedByFlags,
  versionLabel,
  waitingFor,
} from './agreement-text';

const SAVE_WORDS: SaveWords = {
  saved: 'Saved',
  idle: 'Changes save as you write',
};

/**
 * A case's relationship agreement, for its members and counselors alike: the current version
 * (a draft everyone edits, autosaved; each member's signature; the locked signed version and its
 * review), earlier versions to read, and the PDF. While joint work is closed it stays readable
 * and says so calmly (to a client, never why).
 */
@Component({
  selector: 'mend-agreement-workspace',
  imports: [
    DatePipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    ReactiveFormsModule,
    RouterLink,
    SaveIndicator,
    TextFieldModule,
  ],
  templateUrl: './agreement-workspace.html',
  styleUrl: './agreement-workspace.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgreementWorkspace {
  private readonly api = inject(AgreementsApi);
  private readonly safety = inject(SafetyApi);
  private readonly auth = inject(AuthStore);

  readonly caseId = input.required<string>();

  protected readonly saveWords = SAVE_WORDS;
  protected readonly itemsMax = ITEMS_MAX;
  protected readonly textMax = TEXT_MAX;
  protected readonly versionLabel = versionLabel;
  protected readonly joinNames = joinNames;
  protected readonly me = this.auth.me;
  protected readonly isClient = computed(() => this.auth.role() === 'client');

  /** Every version, newest first (null while loading). */
  protected readonly versions = signal<AgreementSummary[] | null>(null);
  /** The latest version as last read. */
  private readonly latest = signal<AgreementView | null>(null);
  /** The latest version's draft, when the caller may edit it. */
  protected readonly editor = signal<AgreementDraftState | null>(null);
  /** An earlier version being read, or null for the current one. */
  protected readonly older = signal<AgreementView | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly busy = signal(false);
  /** A client is told whether joint exercises are open in their case (null: not known). */
  private readonly jointOpen = signal<boolean | null>(null);
  /** A joint action was refused because joint work is closed. */
  private readonly refusedClosed = signal(false);

  protected readonly typedName = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(200)],
  });

  /** The current version, with what autosave last learnt of it. */
  protected readonly current = computed(() => this.editor()?.view() ?? this.latest());
  /** What the page shows: an earlier version being read, or the current one. */
  protected readonly shown = computed(() => this.older() ?? this.current());
  protected readonly paused = computed(
    () =>
      this.refusedClosed() ||
      !!this.editor()?.closed() ||
      (this.isClient() && this.jointOpen() === false) ||
      pausedByFlags(this.current()),
  );
  protected readonly pausedText = computed(() =>
    this.isClient() ? CLIENT_PAUSED : COUNSELOR_PAUSED,
  );
  protected readonly groups = computed(() => groupByCategory(this.shown()?.items ?? []));
  protected readonly editGroups = computed(() => {
    const editor = this.editor();
    return editor ? groupByCategory(editor.draft().items, true) : [];
  });
  protected readonly isMember = computed(
    () => !!this.current()?.members.some((m) => m.userId === this.me()?.id),
  );
  protected readonly signedByMe = computed(
    () => !!this.current()?.members.find((m) => m.userId === this.me()?.id)?.signed,
  );
  protected readonly waiting = computed(() => {
    const current = this.current();
    return current ? waitingFor(current, this.me()?.id) : [];
  });

  constructor() {
    effect(() => {
      const caseId = this.caseId();
      untracked(() => {
        this.actionError.set(null);
        void this.load(caseId);
      });
    });
    inject(DestroyRef).onDestroy(() => void this.editor()?.destroy());
  }

  protected async start(): Promise<void> {
    await this.act(async () => {
      const started = await this.api.start(this.caseId());
      this.versions.set(await this.api.list(this.caseId()));
      this.openCurrent(started);
    });
  }

  protected add(category: AgreementCategory): void {
    const key = this.editor()?.add(category);
    if (key === null || key === undefined) return;
    setTimeout(() => document.getElementById(`agreement-item-${key}`)?.focus());
  }

  protected async sign(): Promise<void> {
    this.typedName.markAsTouched();
    if (this.typedName.invalid) return;
    const editor = this.editor();
    if (!editor) return;
    await this.act(async () => {
      if (!(await editor.prepareSign())) {
        this.actionError.set(
          'The latest changes are not saved yet, so the agreement cannot be signed. Try again in a moment.',
        );
        return;
      }
      try {
        const signed = await editor.sign(this.typedName.value);
        this.typedName.reset('');
        if (signed.status === 'signed') {
          this.versions.set(await this.api.list(this.caseId()));
          this.openCurrent(signed);
        }
      } catch (error) {
        const typed = fieldErrors(error).find((f) => f.field === 'typedName');
        if (typed) {
          this.typedName.setErrors({ server: typed.reasons[0] });
          return;
        }
        throw error;
      }
    });
  }

  protected async review(): Promise<void> {
    const current = this.current();
    if (!current) return;
    await this.act(async () => {
      const next = await this.api.review(current.id);
      this.versions.set(await this.api.list(this.caseId()));
      this.openCurrent(next);
    });
  }

  protected async keepMine(): Promise<void> {
    const editor = this.editor();
    if (!editor) return;
    await this.act(async () => {
      const latest = await editor.keepMine();
      if (latest.status !== 'draft' || !latest.can.edit) this.openCurrent(latest);
    });
  }

  /** Reads a version; the current one goes back to the editor. */
  protected async open(summary: AgreementSummary): Promise<void> {
    if (summary.id === this.current()?.id) {
      this.older.set(null);
      return;
    }
    await this.act(async () => this.older.set(await this.api.get(summary.id)));
  }

  protected backToCurrent(): void {
    this.older.set(null);
  }

  protected reload(): Promise<void> {
    return this.load(this.caseId());
  }

  protected signatureOf(userId: string) {
    return this.shown()?.signatures.find((s) => s.userId === userId) ?? null;
  }

  protected typedNameError(): string {
    const errors = this.typedName.errors;
    if (!errors) return '';
    if (errors['server']) return errors['server'];
    if (errors['maxlength']) return 'At most 200 characters.';
    return 'Type your name to sign.';
  }

  private async load(caseId: string): Promise<void> {
    this.loadError.set(null);
    this.refusedClosed.set(false);
    this.versions.set(null);
    try {
      const [versions, joint] = await Promise.all([
        this.api.list(caseId),
        this.isClient() ? this.safety.myJointWork().catch(() => null) : Promise.resolve(null),
      ]);
      this.jointOpen.set(joint?.find((j) => j.caseId === caseId)?.open ?? null);
      const latest = versions.length ? await this.api.get(versions[0].id) : null;
      this.versions.set(versions);
      this.openCurrent(latest);
    } catch (error) {
      this.loadError.set(errorMessage(error));
    }
  }

  private openCurrent(view: AgreementView | null): void {
    void this.editor()?.destroy();
    this.latest.set(view);
    this.older.set(null);
    this.editor.set(
      view && view.status === 'draft' && view.can.edit
        ? new AgreementDraftState(this.api, view)
        : null,
    );
  }

  /** The shown version's PDF (through the API client: it may ask for the second factor). */
  protected downloadPdf(): Promise<void> {
    const shown = this.shown();
    if (!shown) return Promise.resolve();
    return this.act(() => this.api.downloadPdf(shown.id, `agreement-${shown.number}.pdf`));
  }

  /** Runs an action; a refusal because joint work closed turns the page to its paused state. */
  private async act(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.actionError.set(null);
    try {
      await work();
    } catch (error) {
      if (isJointWorkClosed(error)) {
        this.refusedClosed.set(true);
        this.jointOpen.set(false);
      } else {
        this.actionError.set(errorMessage(error));
        // A version changed or locked elsewhere: show what is there now.
        if (error instanceof HttpErrorResponse && error.status === 409) void this.reload();
      }
    } finally {
      this.busy.set(false);
    }
  }
}
