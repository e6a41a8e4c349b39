import { CaseCounselor } from './case-counselor.entity';
import { CaseMember } from './case-member.entity';
import { Case } from './case.entity';

export { Case, CaseCounselor, CaseMember };
export const CASELOAD_ENTITIES = [Case, CaseMember, CaseCounselor];
