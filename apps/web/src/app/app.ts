import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { first } from 'rxjs';

@Component({
  selector: 'mend-root',
  imports: [RouterOutlet],
  template: '<router-outlet />',
  host: { '[class.started]': 'started()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  /**
   * Whether the first page is on screen: index.html's loading state, beside this element, stays
   * until then (through the start, the sign-in check and the page's code), not only until the
   * app itself starts.
   */
  protected readonly started = signal(false);

  constructor() {
    inject(Router)
      .events.pipe(first((event) => event instanceof NavigationEnd))
      .subscribe(() => this.started.set(true));
  }
}
