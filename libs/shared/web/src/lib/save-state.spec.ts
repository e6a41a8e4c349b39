import { saveStateText, saveTone, savedTime } from './save-state';

describe('saveStateText', () => {
  const now = new Date(2026, 4, 10, 11, 0);
  const at = new Date(2026, 4, 10, 10, 42).toISOString();

  it('says what happens to the draft', () => {
    expect(saveStateText('pending', null, null, now)).toBe('Saving…');
    expect(saveStateText('saving', at, null, now)).toBe('Saving…');
    expect(saveStateText('saved', at, null, now)).toBe('Draft saved 10:42');
    expect(saveStateText('idle', null, null, now)).toBe('The draft saves as you write');
    expect(saveStateText('retrying', at, 'offline', now)).toBe('Not saved – retrying');
    expect(saveStateText('conflict', at, null, now)).toBe('Not saved – changed elsewhere');
    expect(saveStateText('failed', at, 'Not found.', now)).toBe('Not saved – Not found.');
  });

  it('words homework its own way', () => {
    const words = {
      saved: 'Saved',
      idle: 'Your answers save as you write',
      invalid: 'check the marked answers',
    };
    expect(saveStateText('saved', at, null, now, words)).toBe('Saved 10:42');
    expect(saveStateText('idle', null, null, now, words)).toBe('Your answers save as you write');
    expect(saveStateText('invalid', at, 'Some answers…', now, words)).toBe(
      'Not saved – check the marked answers',
    );
  });

  it('names the day when the draft was saved on another day', () => {
    expect(savedTime(new Date(2026, 4, 8, 9, 5).toISOString(), now)).toBe('May 8, 09:05');
  });

  it('shows trouble as trouble and work as work', () => {
    expect(saveTone('conflict')).toBe('bad');
    expect(saveTone('retrying')).toBe('bad');
    expect(saveTone('saving')).toBe('busy');
    expect(saveTone('saved')).toBe('ok');
  });
});
