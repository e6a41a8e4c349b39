import { recheckProblem } from './recheck';

describe('recheckProblem', () => {
  it('takes whole weeks from 1 to 52', () => {
    expect(recheckProblem('6')).toBeNull();
    expect(recheckProblem(' 52 ')).toBeNull();
    expect(recheckProblem('')).toMatch(/number of weeks/);
    expect(recheckProblem('2.5')).toMatch(/whole weeks/);
    expect(recheckProblem('0')).toMatch(/between 1 and 52/);
    expect(recheckProblem('53')).toMatch(/between 1 and 52/);
  });
});
