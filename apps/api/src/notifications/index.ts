export { NotificationsModule } from './notifications.module';
export { NotificationsService, NotificationNotFoundError } from './notifications.service';
