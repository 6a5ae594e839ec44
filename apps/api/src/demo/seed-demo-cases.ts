import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@rl/config';
import { AppModule } from '../app.module';
import { seedDemoCases } from './demo-cases';
import { seedDemoDocuments, seedDemoProxies } from './demo-extras';

/** `npm run seed` step 2: demo cases through the real services (run by scripts/db.ts). */
export async function runDemoCaseSeed(): Promise<{ created: string[]; skipped: string[] }> {
  // The adjustable clock lets the seed write a believable history; only in this process.
  const config = { ...loadConfig({ ...process.env, LOG_LEVEL: 'warn', NODE_ENV: process.env.NODE_ENV === 'production' ? 'development' : process.env.NODE_ENV }), ENABLE_TEST_CLOCK: true };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const result = await seedDemoCases(app);
    // Issue 14 points 6-7: PDFs on the demo cases and the demo consultant's fuldmagter (each idempotent).
    const documents = await seedDemoDocuments(app);
    const proxies = await seedDemoProxies(app);
    (documents > 0 ? result.created : result.skipped).push(`demo documents (${documents} added)`);
    (proxies > 0 ? result.created : result.skipped).push(`demo fuldmagter (${proxies} added)`);
    return result;
  } finally {
    await app.close();
  }
}
