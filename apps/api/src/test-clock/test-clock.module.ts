import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { TestClockController } from './test-clock.controller';

@Module({ controllers: [TestClockController], imports: [CasesModule] })
export class TestClockModule {}
