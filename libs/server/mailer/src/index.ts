export { MailerModule } from './lib/mailer.module';
export { MailerService, SMTP_TIMEOUTS, notificationMessageId, senderDomain } from './lib/mailer.service';
export type { MailerConfig, SendNotificationInput } from './lib/mailer.service';
export { NOTIFICATION_KINDS, NOTIFICATION_LOCALES, escapeHtml, isNotificationKind, renderNotification } from './lib/templates';
export type { DecisionOutcome, NotificationData, NotificationKind, NotificationLocale, RenderedNotification } from './lib/templates';
export { formatLongDate } from './lib/dates';
export { renderProxyInvitation } from './lib/invitation';
export type { ProxyInvitationData } from './lib/invitation';
