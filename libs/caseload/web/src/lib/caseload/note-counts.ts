/** How long the oldest unsigned note has waited: "today", "3 days", "5 weeks". */
export function waitingText(oldestUnsignedAt: string | null, now = new Date()): string {
  if (!oldestUnsignedAt) return '–';
  const days = Math.floor((now.getTime() - new Date(oldestUnsignedAt).getTime()) / 86_400_000);
  if (days < 1) return 'today';
  if (days < 14) return days === 1 ? '1 day' : `${days} days`;
  return `${Math.floor(days / 7)} weeks`;
}

/** A note waiting longer than this deserves the admin's attention. */
export const UNSIGNED_ATTENTION_DAYS = 7;

export function waitingTooLong(oldestUnsignedAt: string | null, now = new Date()): boolean {
  if (!oldestUnsignedAt) return false;
  return (
    now.getTime() - new Date(oldestUnsignedAt).getTime() > UNSIGNED_ATTENTION_DAYS * 86_400_000
  );
}
