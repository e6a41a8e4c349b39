import { EscapeTwice } from './escape-twice';

describe('EscapeTwice', () => {
  it('answers true on a second press soon after the first, then starts over', () => {
    const escapes = new EscapeTwice(1500);
    expect(escapes.press(1000)).toBe(false);
    expect(escapes.press(2000)).toBe(true);
    expect(escapes.press(2100)).toBe(false);
  });

  it('ignores presses too far apart', () => {
    const escapes = new EscapeTwice(1500);
    expect(escapes.press(0)).toBe(false);
    expect(escapes.press(1600)).toBe(false);
    expect(escapes.press(2000)).toBe(true);
  });
});
