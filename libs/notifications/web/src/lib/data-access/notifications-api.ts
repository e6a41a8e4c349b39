import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { queryParams } from '@mend/shared/web';
import { firstValueFrom } from 'rxjs';
import type {
  ClinicMailSettings,
  DeliveryFailures,
  NotificationItem,
  NotificationPreferences,
  Page,
  UnreadCount,
  UnsubscribeResult,
} from '@mend/shared/contracts';
import { BACKGROUND_HEADER } from '@mend/shared/contracts';

/** What the preferences page sends: everything but `timeZoneSet`, which the server decides. */
export type SavePreferences = Omit<NotificationPreferences, 'timeZoneSet'>;

/**
 * The signed-in person's notifications and mail preferences, the public unsubscribe, and the
 * admin's mail overview. The server scopes every answer to the caller.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  list(page = 1, pageSize = 20): Promise<Page<NotificationItem>> {
    return firstValueFrom(
      this.http.get<Page<NotificationItem>>('/api/notifications', {
        params: queryParams({ page, pageSize }),
      }),
    );
  }

  /** `background`: asked by the bell's timer rather than by the person. */
  unreadCount(background = false): Promise<UnreadCount> {
    return firstValueFrom(
      this.http.get<UnreadCount>('/api/notifications/unread-count', {
        headers: background ? new HttpHeaders({ [BACKGROUND_HEADER]: '1' }) : undefined,
      }),
    );
  }

  /** Marks it read and says where it leads; 404 when it is not the caller's. */
  open(id: string): Promise<NotificationItem> {
    return firstValueFrom(
      this.http.post<NotificationItem>(`/api/notifications/${encodeURIComponent(id)}/open`, {}),
    );
  }

  readAll(): Promise<UnreadCount> {
    return firstValueFrom(this.http.post<UnreadCount>('/api/notifications/read-all', {}));
  }

  preferences(): Promise<NotificationPreferences> {
    return firstValueFrom(this.http.get<NotificationPreferences>('/api/notifications/preferences'));
  }

  /** 400 names each field it refuses (`timeZone`, `quietStart`, …). */
  savePreferences(preferences: SavePreferences): Promise<NotificationPreferences> {
    return firstValueFrom(
      this.http.put<NotificationPreferences>('/api/notifications/preferences', preferences),
    );
  }

  /** Public: the signed token from a mail's link is the proof. */
  unsubscribe(token: string): Promise<UnsubscribeResult> {
    return firstValueFrom(
      this.http.post<UnsubscribeResult>('/api/notifications/unsubscribe', { token }),
    );
  }

  // Admin

  deliveries(): Promise<DeliveryFailures> {
    return firstValueFrom(this.http.get<DeliveryFailures>('/api/notifications/deliveries'));
  }

  mailSettings(): Promise<ClinicMailSettings> {
    return firstValueFrom(this.http.get<ClinicMailSettings>('/api/clinic/mail-settings'));
  }

  saveMailSettings(settings: ClinicMailSettings): Promise<ClinicMailSettings> {
    return firstValueFrom(this.http.put<ClinicMailSettings>('/api/clinic/mail-settings', settings));
  }
}
