import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, ROLES } from '@mend/shared/contracts';
import type {
  AcceptInvitationRequest,
  ChangePasswordRequest,
  InviteUserRequest,
  LoginRequest,
  PasswordResetConfirm,
  PasswordResetRequest,
  Role,
} from '@mend/shared/contracts';

const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'maya@harbor.example' })
  @Transform(trimLower)
  @MaxLength(254)
  @IsEmail({}, { message: 'Enter a valid email address.' })
  email!: string;

  @ApiProperty()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  @IsString()
  @IsNotEmpty({ message: 'Enter your password.' })
  password!: string; // the length cap (4× the longest valid password) refuses huge guesses before hashing
}

export class InvitationTokenDto {
  @ApiProperty()
  @MaxLength(200)
  @IsString()
  @IsNotEmpty({ message: 'The invitation link is incomplete.' })
  token!: string;
}

/**
 * Accepting sets the password only: the name others see is the one the admin gave, so an
 * invited person cannot pass as someone else (a `displayName` here answers 400).
 */
export class AcceptInvitationDto extends InvitationTokenDto implements AcceptInvitationRequest {
  @ApiProperty({ description: '12–128 characters, not a common password' })
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  @IsString()
  @IsNotEmpty({ message: 'Choose a password.' })
  password!: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  @IsString()
  @IsNotEmpty({ message: 'Enter your current password.' })
  currentPassword!: string;

  @ApiProperty()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  @IsString()
  @IsNotEmpty({ message: 'Choose a new password.' })
  newPassword!: string;
}

export class InviteUserDto implements InviteUserRequest {
  @ApiProperty()
  @Transform(trimLower)
  @MaxLength(254)
  @IsEmail({}, { message: 'Enter a valid email address.' })
  email!: string;

  @ApiProperty()
  @Transform(trim)
  @MaxLength(120)
  @IsString()
  @IsNotEmpty({ message: 'Enter the person’s name.' })
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `Role must be one of: ${ROLES.join(', ')}.` })
  role!: Role;
}

export class PasswordResetRequestDto implements PasswordResetRequest {
  @ApiProperty({ example: 'sam@harbor.example' })
  @Transform(trimLower)
  @MaxLength(254)
  @IsEmail({}, { message: 'Enter a valid email address.' })
  email!: string;
}

export class PasswordResetConfirmDto implements PasswordResetConfirm {
  @ApiProperty()
  @MaxLength(200)
  @IsString()
  @IsNotEmpty({ message: 'The reset link is incomplete.' })
  token!: string;

  @ApiProperty({ description: '12–128 characters, not a common password' })
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  @IsString()
  @IsNotEmpty({ message: 'Choose a password.' })
  password!: string;
}
