import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import type {
  ClinicSecuritySettings,
  MfaPolicy,
  PasskeyRegistrationRequest,
  SecondFactorMethod,
  TotpConfirmRequest,
} from '@mend/shared/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TotpConfirmDto implements TotpConfirmRequest {
  @ApiProperty({ example: '123456', description: 'The 6-digit code the app shows now' })
  @Transform(trim)
  @Matches(/^\d{3} ?\d{3}$/, { message: 'Enter the 6 digits your app shows.' })
  @IsString()
  code!: string;
}

/** One of the three ways; `code` for an app or recovery code, `response` for a passkey. */
export class SecondFactorDto {
  @ApiProperty({ enum: ['totp', 'passkey', 'recovery_code'] })
  @IsIn(['totp', 'passkey', 'recovery_code'], {
    message: 'method must be totp, passkey or recovery_code.',
  })
  method!: SecondFactorMethod;

  @ApiPropertyOptional({ description: 'The app code (6 digits) or a recovery code' })
  @ValidateIf((dto: SecondFactorDto) => dto.method !== 'passkey')
  @Transform(trim)
  @MaxLength(40, { message: 'This code is too long.' })
  @IsNotEmpty({ message: 'Enter the code.' })
  @IsString()
  code?: string;

  @ApiPropertyOptional({ description: 'The passkey’s answer from the browser' })
  @ValidateIf((dto: SecondFactorDto) => dto.method === 'passkey')
  @IsObject({ message: 'response must be the passkey’s answer.' })
  response?: Record<string, unknown>;
}

export class PasskeyRegistrationDto implements PasskeyRegistrationRequest {
  @ApiProperty({ description: 'The browser’s RegistrationResponseJSON' })
  @IsObject({ message: 'response must be the passkey’s answer.' })
  response!: Record<string, unknown>;

  @ApiProperty({ example: 'Work laptop' })
  @Transform(trim)
  @MaxLength(60, { message: 'Keep the name under 60 characters.' })
  @IsNotEmpty({ message: 'Give this passkey a name, e.g. "Work laptop".' })
  @IsString()
  name!: string;
}

export class ClinicSecurityDto implements ClinicSecuritySettings {
  @ApiProperty({ enum: ['staff', 'everyone'] })
  @IsIn(['staff', 'everyone'], { message: 'mfaPolicy must be staff or everyone.' })
  mfaPolicy!: MfaPolicy;
}
