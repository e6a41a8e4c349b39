import { HttpErrorResponse } from '@angular/common/http';
import { Autosave, classifySaveError, retryDelay, SavedDraft } from './autosave';

interface Call {
  value: string;
  version: number;
  resolve: (saved: SavedDraft) => void;
  reject: (error: unknown) => void;
}

function setup(delayMs = 2000) {
  const calls: Call[] = [];
  const autosave = new Autosave<string>({
    delayMs,
    save: (value, version) =>
      new Promise<SavedDraft>((resolve, reject) => calls.push({ value, version, resolve, reject })),
  });
  autosave.reset(3, null);
  return { autosave, calls };
}

const saved = (version: number, savedAt = '2026-05-10T10:42:00Z'): SavedDraft => ({
  version,
  savedAt,
});
const httpError = (status: number, body: unknown = null) =>
  new HttpErrorResponse({ status, error: body });

describe('Autosave', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('waits for a pause in typing, then saves the newest value once', async () => {
    const { autosave, calls } = setup();
    autosave.change('a');
    await jest.advanceTimersByTimeAsync(1500);
    autosave.change('ab');
    await jest.advanceTimersByTimeAsync(1500);
    expect(calls).toHaveLength(0);
    expect(autosave.state()).toBe('pending');

    await jest.advanceTimersByTimeAsync(500);
    expect(calls.map((c) => [c.value, c.version])).toEqual([['ab', 3]]);
    expect(autosave.state()).toBe('saving');

    calls[0].resolve(saved(4));
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.state()).toBe('saved');
    expect(autosave.savedAt()).toBe('2026-05-10T10:42:00Z');
    expect(autosave.currentVersion).toBe(4);
    expect(autosave.unsaved()).toBe(false);
  });

  it('keeps one save on its way at a time and saves later changes over the new version', async () => {
    const { autosave, calls } = setup();
    autosave.change('a');
    await jest.advanceTimersByTimeAsync(2000);
    autosave.change('ab');
    await jest.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(1);

    calls[0].resolve(saved(4));
    await jest.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => [c.value, c.version])).toEqual([
      ['a', 3],
      ['ab', 4],
    ]);
    calls[1].resolve(saved(5));
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.state()).toBe('saved');
  });

  it('says it is retrying when the server cannot be reached, and tries again with backoff', async () => {
    const { autosave, calls } = setup();
    autosave.change('a');
    await jest.advanceTimersByTimeAsync(2000);
    calls[0].reject(httpError(0));
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.state()).toBe('retrying');
    expect(autosave.unsaved()).toBe(true);

    await jest.advanceTimersByTimeAsync(retryDelay(1));
    expect(calls).toHaveLength(2);
    calls[1].reject(httpError(503));
    await jest.advanceTimersByTimeAsync(retryDelay(2) - 1);
    expect(calls).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.value)).toEqual(['a', 'a', 'a']);

    calls[2].resolve(saved(4));
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.state()).toBe('saved');
  });

  it('keeps saying "retrying" while the person keeps typing offline, and saves the newest text', async () => {
    const { autosave, calls } = setup();
    autosave.change('a');
    await jest.advanceTimersByTimeAsync(2000);
    calls[0].reject(httpError(0));
    await jest.advanceTimersByTimeAsync(0);
    autosave.change('abc');
    expect(autosave.state()).toBe('retrying');
    await jest.advanceTimersByTimeAsync(2000);
    expect(calls[1].value).toBe('abc');
  });

  it('stops on a conflict and keeps the unsaved value', async () => {
    const { autosave, calls } = setup();
    autosave.change('mine');
    await jest.advanceTimersByTimeAsync(2000);
    calls[0].reject(httpError(409, { statusCode: 409, error: 'Conflict', message: 'Changed.' }));
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.state()).toBe('conflict');
    expect(autosave.value).toBe('mine');

    autosave.change('mine, more');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(autosave.value).toBe('mine, more');

    autosave.reset(7, '2026-05-10T11:00:00Z');
    expect(autosave.state()).toBe('idle');
    autosave.change('again');
    await jest.advanceTimersByTimeAsync(2000);
    expect(calls[1].version).toBe(7);
  });

  it('stops like a stale save when signing finds the note changed', async () => {
    const { autosave, calls } = setup();
    autosave.change('mine');
    autosave.markConflict();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(0);
    expect(autosave.state()).toBe('conflict');
    expect(autosave.unsaved()).toBe(true);
  });

  it('shows the server’s reasons on 400 and tries again only after the next edit', async () => {
    const { autosave, calls } = setup();
    autosave.change('x'.repeat(10));
    await jest.advanceTimersByTimeAsync(2000);
    calls[0].reject(
      httpError(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Check the note.',
        fields: [{ field: 'sections.plan', reasons: ['Keep it shorter.'] }],
      }),
    );
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.state()).toBe('invalid');
    expect(autosave.fieldErrors()).toEqual([
      { field: 'sections.plan', reasons: ['Keep it shorter.'] },
    ]);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);

    autosave.change('short');
    await jest.advanceTimersByTimeAsync(2000);
    expect(calls[1].value).toBe('short');
  });

  it('holds saving while signing and resumes with what was typed meanwhile', async () => {
    const { autosave, calls } = setup();
    autosave.change('a');
    await jest.advanceTimersByTimeAsync(2000);
    const held = autosave.hold();
    calls[0].resolve(saved(4));
    await held;
    expect(autosave.currentVersion).toBe(4);

    autosave.change('ab');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1);

    autosave.release();
    await jest.advanceTimersByTimeAsync(2000);
    expect(calls.map((c) => [c.value, c.version])).toEqual([
      ['a', 3],
      ['ab', 4],
    ]);
  });

  it('saves at once on flush (leaving the page) and never after destroy', async () => {
    const { autosave, calls } = setup();
    autosave.change('a');
    const flushed = autosave.flush();
    expect(calls).toHaveLength(1);
    calls[0].resolve(saved(4));
    await flushed;
    expect(autosave.state()).toBe('saved');

    autosave.change('b');
    autosave.destroy();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
  });
});

describe('classifySaveError', () => {
  it('treats conflicts, refusals and outages differently', () => {
    expect(classifySaveError(httpError(409))).toBe('conflict');
    expect(classifySaveError(httpError(400))).toBe('invalid');
    expect(classifySaveError(httpError(404))).toBe('failed');
    expect(classifySaveError(httpError(0))).toBe('transient');
    expect(classifySaveError(httpError(502))).toBe('transient');
    expect(classifySaveError(new Error('boom'))).toBe('transient');
  });
});

describe('retryDelay', () => {
  it('doubles from 2 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6].map(retryDelay)).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
  });
});
