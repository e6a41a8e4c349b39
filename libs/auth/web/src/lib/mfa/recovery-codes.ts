import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { AuthStore } from '@mend/auth/data-access';
import { saveFile } from '@mend/shared/web';
import { recoveryCodesFile } from './mfa-text';

/**
 * New recovery codes, shown this once (the server keeps only their hashes): copy or download
 * them, and say they are saved before going on.
 */
@Component({
  selector: 'mend-recovery-codes',
  imports: [MatButtonModule, MatCheckboxModule, MatIconModule],
  template: `
    <p class="lead">
      If you lose your phone or passkey, each of these codes signs you in once. Save them now
      somewhere private, such as a password manager or a printed page at home:
      <strong>Mend shows them only this once.</strong>
    </p>
    <ol class="codes" data-testid="recovery-codes">
      @for (code of codes(); track code) {
        <li>
          <code data-testid="recovery-code">{{ code }}</code>
        </li>
      }
    </ol>
    <div class="tools">
      <button mat-stroked-button type="button" (click)="copy()" data-testid="recovery-copy">
        <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon>
        {{ copied() ? 'Copied' : 'Copy' }}
      </button>
      <button mat-stroked-button type="button" (click)="download()" data-testid="recovery-download">
        <mat-icon>download</mat-icon> Download
      </button>
    </div>
    @if (copyFailed()) {
      <p class="error" role="alert">Copying is not allowed here. Download them instead.</p>
    }
    <mat-checkbox
      [checked]="saved()"
      (change)="saved.set($event.checked)"
      data-testid="recovery-saved"
      >I have saved these codes somewhere safe</mat-checkbox
    >
    <button
      mat-flat-button
      type="button"
      class="done"
      [disabled]="!saved()"
      (click)="done.emit()"
      data-testid="recovery-done"
    >
      {{ doneLabel() }}
    </button>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .lead {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);

      strong {
        color: var(--mat-sys-on-surface);
        font-weight: 500;
      }
    }
    .codes {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 8px 24px;
      margin: 0;
      padding: 16px 16px 16px 40px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
      font-variant-numeric: tabular-nums;

      li::marker {
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-body-small);
      }
      code {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 1rem;
        letter-spacing: 0.04em;
        white-space: nowrap;
      }
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .error {
      margin: 0;
      color: var(--mat-sys-error);
    }
    .done {
      align-self: flex-start;
      min-width: 160px;
      height: 44px;
    }
    /* A code is never broken over two lines: on a phone they stand in one column. */
    @media (max-width: 480px) {
      .codes {
        grid-template-columns: minmax(0, 1fr);
        row-gap: 4px;
        padding: 12px 12px 12px 44px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecoveryCodesPanel {
  private readonly me = inject(AuthStore).me;

  readonly codes = input.required<readonly string[]>();
  /** The label of the button that goes on once they are saved. */
  readonly doneLabel = input('Continue');
  readonly done = output<void>();

  protected readonly saved = signal(false);
  protected readonly copied = signal(false);
  protected readonly copyFailed = signal(false);
  private readonly text = computed(() => recoveryCodesFile(this.codes(), this.me()));

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text());
      this.copied.set(true);
      this.copyFailed.set(false);
    } catch {
      this.copyFailed.set(true);
    }
  }

  protected download(): void {
    saveFile(new Blob([this.text()], { type: 'text/plain' }), 'mend-recovery-codes.txt');
  }
}
