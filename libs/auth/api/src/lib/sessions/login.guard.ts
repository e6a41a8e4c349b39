import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationException } from '@mend/shared/server';
import { LoginDto } from '../dto/auth.dto';

/**
 * Validates the sign-in body (400 with fields, like every other endpoint) before the local
 * strategy checks the credentials.
 */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ body: unknown }>();
    const dto = plainToInstance(LoginDto, request.body ?? {});
    const errors = await validate(dto, {
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: true,
    });
    if (errors.length > 0) throw validationException(errors);
    request.body = dto;
    return (await super.canActivate(context)) as boolean;
  }
}
