import { safeReturnUrl } from './guards';

describe('safeReturnUrl', () => {
  it('keeps internal paths', () => {
    expect(safeReturnUrl('/cases/42?tab=homework')).toBe('/cases/42?tab=homework');
  });

  it('refuses other sites and loops', () => {
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('/sign-in')).toBe('/');
    expect(safeReturnUrl(undefined)).toBe('/');
  });
});
