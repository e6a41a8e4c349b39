import { HttpErrorResponse } from '@angular/common/http';
import type { AddendumView, NoteSaved } from '@mend/shared/contracts';
import { AddendumState, type AddendumApi } from './addendum-state';

const addendum = (overrides: Partial<AddendumView> = {}): AddendumView => ({
  id: 'a1',
  text: 'First words',
  version: 1,
  author: { userId: 'm', displayName: 'Maya Lind' },
  contributors: [{ userId: 'm', displayName: 'Maya Lind' }],
  createdAt: '2026-05-11T09:00:00Z',
  savedAt: '2026-05-11T09:00:00Z',
  signedAt: null,
  signedBy: null,
  ...overrides,
});

function setup(draft: AddendumView | null = null) {
  const api = {
    note: jest.fn<Promise<{ addenda: AddendumView[] }>, [string]>(),
    addAddendum: jest.fn<Promise<AddendumView>, [string, string]>(),
    saveAddendum: jest.fn<Promise<NoteSaved>, [string, string, string, number]>(),
    signAddendum: jest.fn<Promise<AddendumView>, [string, string, number]>(),
  } satisfies AddendumApi;
  return { api, state: new AddendumState(api, 'n1', draft, { delayMs: 2000 }) };
}

describe('AddendumState', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('creates the draft with the first words, then saves over its version', async () => {
    const { api, state } = setup();
    api.addAddendum.mockResolvedValue(addendum({ text: 'First', version: 1 }));
    state.edit('First');
    await jest.advanceTimersByTimeAsync(2000);
    expect(api.addAddendum).toHaveBeenCalledWith('n1', 'First');
    expect(state.addendum()?.id).toBe('a1');

    api.saveAddendum.mockResolvedValue({ version: 2, savedAt: '2026-05-11T09:01:00Z' });
    state.edit('First, then more');
    await jest.advanceTimersByTimeAsync(2000);
    expect(api.saveAddendum).toHaveBeenCalledWith('n1', 'a1', 'First, then more', 1);
    expect(state.autosave.state()).toBe('saved');
  });

  it('continues a draft addendum left from before', async () => {
    const { api, state } = setup(addendum({ version: 4 }));
    expect(state.text()).toBe('First words');
    api.saveAddendum.mockResolvedValue({ version: 5, savedAt: '2026-05-11T09:01:00Z' });
    state.edit('First words, continued');
    await jest.advanceTimersByTimeAsync(2000);
    expect(api.saveAddendum).toHaveBeenCalledWith('n1', 'a1', 'First words, continued', 4);
    expect(api.addAddendum).not.toHaveBeenCalled();
  });

  it('keeps the text on a 409 and can save it over the newest version', async () => {
    const { api, state } = setup(addendum());
    api.saveAddendum.mockRejectedValueOnce(new HttpErrorResponse({ status: 409 }));
    state.edit('Mine');
    await jest.advanceTimersByTimeAsync(2000);
    expect(state.conflict()).toBe(true);
    expect(state.text()).toBe('Mine');

    api.note.mockResolvedValue({ addenda: [addendum({ text: 'Theirs', version: 3 })] });
    await state.showTheirs();
    expect(state.theirs()?.text).toBe('Theirs');
    api.saveAddendum.mockResolvedValue({ version: 4, savedAt: '2026-05-11T09:02:00Z' });
    state.keepMine();
    await jest.advanceTimersByTimeAsync(2000);
    expect(api.saveAddendum).toHaveBeenLastCalledWith('n1', 'a1', 'Mine', 3);
  });

  it('signs the saved version, then saves nothing more', async () => {
    const { api, state } = setup(addendum({ version: 2 }));
    api.saveAddendum.mockResolvedValue({ version: 3, savedAt: '2026-05-11T09:01:00Z' });
    state.edit('Final words');
    await expect(state.prepareSign()).resolves.toBe(true);
    api.signAddendum.mockResolvedValue(addendum({ version: 3, signedAt: '2026-05-11T09:02:00Z' }));
    await state.sign();
    expect(api.signAddendum).toHaveBeenCalledWith('n1', 'a1', 3);
    state.edit('after');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(api.saveAddendum).toHaveBeenCalledTimes(1);
  });

  it('has nothing to sign before anything was written', async () => {
    const { state } = setup();
    expect(state.empty()).toBe(true);
    await expect(state.prepareSign()).resolves.toBe(false);
  });
});
