import { Injectable, type Provider } from '@angular/core';
import {
  DateAdapter,
  MAT_DATE_FORMATS,
  MAT_NATIVE_DATE_FORMATS,
  NativeDateAdapter,
} from '@angular/material/core';
import { fromIsoDate } from './answers';

/**
 * The native adapter, except that a typed `YYYY-MM-DD` is that calendar day where the person is
 * (the browser would read it as midnight UTC: the day before, west of Greenwich).
 */
@Injectable()
export class LocalDateAdapter extends NativeDateAdapter {
  override parse(value: unknown, parseFormat?: unknown): Date | null {
    const local = typeof value === 'string' ? fromIsoDate(value.trim()) : null;
    return local ?? super.parse(value, parseFormat);
  }
}

export function provideLocalDateAdapter(): Provider[] {
  return [
    { provide: DateAdapter, useClass: LocalDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: MAT_NATIVE_DATE_FORMATS },
  ];
}
