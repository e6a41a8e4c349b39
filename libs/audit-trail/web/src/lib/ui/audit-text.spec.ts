import { actionText, detailsText, entityTypeText, shortId } from './audit-text';

describe('audit text', () => {
  it('says known actions in words and spells out unknown ones', () => {
    expect(actionText('note.signed')).toBe('Signed a note');
    expect(actionText('note.exported')).toBe('Downloaded a note as PDF');
    expect(actionText('note.addendum_signed')).toBe('Signed an addendum');
    expect(actionText('exercise.archived_twice')).toBe('Exercise: archived twice');
    expect(actionText('toString')).toBe('ToString');
    expect(actionText('login')).toBe('Login');
  });

  it('names record types', () => {
    expect(entityTypeText('note')).toBe('Note');
    expect(entityTypeText('something_else')).toBe('something else');
  });

  it('shows metadata as short pairs, never dumping nested values', () => {
    expect(
      detailsText({ sessionId: 'abc', version: 3, sections: ['plan'], extra: { a: 1 }, x: null }),
    ).toBe('session id: abc · version: 3 · sections: 1 item · extra: … · x: –');
    expect(detailsText({})).toBe('');
    expect(detailsText({ caseId: '0f0e0d0c-1111-4222-8333-444455556666' })).toBe(
      'case id: 0f0e0d0c…',
    );
  });

  it('shows the records the details point to by the names the API gave, ids otherwise', () => {
    const caseId = '0f0e0d0c-1111-4222-8333-444455556666';
    const userId = '1a2b3c4d-1111-4222-8333-444455556666';
    expect(
      detailsText(
        { caseId, userId, version: 2 },
        { caseId: 'Rivera family', userId: 'Sam Rivera' },
      ),
    ).toBe('case: Rivera family · person: Sam Rivera · version: 2');
    // A case that is gone (or out of reach) has no name: its id stays, shortened.
    expect(detailsText({ caseId, authorId: userId }, { authorId: 'Alex' })).toBe(
      'case id: 0f0e0d0c… · author: Alex',
    );
  });

  it('shortens ids', () => {
    expect(shortId('0123456789abcdef')).toBe('01234567');
    expect(shortId('abc')).toBe('abc');
  });
});
