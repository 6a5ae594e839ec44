import { Module } from '@nestjs/common';
import { MailerService } from './mailer.service';

/**
 * Provides {@link MailerService}. Needs `APP_CONFIG` in scope, i.e. the global `InfraModule`
 * (or a test module that provides `APP_CONFIG` with the `SMTP_*` settings).
 */
@Module({ providers: [MailerService], exports: [MailerService] })
export class MailerModule {}
