import { NgComponentOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
  type Type,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { CrisisText } from '@mend/shared/contracts';
import { confirmAction, errorMessage } from '@mend/shared/web';
import { SafetyApi } from '../data-access/safety-api';
import { CrisisCallout } from '../ui/crisis-callout';

export const CRISIS_TEXT_MAX = 2000;

/**
 * The `data` of the crisis-text page's route: the clinic settings other features add below it
 * (messages), each loaded with the page. Safety knows nothing of those features.
 */
export interface CrisisTextRouteData {
  sections?: (() => Promise<Type<unknown>>)[];
}

/**
 * Admin page: the clinic's crisis text, which a client sees as soon as they pick an answer that
 * needs care. Mend's default until the clinic writes its own; "Reset to default" goes back.
 */
@Component({
  selector: 'mend-crisis-text-page',
  imports: [
    NgComponentOutlet,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    CrisisCallout,
  ],
  template: `
    <a class="back-link" routerLink="/"><mat-icon>arrow_back</mat-icon> Home</a>
    <header class="page-head">
      <div>
        <h1>Crisis text</h1>
        <p>
          What a client reads as soon as they pick an answer that may mean they are not safe, in a
          check-in or an exercise. Point to help that is there around the clock.
        </p>
      </div>
    </header>

    @if (loadError(); as message) {
      <p class="notice" role="alert">
        <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
        <button mat-button type="button" (click)="load()">Try again</button>
      </p>
    }
    @if (current(); as c) {
      <div class="page">
        <mat-card appearance="outlined">
          <mat-card-content>
            <p class="state" data-testid="crisis-text-state">
              @if (c.isDefault) {
                <span class="chip">Mend’s default</span> Your clinic has not written its own text.
              } @else {
                <span class="chip ok">Your clinic’s text</span>
              }
            </p>
            <form (submit)="$event.preventDefault(); save()" novalidate>
              <mat-form-field appearance="outline" class="text">
                <mat-label>Crisis text</mat-label>
                <textarea
                  matInput
                  rows="7"
                  [maxLength]="max"
                  [value]="text()"
                  (input)="type($event)"
                  data-testid="crisis-text-input"
                ></textarea>
                <mat-hint align="end">{{ text().length }} / {{ max }}</mat-hint>
              </mat-form-field>
              @if (error(); as message) {
                <p class="error" role="alert">{{ message }}</p>
              }
              <div class="actions">
                <button
                  mat-button
                  type="button"
                  (click)="reset()"
                  [disabled]="busy() || c.isDefault"
                  data-testid="crisis-text-reset"
                >
                  <mat-icon>restart_alt</mat-icon> Reset to default
                </button>
                <button
                  mat-flat-button
                  type="submit"
                  [disabled]="busy() || !changed()"
                  data-testid="crisis-text-save"
                >
                  Save
                </button>
              </div>
            </form>
          </mat-card-content>
        </mat-card>

        <section aria-labelledby="crisis-preview-title">
          <h2 id="crisis-preview-title">How a client sees it</h2>
          <mend-crisis-callout [text]="text().trim() || c.text" />
        </section>
        @for (section of sections(); track $index) {
          <ng-container *ngComponentOutlet="section" />
        }
      </div>
    } @else if (!loadError()) {
      <mat-progress-bar mode="indeterminate" />
    }
  `,
  styleUrl: './crisis-text-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CrisisTextPage implements OnInit {
  private readonly api = inject(SafetyApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly route = inject(ActivatedRoute);

  protected readonly max = CRISIS_TEXT_MAX;
  protected readonly current = signal<CrisisText | null>(null);
  protected readonly text = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly changed = computed(() => {
    const text = this.text().trim();
    return !!text && text !== this.current()?.text;
  });

  /** Other features' clinic settings, shown below the crisis text. */
  protected readonly sections = signal<Type<unknown>[]>([]);

  ngOnInit(): void {
    void this.load();
    void this.loadSections();
  }

  private async loadSections(): Promise<void> {
    const data: CrisisTextRouteData = this.route.snapshot.data;
    this.sections.set(await Promise.all((data.sections ?? []).map((load) => load())));
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.apply(await this.api.crisisText());
    } catch (error) {
      this.loadError.set(errorMessage(error));
    }
  }

  protected type(event: Event): void {
    this.text.set((event.target as HTMLTextAreaElement).value);
    this.error.set(null);
  }

  protected async save(): Promise<void> {
    const text = this.text().trim();
    if (!text) {
      this.error.set('Write the text, or use “Reset to default” for Mend’s.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.apply(await this.api.setCrisisText(text));
      this.snackBar.open('Crisis text saved. Clients see it from now on.', 'OK', {
        duration: 5000,
      });
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected reset(): void {
    confirmAction(this.dialog, {
      title: 'Go back to Mend’s default text?',
      message:
        'Your clinic’s own text is replaced by Mend’s default, which points to emergency numbers.',
      confirm: 'Reset to default',
      action: () => this.api.setCrisisText(''),
    }).subscribe((saved) => {
      if (!saved) return;
      this.apply(saved);
      this.snackBar.open('Back to Mend’s default text.', 'OK', { duration: 4000 });
    });
  }

  private apply(crisis: CrisisText): void {
    this.current.set(crisis);
    this.text.set(crisis.text);
  }
}
