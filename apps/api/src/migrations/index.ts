// Listed by hand: a glob finds nothing inside the webpack bundle. Append new migrations here.
import { Appointments1796200600000 } from './1796200600000-Appointments';
import { ListIndexes1796200700000 } from './1796200700000-ListIndexes';
import { Conversations1796200500000 } from './1796200500000-Conversations';
import { ExerciseSummaries1796200400000 } from './1796200400000-ExerciseSummaries';
import { SecondFactor1796200300000 } from './1796200300000-SecondFactor';
import { ClinicalTextAtRest1796200200000 } from './1796200200000-ClinicalTextAtRest';
import { KeyedAuditChain1796200100000 } from './1796200100000-KeyedAuditChain';
import { SignInLimiter1796200000000 } from './1796200000000-SignInLimiter';
import { Notifications1796142988029 } from './1796142988029-Notifications';
import { ClinicalSafety1796131891827 } from './1796131891827-ClinicalSafety';
import { PrivacyByConstruction1796120647436 } from './1796120647436-PrivacyByConstruction';
import { SessionsCaseloadIndex1795758766723 } from './1795758766723-SessionsCaseloadIndex';
import { Notes1795755957074 } from './1795755957074-Notes';
import { AuditChain1795755854503 } from './1795755854503-AuditChain';
import { Homework1795338410166 } from './1795338410166-Homework';
import { ExerciseLibrary1795338000566 } from './1795338000566-ExerciseLibrary';
import { Caseload1795335602392 } from './1795335602392-Caseload';
import { Foundation1795333509137 } from './1795333509137-Foundation';
export const MIGRATIONS = [
  Foundation1795333509137,
  Caseload1795335602392,
  ExerciseLibrary1795338000566,
  Homework1795338410166,
  AuditChain1795755854503,
  Notes1795755957074,
  SessionsCaseloadIndex1795758766723,
  PrivacyByConstruction1796120647436,
  ClinicalSafety1796131891827,
  Notifications1796142988029,
  SignInLimiter1796200000000,
  KeyedAuditChain1796200100000,
  ClinicalTextAtRest1796200200000,
  SecondFactor1796200300000,
  ExerciseSummaries1796200400000,
  Conversations1796200500000,
  Appointments1796200600000,
  ListIndexes1796200700000,
];
