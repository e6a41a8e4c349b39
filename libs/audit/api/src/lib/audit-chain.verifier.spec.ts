import { auditChainHash } from './audit-chain.verifier';

describe('auditChainHash', () => {
  const fields = [
    'ab12',
    'aaaaaaaa-0000-4000-8000-000000000001',
    'cccccccc-0000-4000-8000-000000000002',
    '7',
    null,
    'case.opened',
    'case',
    'eeeeeeee-0000-4000-8000-000000000003',
    '{"title": "Sam & Alex | ünï 😀"}',
    '10.0.0.1',
    '2026-11-02T10:00:00.123456',
  ];

  it('matches what audit_event_hash() computes in PostgreSQL for the same event', () => {
    // SELECT audit_event_hash('ab12', 'aaaaaaaa-…01', 'cccccccc-…02', 7, NULL, 'case.opened',
    //   'case', 'eeeeeeee-…03', '{"title": "Sam & Alex | ünï 😀"}', '10.0.0.1',
    //   '2026-11-02 10:00:00.123456+00')
    expect(auditChainHash(fields)).toBe(
      'ee55c5453e4ed7323aa45dba62d99066062fe25e9672ae58559e6acf03da1f15',
    );
  });

  it('changes when a separator moves from one value into its neighbour', () => {
    const a = auditChainHash(['x', 'case.opened|case', 'y']);
    const b = auditChainHash(['x', 'case.opened', 'case|y']);
    expect(a).not.toBe(b);
  });
});
