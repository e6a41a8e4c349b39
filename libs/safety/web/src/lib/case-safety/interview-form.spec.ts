import { toInterviewRequest } from './interview-form';

describe('toInterviewRequest', () => {
  it('sends the day as picked, and the note only when written', () => {
    expect(
      toInterviewRequest('u1', {
        heldOn: new Date(2026, 4, 3),
        mode: 'phone',
        outcome: 'individual_first',
        note: '  ',
      }),
    ).toEqual({ clientId: 'u1', heldOn: '2026-05-03', mode: 'phone', outcome: 'individual_first' });
    expect(
      toInterviewRequest('u1', {
        heldOn: new Date(2026, 4, 3),
        mode: 'video',
        outcome: 'cleared',
        note: ' Safe at home. ',
      }),
    ).toMatchObject({ note: 'Safe at home.' });
  });

  it('is null while the day or the outcome is missing', () => {
    const value = { heldOn: new Date(), mode: 'in_person' as const, outcome: null, note: '' };
    expect(toInterviewRequest('u1', value)).toBeNull();
    expect(toInterviewRequest('u1', { ...value, outcome: 'cleared', heldOn: null })).toBeNull();
    expect(
      toInterviewRequest('u1', { ...value, outcome: 'cleared', heldOn: new Date('nope') }),
    ).toBeNull();
  });
});
