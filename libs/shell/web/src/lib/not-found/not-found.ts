import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'mend-not-found',
  imports: [MatButtonModule, RouterLink],
  template: `
    <section class="not-found">
      <h1>This page does not exist</h1>
      <p>It may have moved, or you may not have access to it.</p>
      <a mat-flat-button routerLink="/">Go to your home page</a>
    </section>
  `,
  styles: `
    .not-found {
      padding: 64px 24px;
      text-align: center;
    }
    h1 {
      font: var(--mat-sys-headline-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFound {}
