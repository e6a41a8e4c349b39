import { ChangeDetectionStrategy, Component, ViewEncapsulation } from '@angular/core';

/**
 * The note page's print stylesheet. The app's frame (top bar, navigation) lives outside the page,
 * so these rules are global (no encapsulation); every one is inside `@media print` and they exist
 * only while a note page is open.
 */
@Component({
  selector: 'mend-note-print-styles',
  template: '',
  styleUrl: './print-styles.scss',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotePrintStyles {}
