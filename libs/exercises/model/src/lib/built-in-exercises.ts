import type {
  ExerciseContent,
  FieldDef,
  FieldOption,
  MeasureBand,
  MeasureScoring,
} from '@mend/shared/contracts';

export interface BuiltInExercise extends ExerciseContent {
  /** Stable id of the built-in across clinics and versions. */
  key: string;
  /** Every built-in says in one warm, plain sentence what it asks (the library's cards show it). */
  summary: string;
}

/** The exercise as any other: without its built-in key; `measure` is null for an exercise. */
export function builtInContent(exercise: BuiltInExercise): ExerciseContent {
  const { title, summary, stage, audience, recurrence, instructions, fields, measure } = exercise;
  return {
    title,
    summary,
    stage,
    audience,
    recurrence,
    instructions,
    fields,
    measure: measure ?? null,
  };
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
/** One of the case's members, picked by name (together exercises). */
const member = (key: string, label: string): FieldDef => ({
  key,
  type: 'member',
  label,
  required: true,
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

/** The answer scale of the PHQ-9 and the GAD-7. */
const FREQUENCY: FieldOption[] = [
  { value: 'not_at_all', label: 'Not at all', score: 0 },
  { value: 'several_days', label: 'Several days', score: 1 },
  { value: 'more_than_half', label: 'More than half the days', score: 2 },
  { value: 'nearly_every_day', label: 'Nearly every day', score: 3 },
];
const frequency = (key: string, label: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  key,
  type: 'single_choice',
  label,
  required: true,
  options: FREQUENCY.map((o) => ({ ...o })),
  ...extra,
});
const band = (
  min: number,
  max: number,
  label: string,
  severity: MeasureBand['severity'],
): MeasureBand => ({ min, max, label, severity });

/** The PHQ and GAD screeners' own notice (they are free to reproduce). */
const PHQ_ATTRIBUTION =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';

const PHQ9_FIELDS: FieldDef[] = [
  frequency('little_interest', 'Little interest or pleasure in doing things'),
  frequency('feeling_down', 'Feeling down, depressed, or hopeless'),
  frequency('sleep', 'Trouble falling or staying asleep, or sleeping too much'),
  frequency('tired', 'Feeling tired or having little energy'),
  frequency('appetite', 'Poor appetite or overeating'),
  frequency(
    'feeling_bad',
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
  ),
  frequency(
    'concentrating',
    'Trouble concentrating on things, such as reading the newspaper or watching television',
  ),
  frequency(
    'moving_speaking',
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
  ),
  frequency(
    'better_off_dead',
    'Thoughts that you would be better off dead or of hurting yourself in some way',
    { critical: { when: 'at_least', value: 1 } },
  ),
];

const GAD7_FIELDS: FieldDef[] = [
  frequency('nervous', 'Feeling nervous, anxious, or on edge'),
  frequency('control_worrying', 'Not being able to stop or control worrying'),
  frequency('worrying_too_much', 'Worrying too much about different things'),
  frequency('trouble_relaxing', 'Trouble relaxing'),
  frequency('restless', 'Being so restless that it is hard to sit still'),
  frequency('irritable', 'Becoming easily annoyed or irritable'),
  frequency('afraid', 'Feeling afraid, as if something awful might happen'),
];

const scoring = (fields: FieldDef[], rest: Omit<MeasureScoring, 'items'>): MeasureScoring => ({
  items: fields.map((f) => f.key),
  ...rest,
});

/**
 * Scored measures clients fill in every two weeks beside their exercises: the PHQ-9 and the
 * GAD-7 (public-domain screeners, word for word) and Mend's own short relationship check, which
 * is not a validated scale and says so. Stage means nothing for a measure (the UI shows
 * "Measure"); `acknowledge` only fills the column.
 */
export const BUILT_IN_MEASURES: BuiltInExercise[] = [
  {
    key: 'phq9',
    title: 'PHQ-9 · Patient Health Questionnaire',
    summary:
      'Nine questions about low mood over the last two weeks: a validated screener for depression.',
    stage: 'acknowledge',
    audience: 'each_member',
    recurrence: 'fortnightly',
    instructions:
      'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    fields: PHQ9_FIELDS,
    measure: scoring(PHQ9_FIELDS, {
      method: 'sum',
      bands: [
        band(0, 4, 'Minimal', 'none'),
        band(5, 9, 'Mild', 'mild'),
        band(10, 14, 'Moderate', 'moderate'),
        band(15, 19, 'Moderately severe', 'moderately_severe'),
        band(20, 27, 'Severe', 'severe'),
      ],
      attribution: PHQ_ATTRIBUTION,
      validated: true,
    }),
  },
  {
    key: 'gad7',
    title: 'GAD-7 · Generalized Anxiety Disorder scale',
    summary:
      'Seven questions about worry and nerves over the last two weeks: a validated screener for anxiety.',
    stage: 'acknowledge',
    audience: 'each_member',
    recurrence: 'fortnightly',
    instructions:
      'Over the last 2 weeks, how often have you been bothered by the following problems?',
    fields: GAD7_FIELDS,
    measure: scoring(GAD7_FIELDS, {
      method: 'sum',
      bands: [
        band(0, 4, 'Minimal', 'none'),
        band(5, 9, 'Mild', 'mild'),
        band(10, 14, 'Moderate', 'moderate'),
        band(15, 21, 'Severe', 'severe'),
      ],
      attribution: PHQ_ATTRIBUTION,
      validated: true,
    }),
  },
  {
    key: 'relationship_check',
    title: 'Mend relationship check',
    summary:
      'Three quick questions on trust, safety and commitment, each from 0 to 10, to follow over the weeks.',
    stage: 'acknowledge',
    audience: 'each_member',
    recurrence: 'fortnightly',
    instructions:
      'Three quick questions about where you stand with your partner right now, each from 0 to 10. This is Mend’s own short check, not a validated scale: it does not diagnose anything. Its value is in seeing, with your counselor, how your answers move over the weeks. Answer for how things are today, honestly; there are no right numbers.',
    fields: [
      {
        ...scale('trust', 'How much do I trust my partner right now?', 'Not at all', 'Completely'),
        help: 'Trust can be partial and uneven. Give the number that fits today.',
      },
      {
        ...scale(
          'safety',
          'How safe do I feel with my partner right now?',
          'Not safe at all',
          'Completely safe',
        ),
        help: 'Safe in body and in feelings: able to speak up without fear of what happens next.',
        critical: { when: 'at_most', value: 2 },
      },
      {
        ...scale(
          'commitment',
          'How committed am I to working on this relationship?',
          'Not at all',
          'Fully committed',
        ),
        help: 'Being unsure is an honest answer too.',
      },
    ],
    measure: {
      method: 'sum',
      items: ['trust', 'safety', 'commitment'],
      bands: [
        band(0, 10, 'Low', 'severe'),
        band(11, 20, 'In the middle', 'moderate'),
        band(21, 30, 'High', 'none'),
      ],
      attribution:
        'Mend’s own short check, written by Mend for counselors to follow trends. Not a validated scale; not for diagnosis.',
      validated: false,
    },
  },
];

/**
 * The starting library (DOMAIN.md), one exercise per need along the path of repair, then the
 * built-in measures. Texts are Mend's own, except the PHQ-9 and GAD-7; counselors copy and adapt
 * them for their clinic.
 */
export const BUILT_IN_EXERCISES: BuiltInExercise[] = [
  {
    key: 'naming_the_hurt',
    title: 'Naming the hurt',
    summary:
      'Notice which feelings are with you this week, how strong they are, what stirred them and what you need.',
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
    summary:
      'Write to your partner about what you did, the hurt it caused and what you will do differently, with no excuses.',
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
    summary:
      'After reading the letter, say what reached you, what still feels missing and what you still need to ask.',
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
    summary:
      'A short daily account of what you shared openly, the questions you answered and anything you held back.',
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
    summary:
      'Notice the urge to punish or check up, what you did instead, and what would help you feel safe.',
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
    summary:
      'Together, each of you says what safety looks like now, and you agree on one small next step.',
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
          member('who', 'Who is speaking'),
          text('safety_looks_like', 'Safety looks like…'),
        ],
      },
      text('next_step', 'The next step we agree on'),
    ],
  },
  {
    key: 'honest_check_in',
    title: 'Honest check-in',
    summary: 'Name a feeling, a need, where you stand today and one grievance you want to raise.',
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
    summary:
      'Together, write down clear agreements for going forward, each with a date to look at it again.',
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
    summary:
      'List this week’s promises and whether you kept them, and one act of care given freely.',
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
    summary:
      'A quick weekly reading of trust and safety from 0 to 10, with one thing that helped and one that hurt.',
    stage: 'time',
    audience: 'each_member',
    recurrence: 'weekly',
    instructions:
      'A quick weekly reading. Answer for today only; the value of this check-in is in watching the line move over weeks and months, not in any single number.',
    fields: [
      scale('trust', 'How much do I trust my partner today?', 'Not at all', 'Completely'),
      {
        ...scale(
          'safety',
          'How safe do I feel in this relationship today?',
          'Not at all',
          'Completely',
        ),
        critical: { when: 'at_most', value: 2 },
      },
      short('helped', 'One thing that helped this week'),
      short('hurt', 'One thing that hurt this week'),
    ],
  },
  {
    key: 'pace_of_intimacy',
    title: 'Pace of intimacy',
    summary:
      'Say privately where you are with closeness: what you are ready for, and what not yet.',
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
    summary:
      'Ask yourself whether you want to keep working on this, what you need in order to decide, and what healing looks like either way.',
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
  ...BUILT_IN_MEASURES,
];
