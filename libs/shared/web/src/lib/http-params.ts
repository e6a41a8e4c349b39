import { HttpParams } from '@angular/common/http';

/** Query parameters from an object, leaving out empty values (undefined, null, '', false). */
export function queryParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params = params.set(key, String(value));
  }
  return params;
}
