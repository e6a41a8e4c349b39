import { toAssignRequest, toCloseRequest, toUpdateCaseRequest } from './case-requests';

describe('case requests', () => {
  const detail = {
    version: 4,
    title: 'Sam & Alex',
    type: 'couple' as const,
    startedOn: '2026-11-03',
  };

  it('sends only what changed, always with the version that was read', () => {
    expect(
      toUpdateCaseRequest(detail, {
        title: ' Sam & Alex ',
        type: 'couple',
        startedOn: new Date(2026, 10, 3),
      }),
    ).toEqual({ version: 4 });
    expect(
      toUpdateCaseRequest(detail, {
        title: 'The Riveras',
        type: 'family',
        startedOn: new Date(2026, 10, 10),
      }),
    ).toEqual({ version: 4, title: 'The Riveras', type: 'family', startedOn: '2026-11-10' });
  });

  it('assigns co-counselors only beside a primary counselor, with a trimmed reason', () => {
    expect(
      toAssignRequest({
        primaryCounselorId: 'omar',
        coCounselorIds: ['omar', 'maya'],
        reason: ' Leave ',
      }),
    ).toEqual({ primaryCounselorId: 'omar', coCounselorIds: ['maya'], reason: 'Leave' });
    expect(
      toAssignRequest({ primaryCounselorId: null, coCounselorIds: ['maya'], reason: 'Paused' }),
    ).toEqual({ primaryCounselorId: null, coCounselorIds: [], reason: 'Paused' });
  });

  it('leaves out an empty closing note', () => {
    expect(toCloseRequest({ outcome: 'reconciled', note: '  ' })).toEqual({
      outcome: 'reconciled',
    });
    expect(toCloseRequest({ outcome: 'referred_on', note: ' Lakeside ' })).toEqual({
      outcome: 'referred_on',
      note: 'Lakeside',
    });
  });
});
