import { registerEncryptedColumn } from '@mend/shared/server';
import { CaseCounselor } from './case-counselor.entity';
import { CaseMember } from './case-member.entity';
import { CaseStageChange } from './case-stage-change.entity';
import { Case } from './case.entity';

registerEncryptedColumn({ table: 'case_stage_changes', column: 'reason_enc' });
registerEncryptedColumn({ table: 'case_members', column: 'label_enc' });
registerEncryptedColumn({ table: 'cases', column: 'closing_note_enc' });

export { Case, CaseCounselor, CaseMember, CaseStageChange };
export const CASELOAD_ENTITIES = [Case, CaseMember, CaseCounselor, CaseStageChange];
