import type { Type } from '@angular/core';
import type { Role } from '@mend/shared/contracts';

/**
 * A tab another feature adds to the case page (homework, progress, sessions). The case page
 * knows nothing of those features: the app lists the tabs in the case route's `data`
 * (`CaseRouteData`), and each tab's component is loaded only when a permitted user opens the
 * page. The component receives the case as its `detail` input.
 */
export interface CaseTab {
  label: string;
  /** Who sees the tab; the API refuses everyone else anyway. */
  roles: Role[];
  /** `data-testid` of the tab's label. */
  testId: string;
  load: () => Promise<Type<unknown>>;
}

/** The `data` of the case page's route. */
export interface CaseRouteData {
  caseTabs?: CaseTab[];
}
