import { HttpErrorResponse } from '@angular/common/http';
import { computed, signal } from '@angular/core';
import type { FieldError } from '@mend/shared/contracts';
import { errorMessage, fieldErrors } from './api-errors';

/** What the server answers to a saved draft: its new version and when it was saved. */
export interface SavedDraft {
  version: number;
  savedAt: string;
}

/**
 * - `idle`: nothing changed since the draft was loaded
 * - `pending`: changes wait for a pause in typing
 * - `saving`: a save is on its way
 * - `saved`: everything is on the server
 * - `retrying`: the last save failed (offline, server trouble); it is tried again
 * - `invalid`: the server refused the draft (400); the next edit tries again
 * - `conflict`: the draft changed elsewhere since it was read, or was locked (409); saving stops
 * - `failed`: the server will not take it (not found); saving stops
 */
export type SaveState =
  | 'idle'
  | 'pending'
  | 'saving'
  | 'saved'
  | 'retrying'
  | 'invalid'
  | 'conflict'
  | 'failed';

export type SaveFailure = 'conflict' | 'invalid' | 'failed' | 'transient';

/** How a failed save is treated: 409 conflict, 400 invalid, other 4xx final, the rest retried. */
export function classifySaveError(error: unknown): SaveFailure {
  if (!(error instanceof HttpErrorResponse)) return 'transient';
  if (error.status === 409) return 'conflict';
  if (error.status === 400 || error.status === 413) return 'invalid';
  if (error.status === 401 || error.status === 403 || error.status === 404) return 'failed';
  return 'transient';
}

/** 2 s, 4 s, 8 s, … up to 30 s between retries. */
export function retryDelay(attempt: number): number {
  return Math.min(30_000, 2_000 * 2 ** Math.max(0, attempt - 1));
}

export interface AutosaveOptions<T, S extends SavedDraft = SavedDraft> {
  /** Saves `value` over `version`; answers the new version. */
  save: (value: T, version: number) => Promise<S>;
  /** The pause after the last change before saving. */
  delayMs?: number;
  classify?: (error: unknown) => SaveFailure;
  onSaved?: (saved: S) => void;
}

/**
 * Saves a draft to the server a short while after the last change (debounced), one save at a
 * time, retrying when the connection or the server fails and stopping on a conflict. Its state
 * is in signals for the page to show ("Saving…", "Saved 10:42", "Not saved – retrying"). Drafts
 * live only on the server: nothing is written to the browser's storage.
 */
export class Autosave<T, S extends SavedDraft = SavedDraft> {
  private readonly save: AutosaveOptions<T, S>['save'];
  private readonly delayMs: number;
  private readonly classify: (error: unknown) => SaveFailure;
  private readonly onSaved?: (saved: S) => void;

  private readonly stateSignal = signal<SaveState>('idle');
  private readonly savedAtSignal = signal<string | null>(null);
  private readonly messageSignal = signal<string | null>(null);
  private readonly errorsSignal = signal<FieldError[]>([]);

  readonly state = this.stateSignal.asReadonly();
  readonly savedAt = this.savedAtSignal.asReadonly();
  /** Why the last save failed, in words. */
  readonly message = this.messageSignal.asReadonly();
  /** The server's 400 `fields` of the last refused save. */
  readonly fieldErrors = this.errorsSignal.asReadonly();
  /** Something the server does not have yet. */
  readonly unsaved = computed(() => {
    const state = this.stateSignal();
    return state !== 'idle' && state !== 'saved';
  });

  private latest: T | undefined;
  private dirty = false;
  private version = 0;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  /** The timer fired while a save was on its way: save again right after it. */
  private again = false;
  private held = false;
  private stopped = false;

  constructor(options: AutosaveOptions<T, S>) {
    this.save = options.save;
    this.delayMs = options.delayMs ?? 2_000;
    this.classify = options.classify ?? classifySaveError;
    this.onSaved = options.onSaved;
  }

  /** The version the next save is made over. */
  get currentVersion(): number {
    return this.version;
  }

  /** The newest value, saved or not (undefined until the first change). */
  get value(): T | undefined {
    return this.latest;
  }

  /** Starts over from what the server has (after loading, reloading, submitting or signing). */
  reset(version: number, savedAt: string | null): void {
    this.clearTimer();
    this.version = version;
    this.latest = undefined;
    this.dirty = false;
    this.again = false;
    this.attempt = 0;
    this.stopped = false;
    this.savedAtSignal.set(savedAt);
    this.messageSignal.set(null);
    this.errorsSignal.set([]);
    this.stateSignal.set('idle');
  }

  /** A change: saved once `delayMs` pass without another. */
  change(value: T): void {
    this.latest = value;
    this.dirty = true;
    if (this.stopped) return;
    this.attempt = 0;
    if (this.held) return;
    this.schedule(this.delayMs);
    // While offline the page keeps saying so until a save gets through.
    if (!this.inFlight && this.stateSignal() !== 'retrying') this.stateSignal.set('pending');
  }

  /**
   * Pauses saving (while submitting or signing): drops the waiting save and waits for the one on its way,
   * so the caller holds the newest version. Changes meanwhile are kept for `release`.
   */
  async hold(): Promise<void> {
    this.held = true;
    this.clearTimer();
    while (this.inFlight) await this.inFlight;
  }

  /** Resumes saving after `hold`; saves soon when changes are waiting. */
  release(): void {
    this.held = false;
    if (this.dirty && !this.stopped) {
      this.schedule(this.delayMs);
      if (!this.inFlight) this.stateSignal.set('pending');
    }
  }

  /** Saves at once what is waiting (when leaving the page); resolves when the server answered. */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.inFlight) await this.inFlight;
    if (this.dirty && !this.stopped && !this.held) await this.run();
  }

  /** Another request found the draft changed elsewhere (a stale submit or sign): stop as on a 409. */
  markConflict(): void {
    this.clearTimer();
    this.dirty = true;
    this.stopped = true;
    this.stateSignal.set('conflict');
  }

  /** Stops every timer; nothing is saved after this. */
  destroy(): void {
    this.clearTimer();
    this.stopped = true;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    if (!this.dirty || this.stopped || this.held) return;
    const value = this.latest as T;
    this.dirty = false;
    this.again = false;
    this.stateSignal.set('saving');
    this.inFlight = this.attemptSave(value);
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
    if (this.again && this.dirty && this.stateSignal() === 'pending' && this.timer === null) {
      await this.run();
    }
  }

  private async attemptSave(value: T): Promise<void> {
    try {
      const saved = await this.save(value, this.version);
      this.version = saved.version;
      this.savedAtSignal.set(saved.savedAt);
      this.messageSignal.set(null);
      this.errorsSignal.set([]);
      // Changes made while saving are still to be saved.
      this.stateSignal.set(this.dirty ? 'pending' : 'saved');
      this.onSaved?.(saved);
    } catch (error) {
      // The value that failed is still the one to save, unless a newer one came meanwhile.
      this.dirty = true;
      if (this.latest === undefined) this.latest = value;
      const failure = this.classify(error);
      this.messageSignal.set(errorMessage(error));
      if (failure === 'conflict' || failure === 'failed') {
        this.stopped = true;
        this.clearTimer();
        this.stateSignal.set(failure);
      } else if (failure === 'invalid') {
        // A newer edit (its save already scheduled) may fix it; the refused value is not retried.
        if (this.latest === value) this.clearTimer();
        this.errorsSignal.set(fieldErrors(error));
        this.stateSignal.set('invalid');
      } else {
        this.attempt += 1;
        this.stateSignal.set('retrying');
        if (!this.held) this.schedule(retryDelay(this.attempt));
      }
    }
  }
}
