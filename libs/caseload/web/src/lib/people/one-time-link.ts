import { TextFieldModule } from '@angular/cdk/text-field';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';

/** Why the admin sees an invitation's link at all: Mend had no way to mail it. */
export const NO_MAIL_SERVER =
  'No mail server is configured, so Mend sent no email. Give them this link yourself.';

/**
 * A one-time link (invitation or password reset) for the admin to hand over, with a copy button
 * and what to know about it. Mend keeps only its hash, so this is the one time it can be seen.
 */
@Component({
  selector: 'mend-one-time-link-panel',
  imports: [
    DatePipe,
    TextFieldModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    @if (notice(); as text) {
      <p class="info">
        <mat-icon aria-hidden="true">info</mat-icon><span>{{ text }}</span>
      </p>
    }
    <div class="link-row">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>One-time link</mat-label>
        <textarea
          #field
          matInput
          readonly
          cdkTextareaAutosize
          cdkAutosizeMinRows="2"
          cdkAutosizeMaxRows="5"
          [value]="link()"
          (focus)="field.select()"
          data-testid="one-time-link"
        ></textarea>
      </mat-form-field>
      <button
        mat-flat-button
        type="button"
        (click)="copy(field)"
        class="copy"
        data-testid="copy-link"
      >
        <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon>
        {{ copied() ? 'Copied' : 'Copy link' }}
      </button>
    </div>
    @if (copyFailed()) {
      <p class="error" role="alert">
        Copying is not allowed here: the link is selected, copy it yourself.
      </p>
    }
    <ul class="facts">
      <li>
        <mat-icon aria-hidden="true">schedule</mat-icon>
        <span>Works once, until {{ expiresAt() | date: 'EEEE d MMMM, HH:mm' }}.</span>
      </li>
      <li>
        <mat-icon aria-hidden="true">lock</mat-icon>
        <span
          >Whoever opens it can set the password: give it in person or where only they read
          it.</span
        >
      </li>
      @if (replacesEarlier()) {
        <li>
          <mat-icon aria-hidden="true">link_off</mat-icon>
          <span>Links sent to them before no longer work.</span>
        </li>
      }
      <li>
        <mat-icon aria-hidden="true">visibility_off</mat-icon>
        <span>Mend shows it only now. Make a new one if it gets lost.</span>
      </li>
    </ul>
  `,
  styleUrl: './one-time-link.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OneTimeLinkPanel {
  readonly link = input.required<string>();
  readonly expiresAt = input.required<string>();
  /** Whether making this link stopped the person's earlier ones. */
  readonly replacesEarlier = input(false);
  /** Why the admin hands the link over themselves, shown above it. */
  readonly notice = input<string>();

  protected readonly copied = signal(false);
  protected readonly copyFailed = signal(false);

  protected async copy(field: HTMLTextAreaElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.link());
      this.copied.set(true);
      this.copyFailed.set(false);
    } catch {
      // Without the clipboard (plain http), the selected text is one Ctrl+C away.
      field.focus();
      field.select();
      this.copyFailed.set(true);
    }
  }
}

export interface OneTimeLinkData {
  title: string;
  notice?: string;
  link: string;
  expiresAt: string;
  replacesEarlier: boolean;
}

/** Dialog: a one-time link to hand over, made from the People page's row menu. */
@Component({
  selector: 'mend-one-time-link',
  imports: [MatButtonModule, MatDialogModule, OneTimeLinkPanel],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content class="fields">
      <mend-one-time-link-panel
        [link]="data.link"
        [expiresAt]="data.expiresAt"
        [replacesEarlier]="data.replacesEarlier"
        [notice]="data.notice"
      />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Done</button>
    </mat-dialog-actions>
  `,
  styleUrl: './people-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OneTimeLinkDialog {
  protected readonly data = inject<OneTimeLinkData>(MAT_DIALOG_DATA);
}
