import type { FieldDef, FieldOption } from '@mend/shared/contracts';

const RATHER_NOT_SAY: FieldOption = { value: 'rather_not_say', label: 'I’d rather not say' };

/** How often: for fear, control and thoughts of self-harm. */
const howOften = (): FieldOption[] => [
  { value: 'no', label: 'No' },
  { value: 'sometimes', label: 'Sometimes' },
  { value: 'yes', label: 'Yes, often' },
  { ...RATHER_NOT_SAY },
];

/** Whether it happened, and how recently: for harm and sexual pressure. */
const hasHappened = (): FieldOption[] => [
  { value: 'no', label: 'No' },
  { value: 'in_the_past', label: 'Yes, but not in the last year' },
  { value: 'yes', label: 'Yes, in the last year' },
  { ...RATHER_NOT_SAY },
];

/** Whether something Mend does is safe at home. */
const isItSafe = (): FieldOption[] => [
  { value: 'safe', label: 'Yes, it is safe' },
  { value: 'unsure', label: 'I’m not sure' },
  { value: 'not_safe', label: 'No, it is not safe' },
];

const question = (
  key: string,
  label: string,
  help: string,
  options: FieldOption[],
  critical: string[],
): FieldDef => ({
  key,
  type: 'single_choice',
  label,
  help,
  required: true,
  options,
  critical: { when: 'is_one_of', values: critical },
});

/**
 * Mend's own safety check-in, which each partner answers alone (never a shared exercise).
 * Written for Mend, not taken from a published instrument; it follows the common clinical
 * guidance of asking each partner separately and privately about fear, physical harm, control,
 * sexual coercion and self-harm before and during couples work. Every risk question has a
 * critical rule, so the case's counselors are alerted and the person sees the clinic's crisis
 * text as soon as they pick such an answer.
 */
export const SAFETY_CHECK: { title: string; instructions: string; fields: FieldDef[] } = {
  title: 'Your private safety check-in',
  instructions:
    'These questions are for you alone. Only your counselor reads your answers. Your partner is never told whether you answered this check-in, or what you said, and nothing here is shared in a session unless you and your counselor agree to it. Answer as honestly as feels safe; “I’d rather not say” is always fine. If you are in danger right now, call your local emergency number.',
  fields: [
    question(
      'afraid_of_partner',
      'Are you ever afraid of your partner?',
      'Feeling afraid tells your counselor a lot about what will help, and about what couples work should not ask of you yet.',
      howOften(),
      ['sometimes', 'yes'],
    ),
    question(
      'hurt_or_threatened',
      'Has your partner ever hit, pushed, hurt or threatened to hurt you?',
      'We ask everyone this. Couples sessions are only helpful when nobody is at risk of being hurt for what they say in them.',
      hasHappened(),
      ['in_the_past', 'yes'],
    ),
    question(
      'controlled',
      'Does your partner control your money, your phone, or who you can see or talk to?',
      'Control can be quiet and still do real harm. Knowing about it helps your counselor support you well.',
      howOften(),
      ['sometimes', 'yes'],
    ),
    question(
      'sexual_pressure',
      'Has your partner ever pressured or forced you into sexual acts you did not want?',
      'This is hard to put into words, and it matters. Your counselor will not raise it with your partner.',
      hasHappened(),
      ['in_the_past', 'yes'],
    ),
    question(
      'safe_together_at_home',
      'Is it safe for you to do Mend exercises together with your partner at home?',
      'Some exercises are done together. If that is not safe, your counselor can give you only exercises you do on your own.',
      isItSafe(),
      ['unsure', 'not_safe'],
    ),
    question(
      'safe_to_get_messages',
      'Is it safe for you to receive emails or notifications about Mend?',
      'If someone else might see them, your counselor can help you keep Mend private.',
      isItSafe(),
      ['unsure', 'not_safe'],
    ),
    question(
      'thoughts_of_self_harm',
      'Lately, have you had thoughts of harming yourself or of ending your life?',
      'Hurt like this can bring dark thoughts, and many people have them. Telling your counselor means you do not have to carry them alone.',
      howOften(),
      ['sometimes', 'yes'],
    ),
    {
      key: 'anything_else',
      type: 'long_text',
      label: 'Is there anything else your counselor should know, privately?',
      help: 'Anything at all, in your own words. Only your counselor reads it.',
      required: false,
      maxLength: 4000,
    },
  ],
};
