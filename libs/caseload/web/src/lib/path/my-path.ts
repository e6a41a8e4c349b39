import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import type { MyPathView } from '@mend/shared/contracts';
import { clientPathText } from '../ui/stage-text';

/**
 * A client's "Your path" card: the nine stages with where they are now, what this stage is
 * about and what comes next, in plain words. Deliberately no timer, countdown, percentage or
 * time spent in a stage: trust grows back at its own pace.
 */
@Component({
  selector: 'mend-my-path',
  imports: [MatCardModule, MatIconModule],
  template: `
    @let p = text();
    <mat-card appearance="outlined" class="path" data-testid="my-path">
      <mat-card-header>
        <mat-icon matCardAvatar aria-hidden="true">route</mat-icon>
        <mat-card-title>Your path</mat-card-title>
        @if (showTitle()) {
          <mat-card-subtitle>{{ path().caseTitle }}</mat-card-subtitle>
        }
      </mat-card-header>
      <mat-card-content>
        <section class="now" data-testid="my-path-now">
          <h2>Where you are now</h2>
          <p class="stage-name">{{ p.now.name }}</p>
          <p>{{ p.now.about }}</p>
        </section>
        <section class="next" data-testid="my-path-next">
          <h2>What comes next</h2>
          @if (p.next; as next) {
            <p class="stage-name">{{ next.name }}</p>
            <p>{{ next.about }}</p>
          } @else {
            <p>{{ p.lastWords }}</p>
          }
        </section>
        <h2 id="my-path-steps-{{ path().caseId }}">The path of repair</h2>
        <ol class="steps" [attr.aria-labelledby]="'my-path-steps-' + path().caseId">
          @for (step of p.steps; track step.stage) {
            <li [class.current]="step.current" [attr.aria-current]="step.current ? 'step' : null">
              <span class="dot" aria-hidden="true"></span>
              <span class="name">{{ step.name }}</span>
              @if (step.current) {
                <span class="here">You are here</span>
              }
            </li>
          }
        </ol>
        <p class="gentle">
          <mat-icon aria-hidden="true">spa</mat-icon>
          <span>{{ p.gentle }}</span>
        </p>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './my-path.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyPath {
  readonly path = input.required<MyPathView>();
  /** Name the case, for a client in more than one. */
  readonly showTitle = input(false);

  protected readonly text = computed(() => clientPathText(this.path().stage));
}
