import { MEMBER_LABELS, type MemberLabel } from '@mend/shared/contracts';
import { encryptionContext, type FieldEncryptionService } from '@mend/shared/server';

/**
 * The case's clinical words at rest: a member's label (who broke trust, who was hurt) and the
 * closing note are encrypted like every clinical text, each bound to its row (a value copied
 * into another row does not decrypt).
 */
export function sealLabel(
  encryption: FieldEncryptionService,
  memberRowId: string,
  label: MemberLabel | null,
): string | null {
  return label === null
    ? null
    : encryption.encrypt(label, encryptionContext('case_members', 'label_enc', memberRowId));
}

export function openLabel(
  encryption: FieldEncryptionService,
  memberRowId: string,
  stored: string | null,
): MemberLabel | null {
  if (stored === null) return null;
  const label = encryption.decrypt(
    stored,
    encryptionContext('case_members', 'label_enc', memberRowId),
  );
  return (MEMBER_LABELS as readonly string[]).includes(label) ? (label as MemberLabel) : null;
}

export function sealClosingNote(
  encryption: FieldEncryptionService,
  caseId: string,
  note: string | null,
): string | null {
  return note === null
    ? null
    : encryption.encrypt(note, encryptionContext('cases', 'closing_note_enc', caseId));
}

export function openClosingNote(
  encryption: FieldEncryptionService,
  caseId: string,
  stored: string | null,
): string | null {
  return stored === null
    ? null
    : encryption.decrypt(stored, encryptionContext('cases', 'closing_note_enc', caseId));
}
