import { criticalAnswers } from './critical-answers';
import { fieldDefinitionProblems } from './field-rules';
import { SAFETY_CHECK } from './safety-check';

describe('SAFETY_CHECK', () => {
  it('is a sound form', () => {
    expect(fieldDefinitionProblems(SAFETY_CHECK.fields)).toEqual([]);
  });

  it('asks about each risk, and gives every risk question a critical rule', () => {
    const risk = SAFETY_CHECK.fields.filter((f) => f.type === 'single_choice');
    expect(risk.map((f) => f.key)).toEqual([
      'afraid_of_partner',
      'hurt_or_threatened',
      'controlled',
      'sexual_pressure',
      'safe_together_at_home',
      'safe_to_get_messages',
      'thoughts_of_self_harm',
    ]);
    for (const field of risk) {
      expect({ key: field.key, critical: field.critical?.when }).toEqual({
        key: field.key,
        critical: 'is_one_of',
      });
      expect(field.help?.length).toBeGreaterThan(20);
    }
  });

  it('alerts on every answer but no, safe, or rather not say', () => {
    for (const field of SAFETY_CHECK.fields.filter((f) => f.type === 'single_choice')) {
      for (const option of field.options ?? []) {
        const critical = criticalAnswers(SAFETY_CHECK.fields, { [field.key]: option.value });
        const calm = ['no', 'safe', 'rather_not_say'].includes(option.value);
        expect({ field: field.key, option: option.value, critical: critical.length }).toEqual({
          field: field.key,
          option: option.value,
          critical: calm ? 0 : 1,
        });
      }
    }
  });

  it('ends with an optional private note, and says only the counselor reads it', () => {
    const last = SAFETY_CHECK.fields[SAFETY_CHECK.fields.length - 1];
    expect(last).toMatchObject({ key: 'anything_else', type: 'long_text', required: false });
    expect(last.critical).toBeUndefined();
    expect(SAFETY_CHECK.instructions).toContain('Only your counselor reads your answers.');
    expect(SAFETY_CHECK.instructions).toContain('Your partner is never told');
  });
});
