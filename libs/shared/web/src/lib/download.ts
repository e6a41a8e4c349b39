import { HttpClient } from '@angular/common/http';
import { firstValueFrom } from 'rxjs';

/** Hands the browser a file to save, as a link with `download` would. */
export function saveFile(
  blob: Blob,
  fileName: string,
  document: Document = globalThis.document,
): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started by now; the page keeps no copy of the file.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Downloads a file from the API through HttpClient rather than a plain link, so the request gets
 * what every API call gets: the CSRF header, the step-up dialog when the file is sensitive (a
 * note's PDF), and a readable error instead of a page of JSON saved as a file.
 */
export async function downloadFile(http: HttpClient, url: string, fileName: string): Promise<void> {
  const blob = await firstValueFrom(http.get(url, { responseType: 'blob' }));
  saveFile(blob, fileName);
}
