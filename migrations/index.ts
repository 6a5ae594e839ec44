import { CreateDirectory1763900000000 } from './1763900000000-CreateDirectory';
import { CreateCasesAndPermits1763900100000 } from './1763900100000-CreateCasesAndPermits';
import { CreateTasksAndDeadlineAlerts1763900200000 } from './1763900200000-CreateTasksAndDeadlineAlerts';
import { AddInboxAndDashboardIndexes1763900300000 } from './1763900300000-AddInboxAndDashboardIndexes';
import { AddAppealPeriodIndex1763900400000 } from './1763900400000-AddAppealPeriodIndex';
import { CreateCaseStatsView1763900500000 } from './1763900500000-CreateCaseStatsView';
import { CreateExternalIdentities1764000003000 } from './1764000003000-CreateExternalIdentities';
import { CreateAppClock1764000005000 } from './1764000005000-CreateAppClock';
import { AddPermitReapplication1764000008000 } from './1764000008000-AddPermitReapplication';
import { CasesWithoutL206Ceiling1764000009000 } from './1764000009000-CasesWithoutL206Ceiling';
import { AddValidityAlerts1764000009100 } from './1764000009100-AddValidityAlerts';
import { CreateBusinessCalendar1764000120100 } from './1764000120100-CreateBusinessCalendar';
import { CreateCaseApplications1764000130100 } from './1764000130100-CreateCaseApplications';
import { CreateProxyGrants1764000140100 } from './1764000140100-CreateProxyGrants';
import { AddDocumentVersions1764000140200 } from './1764000140200-AddDocumentVersions';
import { CreateDecisionsAndHearings1764000150100 } from './1764000150100-CreateDecisionsAndHearings';
import { CreateWebhooks1764000160100 } from './1764000160100-CreateWebhooks';
import { CreateMachineClients1764000160200 } from './1764000160200-CreateMachineClients';
import { CreateCaseImports1764000160300 } from './1764000160300-CreateCaseImports';
import { AddNotificationPreferences1764000170100 } from './1764000170100-AddNotificationPreferences';
import { CreateTaskAssignmentAudit1764000170200 } from './1764000170200-CreateTaskAssignmentAudit';
import { CreateCoordinationAndForecasts1764000180100 } from './1764000180100-CreateCoordinationAndForecasts';
import { CreateReferralsAndAuthorityChanges1764000220100 } from './1764000220100-CreateReferralsAndAuthorityChanges';
import { CreateInfoBundlesAndJointHearings1764000230100 } from './1764000230100-CreateInfoBundlesAndJointHearings';
import { CreateCasePublicationConsents1764000240100 } from './1764000240100-CreateCasePublicationConsents';
import { AddIndustrialParkCasesIndex1764000270100 } from './1764000270100-AddIndustrialParkCasesIndex';
import { AddForecastStalenessIndexes1764000280100 } from './1764000280100-AddForecastStalenessIndexes';
import { AddWebhookDeliveryLease1764000290100 } from './1764000290100-AddWebhookDeliveryLease';
import { AddPermitDecidedStatsIndex1764000300100 } from './1764000300100-AddPermitDecidedStatsIndex';
import { AddDecisionDocumentCatalogVersion1764000310100 } from './1764000310100-AddDecisionDocumentCatalogVersion';
import { PlanFinalDayAfterKlagefrist1764000320100 } from './1764000320100-PlanFinalDayAfterKlagefrist';

/** Every migration in order. Files are `<unixMs>-<VerbNoun>.ts` and never edited after merge. */
export const MIGRATIONS = [
  CreateDirectory1763900000000,
  CreateCasesAndPermits1763900100000,
  CreateTasksAndDeadlineAlerts1763900200000,
  AddInboxAndDashboardIndexes1763900300000,
  AddAppealPeriodIndex1763900400000,
  CreateCaseStatsView1763900500000,
  CreateExternalIdentities1764000003000,
  CreateAppClock1764000005000,
  AddPermitReapplication1764000008000,
  CasesWithoutL206Ceiling1764000009000,
  AddValidityAlerts1764000009100,
  CreateBusinessCalendar1764000120100,
  CreateCaseApplications1764000130100,
  CreateProxyGrants1764000140100,
  AddDocumentVersions1764000140200,
  CreateDecisionsAndHearings1764000150100,
  CreateWebhooks1764000160100,
  CreateMachineClients1764000160200,
  CreateCaseImports1764000160300,
  AddNotificationPreferences1764000170100,
  CreateTaskAssignmentAudit1764000170200,
  CreateCoordinationAndForecasts1764000180100,
  CreateReferralsAndAuthorityChanges1764000220100,
  CreateInfoBundlesAndJointHearings1764000230100,
  CreateCasePublicationConsents1764000240100,
  AddIndustrialParkCasesIndex1764000270100,
  AddForecastStalenessIndexes1764000280100,
  AddWebhookDeliveryLease1764000290100,
  AddPermitDecidedStatsIndex1764000300100,
  AddDecisionDocumentCatalogVersion1764000310100,
  PlanFinalDayAfterKlagefrist1764000320100,
];
