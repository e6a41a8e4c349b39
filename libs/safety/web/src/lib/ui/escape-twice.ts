/** How close together two presses of Escape must be to leave the page. */
export const ESCAPE_TWICE_MS = 1500;

/**
 * Counts presses of Escape: `press(now)` answers true on the second press within
 * `ESCAPE_TWICE_MS` of the first (then starts over), so a single Escape (closing a menu) never
 * leaves the page.
 */
export class EscapeTwice {
  private last: number | null = null;

  constructor(private readonly windowMs = ESCAPE_TWICE_MS) {}

  press(now: number): boolean {
    if (this.last !== null && now - this.last <= this.windowMs) {
      this.last = null;
      return true;
    }
    this.last = now;
    return false;
  }
}
