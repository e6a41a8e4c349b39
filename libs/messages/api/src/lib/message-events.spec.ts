import { forCaller } from './message-events';

const CLINIC = '00000000-0000-4000-8000-000000000001';
const event = (topic: string, clinicId = CLINIC) => ({
  topic,
  clinicId,
  threadId: '00000000-0000-4000-8000-0000000000aa',
  caseId: '00000000-0000-4000-8000-0000000000bb',
});

describe('which live events reach a stream', () => {
  it('passes new messages on to clients and counselors of the clinic', () => {
    expect(forCaller(event('message'), { clinicId: CLINIC, role: 'client' })).toBe(true);
    expect(forCaller(event('message'), { clinicId: CLINIC, role: 'counselor' })).toBe(true);
  });

  it('tells only counselors of reads: a partner never learns when the other one reads', () => {
    expect(forCaller(event('read'), { clinicId: CLINIC, role: 'counselor' })).toBe(true);
    expect(forCaller(event('read'), { clinicId: CLINIC, role: 'client' })).toBe(false);
  });

  it('drops another clinic’s events and other topics', () => {
    const elsewhere = '00000000-0000-4000-8000-000000000002';
    expect(forCaller(event('message', elsewhere), { clinicId: CLINIC, role: 'client' })).toBe(
      false,
    );
    expect(forCaller(event('homework'), { clinicId: CLINIC, role: 'counselor' })).toBe(false);
  });
});
