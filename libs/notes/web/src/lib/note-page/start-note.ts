import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatRadioModule } from '@angular/material/radio';
import {
  NOTE_FORMAT_LABELS,
  NOTE_FORMATS,
  NOTE_SECTIONS,
  type NoteFormat,
} from '@mend/shared/contracts';

/** What each format is good for, under its name. */
const FORMAT_USE: Record<NoteFormat, string> = {
  soap: 'What the members said apart from what you observed.',
  dap: 'A shorter note: what happened, your reading of it, the plan.',
  birp: 'Centred on your interventions and how the members responded.',
};

/** A session without a note: choose the format (changeable while drafting) and start. */
@Component({
  selector: 'mend-start-note',
  imports: [MatButtonModule, MatCardModule, MatIconModule, MatRadioModule],
  template: `
    <mat-card appearance="outlined" data-testid="start-note">
      <mat-card-header>
        <mat-icon matCardAvatar aria-hidden="true">edit_note</mat-icon>
        <mat-card-title>Write the note</mat-card-title>
        <mat-card-subtitle
          >Choose a format. You can switch while the note is a draft; no text is
          lost.</mat-card-subtitle
        >
      </mat-card-header>
      <mat-card-content>
        <mat-radio-group
          class="formats"
          [value]="format()"
          (change)="format.set($event.value)"
          aria-label="Note format"
        >
          @for (f of formats; track f) {
            <div class="format" [class.chosen]="format() === f">
              <mat-radio-button
                [value]="f"
                [aria-describedby]="'format-parts-' + f + ' format-use-' + f"
                [attr.data-testid]="'format-' + f"
              >
                <strong>{{ labels[f] }}</strong>
              </mat-radio-button>
              <span class="parts" [id]="'format-parts-' + f">{{ parts(f) }}</span>
              <span class="use" [id]="'format-use-' + f">{{ uses[f] }}</span>
            </div>
          }
        </mat-radio-group>
      </mat-card-content>
      <mat-card-actions>
        <button
          mat-flat-button
          type="button"
          [disabled]="busy()"
          (click)="begin.emit(format())"
          data-testid="start-note-button"
        >
          <mat-icon>edit</mat-icon> Start {{ labels[format()] }} note
        </button>
      </mat-card-actions>
    </mat-card>
  `,
  styles: `
    mat-card {
      background: var(--mat-sys-surface-container-lowest);
    }
    mat-card-header mat-icon[matCardAvatar] {
      display: grid;
      place-items: center;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    mat-card-content {
      padding-top: 16px;
    }
    mat-card-actions {
      padding: 0 16px 16px;
    }
    .formats {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      gap: 12px;
    }
    .format {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 8px 14px 14px 6px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      cursor: pointer;

      &.chosen {
        border-color: var(--mat-sys-primary);
        background: var(--mat-sys-surface-container-low);
      }
    }
    .parts {
      padding-left: 10px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface);
    }
    .use {
      padding-left: 10px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartNote {
  readonly busy = input(false);
  readonly begin = output<NoteFormat>();

  protected readonly formats = NOTE_FORMATS;
  protected readonly labels = NOTE_FORMAT_LABELS;
  protected readonly uses = FORMAT_USE;
  protected readonly format = signal<NoteFormat>('soap');

  protected parts(format: NoteFormat): string {
    return NOTE_SECTIONS[format].map((s) => s.label).join(' · ');
  }
}
