import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '@rl/config';
import { InfraModule } from '@rl/server-infra';
import { ProblemFilter } from './common/problem.filter';
import { HealthModule } from './health/health.module';
import { DocumentsModule } from './documents';
import { NotificationsModule } from './notifications';
import { AuthGuard, AuthModule } from './auth';
import { CasesModule } from './cases/cases.module';
import { ApplicationModule } from './application/application.controller';
import { TasksModule } from './tasks/tasks.controller';
import { InsightModule } from './insight/insight.controller';
import { CoordinationModule } from './coordination/coordination.controller';
import { StatisticsModule } from './statistics/statistics.controller';
import { TransparencyModule } from './transparency/transparency.controller';
import { CalendarModule } from './calendar/calendar.controller';
import { TestClockModule } from './test-clock/test-clock.module';
import { OpsModule } from './ops';
import { AdminCalendarModule } from './admin-calendar/admin-calendar.controller';
import { AdminUsersModule } from './admin-users/admin-users.controller';
import { DecisionsModule } from './decisions/decisions.module';
import { ProxyModule } from './proxy/proxy.controller';
import { WebhooksModule } from './webhooks/webhooks.controller';
import { MachineClientsModule } from './machine-clients/machine-clients.controller';
import { SchemasModule } from './schemas/schemas.controller';
import { BundleModule } from './exchange/bundle.controller';
import { InfoBundlesModule } from './info-bundles/info-bundles.controller';
import { JointHearingsModule } from './joint-hearings/joint-hearings.controller';
import { ReferralsModule } from './referrals/referrals.controller';
import { DelegationModule } from './delegation/delegation.controller';
import { GatewaysModule } from './gateways/gateways.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfraModule.forRoot(config),
        HealthModule,
        DocumentsModule,
        ApplicationModule,
        NotificationsModule,
        AuthModule,
        CasesModule,
        TasksModule,
        InsightModule,
        CoordinationModule,
        StatisticsModule,
        TransparencyModule,
        CalendarModule,
        OpsModule,
        AdminUsersModule,
        AdminCalendarModule,
        DecisionsModule,
        ProxyModule,
        WebhooksModule,
        MachineClientsModule,
        SchemasModule,
        BundleModule,
        InfoBundlesModule,
        JointHearingsModule,
        ReferralsModule,
        DelegationModule,
        GatewaysModule,
        // POST /test/clock exists only when explicitly enabled (never in production).
        ...(config.ENABLE_TEST_CLOCK ? [TestClockModule] : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
