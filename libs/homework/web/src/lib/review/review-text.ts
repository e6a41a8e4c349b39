import type { HomeworkDetail } from '@mend/shared/contracts';

/** What sharing means for this response, in a sentence, as the toggle stands now. */
export function shareExplanation(
  d: Pick<HomeworkDetail, 'shared' | 'member' | 'together'>,
  others: string,
): string {
  const who = d.member?.displayName ?? 'This member';
  if (d.together) return 'Together homework is visible to every member of the case already.';
  return d.shared
    ? `${others} can read this response (read-only) under “Shared with you”. Turn it off to make it private to ${who} and the counselors again.`
    : `Private: only ${who} and the case’s counselors can read it. Share it when ${others} should read it, such as an accountability letter you have reviewed.`;
}
