import { inject } from '@angular/core';
import { NotificationsApi } from '../data-access/notifications-api';
import { browserTimeZone } from './time-zones';

/**
 * Once per sign-in (the signed-in frame calls it, in an injection context): while the person
 * has never chosen a time zone, take the browser's, so quiet hours and "due tomorrow" mean their
 * own night and tomorrow. A zone chosen on the preferences page is never overwritten. Resolves
 * to whether it saved one; failures stay quiet (the next sign-in tries again).
 */
export function adoptBrowserTimeZone(zone = browserTimeZone()): Promise<boolean> {
  const api = inject(NotificationsApi);
  return (async () => {
    if (!zone) return false;
    try {
      const { timeZoneSet, ...current } = await api.preferences();
      if (timeZoneSet) return false;
      await api.savePreferences({ ...current, timeZone: zone });
      return true;
    } catch {
      return false;
    }
  })();
}
