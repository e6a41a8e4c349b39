import { InjectionToken } from '@angular/core';
import { browserTimeZone } from './appointment-time';

/** The zone appointments are shown in: the browser's (tests give their own). */
export const VIEWER_TIME_ZONE = new InjectionToken<string>('viewer time zone', {
  providedIn: 'root',
  factory: browserTimeZone,
});
