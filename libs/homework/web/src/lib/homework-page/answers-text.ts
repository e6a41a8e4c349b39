import type { AnswerValue, Answers, FieldDef, HomeworkMember } from '@mend/shared/contracts';

function optionLabel(field: FieldDef, value: string): string {
  return field.options?.find((o) => o.value === value)?.label ?? value;
}

function valueText(
  field: FieldDef,
  value: AnswerValue | undefined,
  indent: string,
  members: readonly HomeworkMember[],
): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.type) {
    case 'member':
      // By name; text that names nobody (written before it was a choice) as it is.
      return typeof value === 'string'
        ? (members.find((m) => m.userId === value)?.displayName ?? value)
        : '';
    case 'scale':
      return typeof value === 'number' ? `${value} / 10` : '';
    case 'single_choice':
      return typeof value === 'string' ? optionLabel(field, value) : '';
    case 'checklist':
      return Array.isArray(value)
        ? value
            .filter((v): v is string => typeof v === 'string')
            .map((v) => `${indent}- ${optionLabel(field, v)}`)
            .join('\n')
        : '';
    case 'multiple_choice': {
      const choice = Array.isArray(value)
        ? { values: value.filter((v): v is string => typeof v === 'string'), other: undefined }
        : typeof value === 'object'
          ? (value as { values?: string[]; other?: string })
          : { values: [] };
      const lines = (choice.values ?? []).map((v) => `${indent}- ${optionLabel(field, v)}`);
      if (choice.other) lines.push(`${indent}- Other: ${choice.other}`);
      return lines.join('\n');
    }
    case 'list': {
      if (!Array.isArray(value)) return '';
      return (value as Answers[])
        .map((item, i) => {
          const parts = (field.itemFields ?? [])
            .map((sub) => {
              const text = valueText(sub, item?.[sub.key], `${indent}    `, members);
              return text
                ? `${indent}  ${sub.label}: ${text.includes('\n') ? `\n${text}` : text}`
                : '';
            })
            .filter(Boolean);
          return [`${indent}${i + 1}.`, ...parts].join('\n');
        })
        .join('\n');
    }
    default:
      return typeof value === 'string' ? value : '';
  }
}

/**
 * The answers as plain text, question by question, for a person to copy aside (after a
 * conflict). Unanswered questions are left out; `member` answers read as names.
 */
export function answersAsText(
  fields: FieldDef[],
  answers: Answers,
  members: readonly HomeworkMember[] = [],
): string {
  return fields
    .map((field) => {
      const text = valueText(field, answers[field.key], '', members);
      return text ? `${field.label}\n${text}` : '';
    })
    .filter(Boolean)
    .join('\n\n');
}
