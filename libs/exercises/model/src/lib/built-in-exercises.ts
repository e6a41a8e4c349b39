import type { ExerciseContent, FieldDef, FieldOption } from '@mend/shared/contracts';

export interface BuiltInExercise extends ExerciseContent {
  /** Stable id of the built-in across clinics and versions. */
  key: string;
}

/** The exercise as any other: without its built-in key. */
export function builtInContent(exercise: BuiltInExercise): ExerciseContent {
  const { title, stage, audience, recurrence, instructions, fields } = exercise;
  return { title, stage, audience, recurrence, instructions, fields };
}

const text = (key: string, label: string, required = true, help?: string): FieldDef => ({
  key,
  type: 'long_text',
  label,
  required,
  ...(help ? { help } : {}),
});
const short = (key: string, label: string, required = true): FieldDef => ({
  key,
  type: 'short_text',
  label,
  required,
});
const scale = (key: string, label: string, minLabel: string, maxLabel: string): FieldDef => ({
  key,
  type: 'scale',
  label,
  required: true,
  minLabel,
  maxLabel,
});
const options = (...labels: [string, string][]): FieldOption[] =>
  labels.map(([value, label]) => ({ value, label }));

/**
 * The starting library (DOMAIN.md), one exercise per need along the path of repair. Texts are
 * Mend's own; counselors copy and adapt them for their clinic.
 */
export const BUILT_IN_EXERCISES: BuiltInExercise[] = [
  {
    key: 'naming_the_hurt',
    title: 'Naming the hurt',
    stage: 'acknowledge',
    audience: 'each_member',
    recurrence: 'weekly',
    instructions:
      'Hurt that has no name tends to leak out sideways. Take ten quiet minutes to notice what you are feeling this week, how strong it is, and what set it off. There are no wrong answers, and nothing here needs to be fair or finished.',
    fields: [
      {
        key: 'feelings',
        type: 'multiple_choice',
        label: 'Which feelings are with you this week?',
        required: true,
        allowOther: true,
        options: options(
          ['anger', 'Anger'],
          ['sadness', 'Sadness'],
          ['confusion', 'Confusion'],
          ['fear', 'Fear'],
          ['shame', 'Shame'],
          ['numbness', 'Numbness'],
          ['hope', 'Hope'],
          ['relief', 'Relief'],
        ),
      },
      scale(
        'intensity',
        'How strong are these feelings right now?',
        'Barely there',
        'Overwhelming',
      ),
      text('triggers', 'What stirred them up this week?'),
      text('need', 'What do you need right now, from yourself or from others?'),
    ],
  },
  {
    key: 'accountability_letter',
    title: 'Accountability letter',
    stage: 'responsibility',
    audience: 'broke_trust',
    recurrence: 'once',
    instructions:
      'Write to your partner about what you did, in plain words and without softening it. This letter is about owning your part, not explaining it away. Your counselor reads it first and decides with you when it is ready to be shared.',
    fields: [
      text(
        'what_i_did',
        'What I did',
        true,
        'Name the actions themselves, as specifically as you can.',
      ),
      text('impact', 'The impact I understand it had on you'),
      text(
        'not_excusing',
        'What I am not excusing',
        true,
        'Reasons you might be tempted to give, and why they do not make it acceptable.',
      ),
      text('doing_differently', 'What I will do differently, starting now'),
    ],
  },
  {
    key: 'response_to_letter',
    title: 'Response to the letter',
    stage: 'responsibility',
    audience: 'was_hurt',
    recurrence: 'once',
    instructions:
      'After reading the accountability letter, write down how it sat with you. Some of it may have reached you and some may not have. Both are useful to know, and you do not have to be gentle or generous here.',
    fields: [
      text('what_landed', 'What landed with me'),
      text('still_missing', 'What still feels missing'),
      text('questions', 'Questions I still need answered', false),
    ],
  },
  {
    key: 'transparency_check_in',
    title: 'Transparency check-in',
    stage: 'transparency',
    audience: 'broke_trust',
    recurrence: 'daily',
    instructions:
      'A short, regular account of how open you have been. Openness is offered, not extracted: the aim is to show you can be relied on, not to hand over control. Be honest about the gaps too.',
    fields: [
      text('shared_proactively', 'What I shared without being asked'),
      text('asked_and_answered', 'Questions I was asked, and how I answered them', false),
      text(
        'held_back',
        'Anything I held back, and why',
        false,
        'Noticing this is part of the work; write it even if it is uncomfortable.',
      ),
    ],
  },
  {
    key: 'repair_not_revenge',
    title: 'Repair, not revenge',
    stage: 'repair',
    audience: 'was_hurt',
    recurrence: 'weekly',
    instructions:
      'Your hurt is real and your anger makes sense. Healing stalls, though, when it turns into punishment or constant checking. Notice those moments this week without judging yourself, and what helped you choose differently.',
    fields: [
      text('urge_moments', 'Moments I wanted to punish or check up on my partner'),
      text('what_i_did_instead', 'What I did instead'),
      text('safety_without_surveillance', 'What would help me feel safe without keeping watch'),
    ],
  },
  {
    key: 'safety_conversation',
    title: 'Safety conversation',
    stage: 'conversations',
    audience: 'together',
    recurrence: 'once',
    instructions:
      'Sit down together, with your phones away, and take turns answering the question below. Listen to understand rather than to reply. Write one shared answer, then agree on a single small next step.',
    fields: [
      {
        key: 'answers',
        type: 'list',
        label: 'What does safety look like for us now?',
        required: true,
        maxItems: 8,
        itemFields: [
          short('who', 'Who is speaking'),
          text('safety_looks_like', 'Safety looks like…'),
        ],
      },
      text('next_step', 'The next step we agree on'),
    ],
  },
  {
    key: 'honest_check_in',
    title: 'Honest check-in',
    stage: 'conversations',
    audience: 'each_member',
    recurrence: 'weekly',
    instructions:
      'Four short prompts to say where you really are. Bring what you write to your next session if talking about it at home still feels too hard.',
    fields: [
      short('feeling', 'A feeling I have right now'),
      short('need', 'A need I have'),
      text('where_i_stand', 'Where I stand today'),
      text('grievance', 'One unresolved grievance I want to raise', false),
    ],
  },
  {
    key: 'relationship_agreement',
    title: 'Relationship agreement',
    stage: 'agreements',
    audience: 'together',
    recurrence: 'once',
    instructions:
      'Write down the agreements you are making for the way forward: boundaries, concrete changes and a rhythm of checking in. Keep each one specific enough that you will both know whether it was kept. Each of you confirms the agreement; you will review it together later.',
    fields: [
      {
        key: 'agreements',
        type: 'list',
        label: 'Our agreements',
        required: true,
        maxItems: 20,
        itemFields: [
          {
            key: 'category',
            type: 'single_choice',
            label: 'Kind of agreement',
            required: true,
            options: options(
              ['contact_boundaries', 'Contact boundaries'],
              ['behaviour_change', 'Behaviour change'],
              ['check_in_rhythm', 'Check-in rhythm'],
              ['other', 'Other'],
            ),
          },
          text('agreement', 'The agreement'),
          { key: 'review_on', type: 'date', label: 'Review on', required: true },
          {
            key: 'review',
            type: 'single_choice',
            label: 'At review: how did it go?',
            required: false,
            options: options(
              ['kept', 'Kept'],
              ['partly_kept', 'Partly kept'],
              ['broken', 'Broken'],
            ),
          },
        ],
      },
    ],
  },
  {
    key: 'promise_log',
    title: 'Promise log',
    stage: 'reciprocity',
    audience: 'each_member',
    recurrence: 'weekly',
    instructions:
      'Trust grows from promises kept, big and small. List the promises you made this week and whether you kept them, honestly. Add one act of care you offered without expecting anything back.',
    fields: [
      {
        key: 'promises',
        type: 'list',
        label: 'Promises I made this week',
        required: true,
        maxItems: 15,
        itemFields: [
          short('promise', 'The promise'),
          {
            key: 'kept',
            type: 'single_choice',
            label: 'Did I keep it?',
            required: true,
            options: options(['yes', 'Yes'], ['partly', 'Partly'], ['no', 'No']),
          },
        ],
      },
      text('act_of_care', 'One act of care I gave without expecting a return'),
    ],
  },
  {
    key: 'trust_thermometer',
    title: 'Trust thermometer',
    stage: 'time',
    audience: 'each_member',
    recurrence: 'weekly',
    instructions:
      'A quick weekly reading. Answer for today only; the value of this check-in is in watching the line move over weeks and months, not in any single number.',
    fields: [
      scale('trust', 'How much do I trust my partner today?', 'Not at all', 'Completely'),
      scale('safety', 'How safe do I feel in this relationship today?', 'Not at all', 'Completely'),
      short('helped', 'One thing that helped this week'),
      short('hurt', 'One thing that hurt this week'),
    ],
  },
  {
    key: 'pace_of_intimacy',
    title: 'Pace of intimacy',
    stage: 'time',
    audience: 'each_member',
    recurrence: 'once',
    instructions:
      'Closeness comes back at its own pace, and things looking fine on the surface is not the same as being ready. Write where you are, privately; your counselor helps you find words to share it when the time is right.',
    fields: [
      scale(
        'closeness',
        'Where am I on closeness right now?',
        'Need distance',
        'Ready for closeness',
      ),
      text('ready_for', 'What I am ready for'),
      text('not_ready_for', 'What I am not ready for yet'),
    ],
  },
  {
    key: 'way_forward',
    title: 'Way forward',
    stage: 'way_forward',
    audience: 'each_member',
    recurrence: 'once',
    instructions:
      'Sometimes rebuilding is possible and sometimes it is not, and healing apart can be the most caring outcome. Answer for yourself only. Your counselor will support you whichever way you decide.',
    fields: [
      {
        key: 'willing',
        type: 'single_choice',
        label: 'Am I willing to keep working on this relationship?',
        required: true,
        options: options(['yes', 'Yes'], ['unsure', 'Unsure'], ['no', 'No']),
      },
      text('to_decide', 'What I still need in order to decide'),
      text('healing_looks_like', 'What healing looks like for me, either way'),
    ],
  },
];
