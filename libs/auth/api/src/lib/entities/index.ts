import { Clinic } from './clinic.entity';
import { Invitation } from './invitation.entity';
import { LoginFailure } from './login-failure.entity';
import { LoginSession } from './login-session.entity';
import { PasswordReset, PasswordResetRequest } from './password-reset.entity';
import { SecondFactor } from './second-factor.entity';
import { User } from './user.entity';

export {
  Clinic,
  Invitation,
  LoginFailure,
  LoginSession,
  PasswordReset,
  PasswordResetRequest,
  SecondFactor,
  User,
};
export const AUTH_ENTITIES = [
  Clinic,
  User,
  LoginSession,
  Invitation,
  LoginFailure,
  PasswordReset,
  PasswordResetRequest,
  SecondFactor,
];
