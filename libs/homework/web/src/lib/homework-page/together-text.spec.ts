import type { HomeworkDetail } from '@mend/shared/contracts';
import { afterSave, needsOthers, staleCallout } from './together-text';

const SAM = { userId: 'sam', displayName: 'Sam' };
const ALEX = { userId: 'alex', displayName: 'Alex' };
const at = '2026-11-10T10:00:00Z';

type Together = Pick<HomeworkDetail, 'together' | 'confirmations' | 'staleConfirmations'>;
const together = (patch: Partial<Together>): Together => ({
  together: true,
  confirmations: [],
  staleConfirmations: [],
  ...patch,
});

describe('staleCallout', () => {
  it('names who confirmed the changed version when the viewer confirmed an earlier one', () => {
    expect(
      staleCallout(
        together({ confirmations: [{ ...ALEX, confirmedAt: at }], staleConfirmations: [SAM] }),
        'sam',
        [],
      ),
    ).toBe('Alex changed the response after you confirmed it. Read it again and confirm.');
  });

  it('names the case’s other members when nobody confirmed the new version yet', () => {
    expect(staleCallout(together({ staleConfirmations: [SAM] }), 'sam', ['Alex'])).toBe(
      'Alex changed the response after you confirmed it. Read it again and confirm.',
    );
    expect(staleCallout(together({ staleConfirmations: [SAM] }), 'sam', [])).toContain(
      'Someone changed the response',
    );
  });

  it('says so when the viewer’s own edit asked for a new confirmation', () => {
    expect(staleCallout(together({ staleConfirmations: [SAM] }), 'sam', ['Alex'], true)).toBe(
      'You changed the response after you confirmed it. Read it again and confirm.',
    );
  });

  it('is null when the viewer has nothing to confirm again', () => {
    expect(staleCallout(together({ staleConfirmations: [ALEX] }), 'sam', ['Alex'])).toBeNull();
    expect(
      staleCallout(together({ staleConfirmations: [SAM], together: false }), 'sam', []),
    ).toBeNull();
  });
});

describe('needsOthers', () => {
  it('asks for the case’s members only when no one else confirmed the new version', () => {
    expect(needsOthers(together({ staleConfirmations: [SAM] }), 'sam')).toBe(true);
    expect(
      needsOthers(
        together({ staleConfirmations: [SAM], confirmations: [{ ...ALEX, confirmedAt: at }] }),
        'sam',
      ),
    ).toBe(false);
    expect(needsOthers(together({}), 'sam')).toBe(false);
  });
});

describe('afterSave', () => {
  const detail = {
    together: true,
    version: 4,
    status: 'draft',
    confirmations: [{ ...ALEX, confirmedAt: at }],
    staleConfirmations: [SAM],
  } as HomeworkDetail;

  it('turns the confirmations into confirmations of an earlier version', () => {
    const next = afterSave(detail, { version: 5, savedAt: at, status: 'draft' });
    expect(next.version).toBe(5);
    expect(next.confirmations).toEqual([]);
    expect(next.staleConfirmations).toEqual([SAM, ALEX]);
  });

  it('keeps them when the save changed nothing', () => {
    const next = afterSave(detail, { version: 4, savedAt: at, status: 'draft' });
    expect(next.confirmations).toHaveLength(1);
    expect(next.staleConfirmations).toEqual([SAM]);
  });
});
