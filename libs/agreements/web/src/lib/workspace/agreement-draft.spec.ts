import { HttpErrorResponse } from '@angular/common/http';
import type { AgreementView, SaveAgreementRequest } from '@mend/shared/contracts';
import {
  AgreementDraftState,
  groupByCategory,
  requestOf,
  type AgreementDraftApi,
} from './agreement-draft';
import { pausedByFlags, waitingFor } from './agreement-text';

const VIEW: AgreementView = {
  id: 'a1',
  caseId: 'c1',
  number: 1,
  status: 'draft',
  reviewOn: null,
  signedAt: null,
  updatedAt: '2026-11-30T10:00:00.000Z',
  items: [
    { category: 'check_in_rhythm', text: 'Sunday check-ins' },
    { category: 'contact_boundaries', text: 'No contact with J.' },
  ],
  version: 4,
  signatures: [],
  members: [
    { userId: 'sam', displayName: 'Sam Rivera', signed: false },
    { userId: 'alex', displayName: 'Alex Morgan', signed: true },
  ],
  can: { edit: true, sign: true, review: false },
};

const conflict = (code?: string) =>
  new HttpErrorResponse({
    status: 409,
    error: { statusCode: 409, error: 'Conflict', message: 'No.', ...(code ? { code } : {}) },
  });

function fakeApi(): AgreementDraftApi & { saves: SaveAgreementRequest[] } {
  const saves: SaveAgreementRequest[] = [];
  return {
    saves,
    get: jest.fn(async () => ({ ...VIEW, version: 9 })),
    save: jest.fn(async (_id: string, request: SaveAgreementRequest) => {
      saves.push(request);
      return { ...VIEW, ...request, version: request.version + 1 } as AgreementView;
    }),
    sign: jest.fn(async (_id: string, request: { typedName: string; version: number }) => ({
      ...VIEW,
      version: request.version,
    })),
  };
}

describe('agreement draft', () => {
  it('groups items in the categories’ order and sends them without empty rows', () => {
    expect(groupByCategory(VIEW.items).map((g) => g.label)).toEqual([
      'Contact boundaries',
      'Check-in rhythm',
    ]);
    expect(groupByCategory([], true)).toHaveLength(4);
    expect(
      requestOf({
        items: [
          { key: 1, category: 'other', text: '  Walks  ' },
          { key: 2, category: 'behaviour_change', text: '   ' },
          { key: 3, category: 'contact_boundaries', text: 'No contact' },
        ],
        reviewOn: '',
      }),
    ).toEqual({
      items: [
        { category: 'contact_boundaries', text: 'No contact' },
        { category: 'other', text: 'Walks' },
      ],
      reviewOn: null,
    });
  });

  it('autosaves over the version read and carries the new one on', async () => {
    const api = fakeApi();
    const state = new AgreementDraftState(api, VIEW, { delayMs: 0 });
    const key = state.add('other');
    expect(key).not.toBeNull();
    state.edit(key as number, 'A walk on Sundays');
    await state.autosave.flush();
    expect(api.saves).toEqual([
      {
        items: [
          { category: 'contact_boundaries', text: 'No contact with J.' },
          { category: 'check_in_rhythm', text: 'Sunday check-ins' },
          { category: 'other', text: 'A walk on Sundays' },
        ],
        reviewOn: null,
        version: 4,
      },
    ]);
    expect(state.autosave.currentVersion).toBe(5);
    expect(state.view().version).toBe(5);
    await state.sign('Sam Rivera');
    expect(api.sign).toHaveBeenCalledWith('a1', { typedName: 'Sam Rivera', version: 5 });
    await state.destroy();
  });

  it('after a conflict keeps the person’s items and saves them over the newest version', async () => {
    const api = fakeApi();
    (api.save as jest.Mock).mockRejectedValueOnce(conflict());
    const state = new AgreementDraftState(api, VIEW, { delayMs: 0 });
    state.setReviewOn('2027-03-01');
    await state.autosave.flush();
    expect(state.conflict()).toBe(true);
    await state.keepMine();
    await state.autosave.flush();
    expect(api.saves.at(-1)).toMatchObject({ reviewOn: '2027-03-01', version: 9 });
    expect(state.conflict()).toBe(false);
    await state.destroy();
  });

  it('stops saving when joint work closed, and says so', async () => {
    const api = fakeApi();
    (api.save as jest.Mock).mockRejectedValueOnce(conflict('joint_work_closed'));
    const state = new AgreementDraftState(api, VIEW, { delayMs: 0 });
    state.remove(state.draft().items[0].key);
    await state.autosave.flush();
    expect(state.closed()).toBe('No.');
    expect(state.autosave.state()).toBe('failed');
    await state.destroy();
  });

  it('reads joint work as paused from what nobody may do, and who still signs', () => {
    expect(pausedByFlags(VIEW)).toBe(false);
    expect(pausedByFlags({ ...VIEW, can: { edit: false, sign: false, review: false } })).toBe(true);
    expect(
      pausedByFlags({ status: 'signed', can: { edit: false, sign: false, review: true } }),
    ).toBe(false);
    expect(pausedByFlags(null)).toBe(false);
    expect(waitingFor(VIEW, 'sam')).toEqual(['you']);
    expect(waitingFor(VIEW, 'alex')).toEqual(['Sam Rivera']);
  });
});
