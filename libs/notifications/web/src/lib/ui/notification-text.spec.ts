import { badgeText, bellLabel, whenText } from './notification-text';

describe('notification text', () => {
  it('says the unread count in the bell’s label and badge', () => {
    expect(bellLabel(null)).toBe('Notifications');
    expect(bellLabel(0)).toBe('Notifications');
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(100)).toBe('99+');
  });

  it('says when, relative on the day, then by date', () => {
    const now = new Date(2026, 4, 12, 15, 30);
    const at = (...parts: [number, number, number, number, number]) =>
      new Date(...parts).toISOString();
    expect(whenText(at(2026, 4, 12, 15, 29), new Date(2026, 4, 12, 15, 29, 30))).toBe('Just now');
    expect(whenText(at(2026, 4, 12, 15, 29), now)).toBe('1 minute ago');
    expect(whenText(at(2026, 4, 12, 15, 18), now)).toBe('12 minutes ago');
    expect(whenText(at(2026, 4, 12, 12, 10), now)).toBe('3 hours ago');
    expect(whenText(at(2026, 4, 11, 9, 5), now)).toBe('Yesterday, 09:05');
    expect(whenText(at(2026, 4, 3, 14, 5), now)).toBe('May 3, 14:05');
    expect(whenText(at(2025, 11, 30, 8, 0), now)).toBe('Dec 30, 2025, 08:00');
  });
});
