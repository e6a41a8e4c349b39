import { takeFragmentToken } from './fragment-token';

describe('takeFragmentToken', () => {
  it('reads the token of a mailed link and takes it out of the address bar', () => {
    history.replaceState(null, '', '/reset-password#token=abc_DEF-123');
    expect(takeFragmentToken()).toBe('abc_DEF-123');
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/reset-password');
  });

  it('is empty for a link without one', () => {
    history.replaceState(null, '', '/unsubscribe');
    expect(takeFragmentToken()).toBe('');
  });
});
