import { Module } from '@nestjs/common';
import { AuthController, DevLoginEnabledGuard } from './auth.controller';
import { TokenService } from './token.service';
import { UserDirectory } from './user-directory.service';

/**
 * Authentication (dev-login / OIDC bearer tokens) and role checks. The global AuthGuard is
 * registered as APP_GUARD in AppModule (after the ThrottlerGuard) and resolves its
 * dependencies from the providers exported here.
 */
@Module({
  controllers: [AuthController],
  providers: [TokenService, UserDirectory, DevLoginEnabledGuard],
  exports: [TokenService, UserDirectory],
})
export class AuthModule {}
